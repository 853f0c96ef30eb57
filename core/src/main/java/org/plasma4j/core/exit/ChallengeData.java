package org.plasma4j.core.exit;

import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The arguments of challengeStandardExit(position, spendingTxBytes, inputIndex, signature): a
 * signed spend of the exiting output, which proves the exit invalid without any inclusion proof.
 */
public record ChallengeData(
    OutputPosition position, Bytes spendingTxBytes, int inputIndex, Signature signature) {
  /** What {@code challenger} commits to before revealing (front-running protection). */
  public Bytes32 commitment(Address challenger) {
    return ChallengeCommitment.of(challenger, position, spendingTxBytes);
  }
}
