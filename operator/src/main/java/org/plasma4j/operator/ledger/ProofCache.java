package org.plasma4j.operator.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.plasma4j.core.merkle.MerkleTree;

/**
 * Merkle trees of recent blocks: building one hashes every leaf of the block, and exit data is asked
 * for many outputs of the same few recent blocks.
 */
public final class ProofCache implements Ledger.BlockListener {

  private final Map<Long, MerkleTree> trees;

  public ProofCache(int blocks) {
    this.trees =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, MerkleTree> eldest) {
            return size() > blocks;
          }
        };
  }

  @Override
  public synchronized void formed(BlockRecord block, MerkleTree tree) {
    trees.put(block.blkNum(), tree);
  }

  /** The block's tree, built by {@code builder} on a miss (outside the lock: it may be slow). */
  public MerkleTree get(long blkNum, LongFunction<MerkleTree> builder) {
    synchronized (this) {
      MerkleTree t = trees.get(blkNum);
      if (t != null) {
        return t;
      }
    }
    MerkleTree built = builder.apply(blkNum);
    synchronized (this) {
      trees.put(blkNum, built);
    }
    return built;
  }
}
