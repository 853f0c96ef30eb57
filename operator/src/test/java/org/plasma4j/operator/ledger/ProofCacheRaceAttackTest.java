package org.plasma4j.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.ledger.HeldBuild.treeOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.types.Bytes32;

/**
 * Races around one block's build in the proof cache: no caller gets another block's tree, a tree of
 * another kind, or a tree from a build that failed; eviction, forming and other blocks' misses
 * while a build runs change none of that; an interrupted waiter still gets the tree.
 */
class ProofCacheRaceAttackTest {

  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static CoinTree coinTreeOf(long blkNum) {
    return CoinTree.of(Map.of(blkNum, new Bytes32(new byte[32])));
  }

  @Test
  void evictionWhileABuildRunsNeitherLosesNorSwapsTheTree() throws Exception {
    ProofCache cache = new ProofCache(2);
    HeldBuild held = new HeldBuild();
    Future<MerkleTree> slow = held.startIn(pool, cache, 7);
    for (long b = 1; b <= 5; b++) { // fills and evicts the two places many times over
      assertThat(cache.get(b, HeldBuild::treeOf).root()).isEqualTo(treeOf(b).root());
      cache.formed(new BlockRecord(b + 100, treeOf(b + 100).root(), 10, 0), treeOf(b + 100));
    }
    held.release();
    assertThat(slow.get(HeldBuild.SECONDS, TimeUnit.SECONDS).root())
        .isEqualTo(treeOf(7).root());
    assertThat(cache.cachedTree(7).orElseThrow().root()).isEqualTo(treeOf(7).root());
    assertThat(cache.cachedTree(105).orElseThrow().root()).isEqualTo(treeOf(105).root());
    assertThat(cache.cachedTree(1)).as("evicted").isEmpty();
  }

