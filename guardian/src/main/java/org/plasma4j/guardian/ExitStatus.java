package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.Optional;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.types.Address;

/**
 * The root-chain reads the guardian makes itself: time, depth, funds and the state of exits it
 * cares about.
 */
public interface ExitStatus {

  /** Timestamp of the root chain's head block, in seconds. */
  long headTimestamp();

  /**
   * Number of the root chain's head block: the confirmation depth of what the guardian sent counts
   * from it.
   */
  long headBlock();

  /** The in-flight exit {@code ifeId}, empty if none was started. */
  Optional<InFlightExitState> inFlightExit(BigInteger ifeId);

  /** The standard exit of {@code position}: {@link #EXIT_NONE}, exiting, challenged or exited. */
  int standardExitState(long position);

  /** A mass-exit batch's state: 0 none, 1 pending, 2 processed, 3 paid out. */
  int massExitState(BigInteger batchId);

  /** When the head of {@code token}'s exit queue may be processed; empty if the queue is empty. */
  Optional<Long> queueHeadExitableAt(Address token);

  /** {@code who}'s ETH on the root chain, in wei: what its transactions pay gas and bonds from. */
  BigInteger balance(Address who);

  int EXIT_NONE = 0;
  int EXIT_EXITING = 1;
  int EXIT_CHALLENGED = 2;
  int EXIT_PROCESSED = 3;
  int MASS_EXIT_PROCESSED = 2;
  int MASS_EXIT_PAID = 3;
}
