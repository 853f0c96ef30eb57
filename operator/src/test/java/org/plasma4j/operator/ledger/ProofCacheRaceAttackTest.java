package org.plasma4j.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
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

  private static MerkleTree treeOf(long blkNum) {
    List<byte[]> txs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      txs.add(new byte[] {(byte) (blkNum >>> 8), (byte) blkNum, (byte) i});
    }
    return MerkleTree.build(txs);
  }

  private static CoinTree coinTreeOf(long blkNum) {
    return CoinTree.of(Map.of(blkNum, new Bytes32(new byte[32])));
  }

  /** A builder that announces it started and waits for {@code release}. */
  private static LongFunction<MerkleTree> blocked(CountDownLatch started, CountDownLatch release) {
    return blkNum -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return treeOf(blkNum);
    };
  }

  private static void awaitWaiting(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (t.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).as("parked in time").isLessThan(deadline);
      Thread.sleep(2);
    }
  }

  @Test
  void evictionWhileABuildRunsNeitherLosesNorSwapsTheTree() throws Exception {
    ProofCache cache = new ProofCache(2);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<MerkleTree> slow = pool.submit(() -> cache.get(7, blocked(started, release)));
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    for (long b = 1; b <= 5; b++) { // fills and evicts the two places many times over
      assertThat(cache.get(b, ProofCacheRaceAttackTest::treeOf).root())
          .isEqualTo(treeOf(b).root());
      cache.formed(new BlockRecord(b + 100, treeOf(b + 100).root(), 10, 0), treeOf(b + 100));
    }
    release.countDown();
    assertThat(slow.get(20, TimeUnit.SECONDS).root()).isEqualTo(treeOf(7).root());
    assertThat(cache.cachedTree(7).orElseThrow().root()).isEqualTo(treeOf(7).root());
    assertThat(cache.cachedTree(105).orElseThrow().root()).isEqualTo(treeOf(105).root());
    assertThat(cache.cachedTree(1)).as("evicted").isEmpty();
  }

  @Test
  void twoBlocksBuiltAtOnceEachGetTheirOwnTree() throws Exception {
    ProofCache cache = new ProofCache(16);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(2);
    List<Future<MerkleTree>> sevens = new ArrayList<>();
    List<Future<MerkleTree>> eights = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sevens.add(pool.submit(() -> cache.get(7, blocked(started, release))));
      eights.add(pool.submit(() -> cache.get(8, blocked(started, release))));
    }
    assertThat(started.await(20, TimeUnit.SECONDS))
        .as("both builds run at once")
        .isTrue();
    release.countDown();
    for (Future<MerkleTree> f : sevens) {
      assertThat(f.get(20, TimeUnit.SECONDS).root()).isEqualTo(treeOf(7).root());
    }
    for (Future<MerkleTree> f : eights) {
      assertThat(f.get(20, TimeUnit.SECONDS).root()).isEqualTo(treeOf(8).root());
    }
    assertThat(cache.builds()).isEqualTo(2);
  }

  @Test
  void aTreeAndACoinTreeOfOneBlockAreNeverConfused() throws Exception {
    ProofCache cache = new ProofCache(16);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<MerkleTree> tree = pool.submit(() -> cache.get(7, blocked(started, release)));
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    // a coin tree miss of the same block does not wait for, nor receive, the Merkle tree build
    assertThat(cache.coinTree(7, ProofCacheRaceAttackTest::coinTreeOf).root())
        .isEqualTo(coinTreeOf(7).root());
    assertThat(tree.isDone()).isFalse();
    release.countDown();
    assertThat(tree.get(20, TimeUnit.SECONDS).root()).isEqualTo(treeOf(7).root());
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
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<MerkleTree> builder = pool.submit(() -> cache.get(7, blocked(started, release)));
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    MerkleTree formed = treeOf(7);
    cache.formed(new BlockRecord(7, formed.root(), 10, 0), formed);
    assertThat(cache.get(7, b -> {
          throw new AssertionError("the formed tree is a hit");
        }))
        .isSameAs(formed);
    release.countDown();
    assertThat(builder.get(20, TimeUnit.SECONDS).root()).isEqualTo(formed.root());
    assertThat(cache.cachedTree(7).orElseThrow().root()).isEqualTo(formed.root());
  }

  @Test
  void anInterruptedWaiterStillGetsTheTreeAndKeepsItsInterrupt() throws Exception {
    ProofCache cache = new ProofCache(16);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<MerkleTree> builder = pool.submit(() -> cache.get(7, blocked(started, release)));
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<MerkleTree> got = new CompletableFuture<>();
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      got.complete(cache.get(7, b -> {
        throw new AssertionError("a waiter builds nothing");
      }));
      interrupted.complete(Thread.currentThread().isInterrupted());
    });
    waiter.start();
    awaitWaiting(waiter);
    waiter.interrupt();
    release.countDown();
    assertThat(got.get(20, TimeUnit.SECONDS).root()).isEqualTo(treeOf(7).root());
    assertThat(interrupted.get(20, TimeUnit.SECONDS)).isTrue();
    assertThat(builder.get(20, TimeUnit.SECONDS)).isSameAs(got.get());
    assertThat(cache.builds()).isEqualTo(1);
  }

  @Test
  void aBuildFailingWithAnErrorIsNotCachedAndTheNextMissBuildsAgain() throws Exception {
    ProofCache cache = new ProofCache(16);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<MerkleTree> failing = pool.submit(() -> cache.get(7, b -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      throw new OutOfMemoryError("simulated");
    }));
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
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
    awaitWaiting(waiter);
    release.countDown();
    assertThat(waiterSaw.get(20, TimeUnit.SECONDS)).isInstanceOf(OutOfMemoryError.class);
    assertThat(failing).failsWithin(20, TimeUnit.SECONDS);
    assertThat(cache.cachedTree(7)).isEmpty();
    assertThat(cache.get(7, ProofCacheRaceAttackTest::treeOf).root())
        .isEqualTo(treeOf(7).root());
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
    assertThat(failing).failsWithin(20, TimeUnit.SECONDS);
    Future<MerkleTree> next = pool.submit(() -> cache.get(7, ProofCacheRaceAttackTest::treeOf));
    assertThat(next.get(20, TimeUnit.SECONDS).root()).isEqualTo(treeOf(7).root());
    assertThat(cache.builds()).isEqualTo(2);
  }
}
