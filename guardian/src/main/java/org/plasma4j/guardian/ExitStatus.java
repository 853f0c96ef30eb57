package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.Optional;
import org.plasma4j.core.exit.InFlightExitState;

/** The root-chain reads the guardian makes itself: time and the state of exits it cares about. */
public interface ExitStatus {

  /** Timestamp of the root chain's head block, in seconds. */
  long headTimestamp();

  /** The in-flight exit {@code ifeId}, empty if none was started. */
  Optional<InFlightExitState> inFlightExit(BigInteger ifeId);

  /** Whether the standard exit of {@code position} has been processed. */
  boolean isStandardExitProcessed(long position);

  /** A mass-exit batch's state: 0 none, 1 pending, 2 processed, 3 paid out. */
  int massExitState(BigInteger batchId);

  int MASS_EXIT_PROCESSED = 2;
  int MASS_EXIT_PAID = 3;
}
