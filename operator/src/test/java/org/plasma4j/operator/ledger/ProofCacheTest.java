package org.plasma4j.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.operator.ledger.HeldBuild.treeOf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.merkle.MerkleTree;

class ProofCacheTest {

  private static final int CALLERS = 8;

  /**
   * Runs {@code CALLERS} callers of block 7 at once with {@code builder}, one of {@code held}'s,
   * which is released once every caller is parked.
   */
  private static List<Future<MerkleTree>> missTogether(
      ProofCache cache, HeldBuild held, LongFunction<MerkleTree> builder) throws Exception {
    List<Thread> threads = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS, r -> {
      Thread t = new Thread(r);
      synchronized (threads) {
        threads.add(t);
      }
      return t;
    });
    try {
      List<Future<MerkleTree>> results = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        results.add(pool.submit(() -> cache.get(7, builder)));
      }
      synchronized (threads) {
        while (threads.size() < CALLERS) {
          threads.wait(5);
        }
      }
      HeldBuild.awaitParked(threads);
      held.release();
      for (Future<MerkleTree> f : results) {
        try {
          f.get(HeldBuild.SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException ignored) {
          // the caller checks the outcome
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void simultaneousMissesOfOneBlockShareOneBuild() throws Exception {
    ProofCache cache = new ProofCache(16);
    HeldBuild held = new HeldBuild();
    List<Future<MerkleTree>> results = missTogether(cache, held, held.tree());
    assertThat(held.runs()).as("trees built").isEqualTo(1);
    assertThat(cache.builds()).isEqualTo(1);
    MerkleTree first = results.getFirst().get();
    assertThat(first.root()).isEqualTo(treeOf(7).root());
    for (Future<MerkleTree> f : results) {
      assertThat(f.get()).isSameAs(first);
    }
    assertThat(cache.cachedTree(7)).containsSame(first);
    assertThat(cache.get(7, b -> {
          throw new AssertionError("a hit builds nothing");
        }))
        .isSameAs(first);
  }

  @Test
  void aFailedBuildFailsItsWaitersAndIsNotCached() throws Exception {
    ProofCache cache = new ProofCache(16);
    HeldBuild held = new HeldBuild();
    List<Future<MerkleTree>> results = missTogether(cache, held, held.then(b -> {
      throw new IllegalStateException("store closed");
    }));
    assertThat(held.runs()).isEqualTo(1);
    for (Future<MerkleTree> f : results) {
      assertThatThrownBy(f::get).hasCauseInstanceOf(IllegalStateException.class);
    }
    assertThat(cache.cachedTree(7)).isEmpty();
    assertThat(cache.get(7, HeldBuild::treeOf).root()).isEqualTo(treeOf(7).root());
    assertThat(cache.builds()).isEqualTo(2);
  }

  @Test
  void aMissOfAnotherBlockDoesNotWaitForABuildInProgress() throws Exception {
    ProofCache cache = new ProofCache(16);
    HeldBuild held = new HeldBuild();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<MerkleTree> slow = held.startIn(pool, cache, 7);
      assertThat(cache.get(8, HeldBuild::treeOf).root()).isEqualTo(treeOf(8).root());
      assertThat(slow.isDone()).isFalse();
      held.release();
      assertThat(slow.get(HeldBuild.SECONDS, TimeUnit.SECONDS).root())
          .isEqualTo(treeOf(7).root());
      assertThat(cache.builds()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void lookingUpAnUncachedTreeBuildsNothing() {
    ProofCache cache = new ProofCache(2);
    assertThat(cache.cachedTree(1)).isEmpty();
    assertThat(cache.builds()).isZero();
    cache.get(1, HeldBuild::treeOf);
    cache.get(2, HeldBuild::treeOf);
    cache.get(3, HeldBuild::treeOf);
    assertThat(cache.cachedTree(1)).as("evicted, least recently used").isEmpty();
    assertThat(cache.cachedTree(3)).isPresent();
  }
}
