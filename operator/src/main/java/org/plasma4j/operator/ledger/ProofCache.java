package org.plasma4j.operator.ledger;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongFunction;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.merkle.MerkleTree;

/**
 * Merkle trees of recent blocks: building one hashes every leaf of the block, and exit data is
 * asked for many outputs of the same few recent blocks. Coin trees likewise: a coin's proofs for a
 * range are asked by every owner of a coin in those blocks. Callers that miss the same block at the
 * same time share one build.
 */
public final class ProofCache implements Ledger.BlockListener {

  private final Map<Long, MerkleTree> trees;
  private final Map<Long, CoinTree> coinTrees;
  private final Map<Long, CompletableFuture<MerkleTree>> buildingTrees = new HashMap<>();
  private final Map<Long, CompletableFuture<CoinTree>> buildingCoinTrees = new HashMap<>();
  private long builds;

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
    return cached(coinTrees, buildingCoinTrees, blkNum, builder);
  }

  /** The block's tree, built by {@code builder} on a miss (outside the lock: it may be slow). */
  public MerkleTree get(long blkNum, LongFunction<MerkleTree> builder) {
    return cached(trees, buildingTrees, blkNum, builder);
  }

  /** The block's tree if it is cached; a miss builds nothing and caches nothing. */
  public synchronized Optional<MerkleTree> cachedTree(long blkNum) {
    return Optional.ofNullable(trees.get(blkNum));
  }

  /** How many trees and coin trees misses have built so far. */
  public synchronized long builds() {
    return builds;
  }

  /**
   * The first caller to miss builds; callers that miss the same block while it builds wait for that
   * build rather than hashing the block again, and get its failure if it fails.
   */
  private <T> T cached(
      Map<Long, T> cache,
      Map<Long, CompletableFuture<T>> building,
      long blkNum,
      LongFunction<T> builder) {
    CompletableFuture<T> mine = new CompletableFuture<>();
    CompletableFuture<T> theirs;
    synchronized (this) {
      T t = cache.get(blkNum);
      if (t != null) {
        return t;
      }
      theirs = building.putIfAbsent(blkNum, mine);
      if (theirs == null) {
        builds++;
      }
    }
    if (theirs != null) {
      return await(theirs);
    }
    try {
      T built = builder.apply(blkNum);
      synchronized (this) {
        cache.put(blkNum, built);
        building.remove(blkNum);
      }
      mine.complete(built);
      return built;
    } catch (Throwable e) {
      synchronized (this) {
        building.remove(blkNum);
      }
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private static <T> T await(CompletableFuture<T> build) {
    try {
      return build.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
