package org.plasma4j.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.plasma4j.core.merkle.MerkleTree;

/**
 * Tree builds for the proof cache tests that stay in progress until released, so that a test can
 * race callers, eviction or forming against a build that has started and not yet ended.
 */
final class HeldBuild {

  /** How long a test waits for what must happen at once. */
  static final long SECONDS = 20;

  private final CountDownLatch started;
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger runs = new AtomicInteger();

  /** One build to hold. */
  HeldBuild() {
    this(1);
  }

  /** {@code builds} builds to hold, {@link #awaitStarted} waits for them all. */
  HeldBuild(int builds) {
    started = new CountDownLatch(builds);
  }

  /** Block {@code blkNum}'s tree: ten leaves no other block's tree has. */
  static MerkleTree treeOf(long blkNum) {
    List<byte[]> txs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      txs.add(new byte[] {(byte) (blkNum >>> 8), (byte) blkNum, (byte) i});
    }
    return MerkleTree.build(txs);
  }

  /** A builder of {@link #treeOf} that counts its run, says it started and waits for release. */
  LongFunction<MerkleTree> tree() {
    return then(HeldBuild::treeOf);
  }

  /**
   * A builder that counts its run, says it started, waits for release and then ends in {@code end}.
   */
  <T> LongFunction<T> then(LongFunction<T> end) {
    return blkNum -> {
      runs.incrementAndGet();
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return end.apply(blkNum);
    };
  }

  /** A caller of block {@code blkNum} on {@code pool} whose build of {@link #tree} has started. */
  Future<MerkleTree> startIn(ExecutorService pool, ProofCache cache, long blkNum)
      throws InterruptedException {
    Future<MerkleTree> caller = pool.submit(() -> cache.get(blkNum, tree()));
    awaitStarted();
    return caller;
  }

  void awaitStarted() throws InterruptedException {
    assertThat(started.await(SECONDS, TimeUnit.SECONDS))
        .as("held builds started")
        .isTrue();
  }

  void release() {
    release.countDown();
  }

  /** How many times a builder of this ran. */
  int runs() {
    return runs.get();
  }

  /** Every thread parked: a builder on its release, the rest on the build they share. */
  static void awaitParked(Collection<Thread> threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
      assertThat(System.nanoTime()).as("parked in time").isLessThan(deadline);
      Thread.sleep(2);
    }
  }
}
