package org.plasma4j.operator.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.merkle.MerkleTree;

/**
 * Merkle trees of recent blocks: building one hashes every leaf of the block, and exit data is
 * asked for many outputs of the same few recent blocks. Coin trees likewise: a coin's proofs for a
 * range are asked by every owner of a coin in those blocks.
 */
public final class ProofCache implements Ledger.BlockListener {

  private final Map<Long, MerkleTree> trees;
  private final Map<Long, CoinTree> coinTrees;

  public ProofCache(int blocks) {
    this(blocks, blocks);
  }

  public ProofCache(int blocks, int coinBlocks) {
    this.trees = lru(blocks);
    this.coinTrees = lru(coinBlocks);
  }

  private static <T> Map<Long, T> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, T> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public synchronized void formed(BlockRecord block, MerkleTree tree) {
    trees.put(block.blkNum(), tree);
  }

  @Override
  public synchronized void formedCoins(long blkNum, CoinTree tree) {
    if (tree.size() > 0) {
      coinTrees.put(blkNum, tree);
    }
  }

  /** The block's coin tree, built by {@code builder} on a miss (outside the lock). */
  public CoinTree coinTree(long blkNum, LongFunction<CoinTree> builder) {
    return cached(coinTrees, blkNum, builder);
  }

  /** The block's tree, built by {@code builder} on a miss (outside the lock: it may be slow). */
  public MerkleTree get(long blkNum, LongFunction<MerkleTree> builder) {
    return cached(trees, blkNum, builder);
  }

  private <T> T cached(Map<Long, T> cache, long blkNum, LongFunction<T> builder) {
    synchronized (this) {
      T t = cache.get(blkNum);
      if (t != null) {
        return t;
      }
    }
    T built = builder.apply(blkNum);
    synchronized (this) {
      cache.put(blkNum, built);
    }
    return built;
  }
}
