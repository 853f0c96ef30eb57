package org.plasma4j.core.exit;

import org.plasma4j.core.block.Block;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The arguments of startStandardExit(position, txBytes, proof, blockTimestamp): everything an owner
 * needs to withdraw without the operator's further help.
 */
public record StandardExitData(
    OutputPosition position, Bytes txBytes, Bytes proof, long blockTimestamp) {
  public StandardExitData {
    if (proof.length() != MerkleTree.PROOF_LENGTH) {
      throw new IllegalArgumentException("a proof has " + MerkleTree.PROOF_LENGTH + " bytes");
    }
  }

  /** Exit data for output {@code position} of {@code block}, whose tree the caller built once. */
  public static StandardExitData of(
      Block block, MerkleTree tree, OutputPosition position, long blockTimestamp) {
    if (position.blkNum() != block.blkNum()) {
      throw new IllegalArgumentException(
          "position " + position + " is not in block " + block.blkNum());
    }
    byte[] txBytes = block.transactions().get(position.txIndex()).txBytes();
    return new StandardExitData(
        position, Bytes.wrap(txBytes), tree.proof(position.txIndex()), blockTimestamp);
  }

  /** Whether the data proves inclusion under the block commitment stored on chain. */
  public boolean matches(Bytes32 commitment) {
    Bytes32 leaf = MerkleTree.leafHash32(txBytes.toArray());
    Bytes32 root = MerkleTree.rootFromProof(leaf, position.txIndex(), proof);
    return BlockCommitment.of(root, blockTimestamp).equals(commitment);
  }

  /** keccak256(txBytes), the transaction's hash. */
  public Bytes32 txHash() {
    return Keccak256.hash32(txBytes.toArray());
  }
}
