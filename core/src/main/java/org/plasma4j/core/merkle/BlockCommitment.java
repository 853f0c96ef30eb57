package org.plasma4j.core.merkle;

import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.types.Abi;
import org.plasma4j.core.types.Bytes32;

/**
 * What the contract stores per block: keccak256(abi.encode(root, timestamp)). One slot per block
 * keeps submitBlock and deposits cheap; provers pass root and timestamp back in calldata.
 */
public final class BlockCommitment {
  private BlockCommitment() {}

  public static Bytes32 of(Bytes32 root, long timestamp) {
    return new Bytes32(Keccak256.hashConcat(root.value(), Abi.word(timestamp)));
  }
}