  @Test
  void twoBlocksBuiltAtOnceEachGetTheirOwnTree() throws Exception {
    ProofCache cache = new ProofCache(16);
    HeldBuild held = new HeldBuild(2); // both builds run at once
    List<Future<MerkleTree>> sevens = new ArrayList<>();
    List<Future<MerkleTree>> eights = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sevens.add(pool.submit(() -> cache.get(7, held.tree())));
      eights.add(pool.submit(() -> cache.get(8, held.tree())));
    }
    held.awaitStarted();
    held.release();
    for (Future<MerkleTree> f : sevens) {
      assertThat(f.get(HeldBuild.SECONDS, TimeUnit.SECONDS).root())
          .isEqualTo(treeOf(7).root());
    }
    for (Future<MerkleTree> f : eights) {
      assertThat(f.get(HeldBuild.SECONDS, TimeUnit.SECONDS).root())
          .isEqualTo(treeOf(8).root());
    }
    assertThat(cache.builds()).isEqualTo(2);
  }

  @Test
  void aTreeAndACoinTreeOfOneBlockAreNeverConfused() throws Exception {
    ProofCache cache = new ProofCache(16);
    HeldBuild held = new HeldBuild();
    Future<MerkleTree> tree = held.startIn(pool, cache, 7);
    // a coin tree miss of the same block does not wait for, nor receive, the Merkle tree build
    assertThat(cache.coinTree(7, ProofCacheRaceAttackTest::coinTreeOf).root())
        .isEqualTo(coinTreeOf(7).root());
    assertThat(tree.isDone()).isFalse();
    held.release();
    assertThat(tree.get(HeldBuild.SECONDS, TimeUnit.SECONDS).root())
        .isEqualTo(treeOf(7).root());
    assertThat(cache
            .coinTree(7, b -> {
              throw new AssertionError("cached");
            })
            .root())
        .isEqualTo(coinTreeOf(7).root());
  }

  @Test
  void aBlockFormedWhileItsTreeIsBuiltGivesEveryCallerTheSameRoot() throws Exception {
    ProofCache cache = new ProofCache(16);
    HeldBuild held = new HeldBuild();
    Future<MerkleTree> builder = held.startIn(pool, cache, 7);
    MerkleTree formed = treeOf(7);
    cache.formed(new BlockRecord(7, formed.root(), 10, 0), formed);
    assertThat(cache.get(7, b -> {
          throw new AssertionError("the formed tree is a hit");
        }))
        .isSameAs(formed);
    held.release();
    assertThat(builder.get(HeldBuild.SECONDS, TimeUnit.SECONDS).root()).isEqualTo(formed.root());
    assertThat(cache.cachedTree(7).orElseThrow().root()).isEqualTo(formed.root());
  }

  @Test
  void anInterruptedWaiterStillGetsTheTreeAndKeepsItsInterrupt() throws Exception {
    ProofCache cache = new ProofCache(16);
    HeldBuild held = new HeldBuild();
    Future<MerkleTree> builder = held.startIn(pool, cache, 7);
    CompletableFuture<MerkleTree> got = new CompletableFuture<>();
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      got.complete(cache.get(7, b -> {
        throw new AssertionError("a waiter builds nothing");
      }));
      interrupted.complete(Thread.currentThread().isInterrupted());
    });
    waiter.start();
    HeldBuild.awaitParked(List.of(waiter));
    waiter.interrupt();
    held.release();
    assertThat(got.get(HeldBuild.SECONDS, TimeUnit.SECONDS).root())
        .isEqualTo(treeOf(7).root());
    assertThat(interrupted.get(HeldBuild.SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(builder.get(HeldBuild.SECONDS, TimeUnit.SECONDS)).isSameAs(got.get());
    assertThat(cache.builds()).isEqualTo(1);
  }

  @Test
  void aBuildFailingWithAnErrorIsNotCachedAndTheNextMissBuildsAgain() throws Exception {
    ProofCache cache = new ProofCache(16);
    HeldBuild held = new HeldBuild();
    Future<MerkleTree> failing = pool.submit(() -> cache.get(7, held.then(b -> {
      throw new OutOfMemoryError("simulated");
    })));
    held.awaitStarted();
    CompletableFuture<Throwable> waiterSaw = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      try {
        cache.get(7, b -> {
          throw new AssertionError("a waiter builds nothing");
        });
        waiterSaw.complete(null);
      } catch (Throwable t) {
        waiterSaw.complete(t);
      }
    });
    waiter.start();
    HeldBuild.awaitParked(List.of(waiter));
    held.release();
    assertThat(waiterSaw.get(HeldBuild.SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(OutOfMemoryError.class);
    assertThat(failing).failsWithin(HeldBuild.SECONDS, TimeUnit.SECONDS);
    assertThat(cache.cachedTree(7)).isEmpty();
    assertThat(cache.get(7, HeldBuild::treeOf).root()).isEqualTo(treeOf(7).root());
    assertThat(cache.builds()).isEqualTo(2);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }

  /**
   * A checked exception that escapes a builder undeclared (as native code may throw one) fails the
   * build like any other: its waiters get it, nothing stays cached or in progress, and the next
   * miss builds again instead of waiting forever on a build that ended.
   */
  @Test
  void aBuildEndingInAnUndeclaredCheckedExceptionLeavesNoBuildInProgress() throws Exception {
    ProofCache cache = new ProofCache(16);
    Future<MerkleTree> failing = pool.submit(() -> cache.get(7, b -> {
      throw sneaky(new java.io.IOException("undeclared"));
    }));
    assertThat(failing).failsWithin(HeldBuild.SECONDS, TimeUnit.SECONDS);
    Future<MerkleTree> next = pool.submit(() -> cache.get(7, HeldBuild::treeOf));
    assertThat(next.get(HeldBuild.SECONDS, TimeUnit.SECONDS).root())
        .isEqualTo(treeOf(7).root());
    assertThat(cache.builds()).isEqualTo(2);
  }
}
