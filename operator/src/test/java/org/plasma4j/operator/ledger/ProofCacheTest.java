package org.plasma4j.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.merkle.MerkleTree;

class ProofCacheTest {

  private static final int CALLERS = 8;

  private static MerkleTree treeOf(long blkNum) {
    List<byte[]> txs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      txs.add(new byte[] {(byte) blkNum, (byte) i});
    }
    return MerkleTree.build(txs);
  }

  /** Every caller's thread parked: the builder on its latch, the rest on the build they share. */
  private static void awaitAllParked(List<Thread> threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
      assertThat(System.nanoTime()).as("callers parked in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** Runs {@code CALLERS} callers of block 7 at once; the builder waits for {@code release}. */
  private static List<Future<MerkleTree>> missTogether(
      ProofCache cache, LongFunction<MerkleTree> builder, CountDownLatch release) throws Exception {
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
      awaitAllParked(threads);
      release.countDown();
      for (Future<MerkleTree> f : results) {
        try {
          f.get(20, TimeUnit.SECONDS);
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
    AtomicInteger built = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    List<Future<MerkleTree>> results = missTogether(
        cache,
        blkNum -> {
          built.incrementAndGet();
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return treeOf(blkNum);
        },
        release);
    assertThat(built.get()).as("trees built").isEqualTo(1);
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
    AtomicInteger built = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    List<Future<MerkleTree>> results = missTogether(
        cache,
        blkNum -> {
          built.incrementAndGet();
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          throw new IllegalStateException("store closed");
        },
        release);
    assertThat(built.get()).isEqualTo(1);
    for (Future<MerkleTree> f : results) {
      assertThatThrownBy(f::get).hasCauseInstanceOf(IllegalStateException.class);
    }
    assertThat(cache.cachedTree(7)).isEmpty();
    assertThat(cache.get(7, ProofCacheTest::treeOf).root()).isEqualTo(treeOf(7).root());
    assertThat(cache.builds()).isEqualTo(2);
  }

  @Test
  void aMissOfAnotherBlockDoesNotWaitForABuildInProgress() throws Exception {
    ProofCache cache = new ProofCache(16);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<MerkleTree> slow = pool.submit(() -> cache.get(7, blkNum -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return treeOf(blkNum);
      }));
      while (cache.builds() == 0) {
        Thread.sleep(5);
      }
      assertThat(cache.get(8, ProofCacheTest::treeOf).root())
          .isEqualTo(treeOf(8).root());
      assertThat(slow.isDone()).isFalse();
      release.countDown();
      assertThat(slow.get(20, TimeUnit.SECONDS).root()).isEqualTo(treeOf(7).root());
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
    cache.get(1, ProofCacheTest::treeOf);
    cache.get(2, ProofCacheTest::treeOf);
    cache.get(3, ProofCacheTest::treeOf);
    assertThat(cache.cachedTree(1)).as("evicted, least recently used").isEmpty();
    assertThat(cache.cachedTree(3)).isPresent();
  }
}
