package org.plasma4j.core.exit;

import org.plasma4j.core.block.Block;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * Where a transaction sits in the child chain, with what the contract needs to believe it: the
 * 512-byte Merkle proof and the block timestamp that together rebuild the stored block commitment.
 */
public record Inclusion(long blkNum, int txIndex, Bytes proof, long blockTimestamp)
    implements Comparable<Inclusion> {
  public Inclusion {
    OutputPosition.of(blkNum, txIndex, 0);
    proof.requireLength(MerkleTree.PROOF_LENGTH, "an inclusion proof");
  }

  /** Transaction {@code txIndex} of {@code block}, whose tree the caller built once. */
  public static Inclusion of(Block block, MerkleTree tree, int txIndex, long blockTimestamp) {
    return new Inclusion(block.blkNum(), txIndex, tree.proof(txIndex), blockTimestamp);
  }

  /** The position the contracts take for a transaction: that of its output 0. */
  public long position() {
    return OutputPosition.of(blkNum, txIndex, 0).encode();
  }

  /** The position of output {@code outputIndex} of the included transaction. */
  public OutputPosition outputPosition(int outputIndex) {
    return OutputPosition.of(blkNum, txIndex, outputIndex);
  }

  /**
   * Whether {@code txBytes} at this place rebuilds {@code commitment}, as the contract checks it.
   */
  public boolean proves(byte[] txBytes, Bytes32 commitment) {
    Bytes32 root = MerkleTree.rootFromProof(MerkleTree.leafHash32(txBytes), txIndex, proof);
    return BlockCommitment.of(root, blockTimestamp).equals(commitment);
  }

  /** Older first, as the exit priority and the canonicity game order transactions. */
  @Override
  public int compareTo(Inclusion o) {
    return Long.compare(position(), o.position());
  }
}
