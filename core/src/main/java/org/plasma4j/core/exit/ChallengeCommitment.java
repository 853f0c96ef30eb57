package org.plasma4j.core.exit;

import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.types.Abi;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * keccak256(abi.encode(challenger, position, keccak256(spendingTxBytes))). Binding the challenger's
 * address means a copycat who replays the reveal has no matching commitment.
 */
public final class ChallengeCommitment {
  private ChallengeCommitment() {}

  public static Bytes32 of(Address challenger, OutputPosition position, Bytes spendingTxBytes) {
    return new Bytes32(Keccak256.hashConcat(
        Abi.word(challenger),
        Abi.word(position.encode()),
        Keccak256.hash(spendingTxBytes.toArray())));
  }
}
