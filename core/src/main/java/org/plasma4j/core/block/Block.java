package org.plasma4j.core.block;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * A block body: ordered signed transactions. The tree is over the unsigned txBytes; signatures are
 * not committed because the contract checks them itself when it needs them.
 */
public record Block(long blkNum, List<SignedTransaction> transactions) {
  public Block {
    if (blkNum < 1) {
      throw new IllegalArgumentException("block numbers start at 1");
    }
    transactions = List.copyOf(transactions);
    if (transactions.size() > MerkleTree.CAPACITY) {
      throw new IllegalArgumentException(
          "a block holds at most " + MerkleTree.CAPACITY + " transactions");
    }
  }

  /** Builds the Merkle tree (hashes every leaf: call once and keep it for many proofs). */
  public MerkleTree merkleTree() {
    List<Bytes32> leaves = new ArrayList<>(transactions.size());
    for (SignedTransaction stx : transactions) {
      leaves.add(stx.leafHash());
    }
    return MerkleTree.fromLeafHashes(leaves);
  }

  public Bytes32 root() {
    return merkleTree().root();
  }

  /** The position of output {@code outputIndex} of transaction {@code txIndex} in this block. */
  public OutputPosition position(int txIndex, int outputIndex) {
    return OutputPosition.of(blkNum, txIndex, outputIndex);
  }
}
