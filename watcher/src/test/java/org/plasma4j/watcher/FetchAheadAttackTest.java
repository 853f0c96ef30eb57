package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.childchain.FetchException;
import org.plasma4j.watcher.childchain.OperatorBlocks;

/**
 * A hostile operator, a replaced root and a shutdown against the block fetched ahead: a fetch
 * nobody waits for any more never holds up the poll loop, a shutdown never leaves it waiting, and
 * an error the process cannot go on after ends it wherever it is thrown.
 */
class FetchAheadAttackTest {

  static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  static final KeyPair BOB = DevKeys.ACCOUNT_3;
  static final KeyPair CAROL = DevKeys.ACCOUNT_4;

  /** A body of one payment and the root committing it. */
  record Body(List<Bytes> txs, Bytes32 root) {
    static Body of(SignedTransaction tx) {
      return new Body(
          List.of(tx.encoded()), MerkleTree.build(List.of(tx.txBytes())).root());
    }
  }

  static final Body THIRD = Body.of(TxBuilder.payment()
      .input(OutputPosition.of(2000, 0, 0), BOB)
      .output(CAROL, Address.ETH, 80)
      .sign());

  /**
   * Serves block 3000 at once and never answers for block 2000 (an operator holding the connection
   * open), ending that call when its thread is interrupted, as the HTTP client does; or, while
   * {@code deaf}, only once {@link #release} opens (work that does not stop at an interrupt, such
   * as decoding a full block).
   */
  static final class HoldsTheSecondBlock implements OperatorBlocks {
    final CountDownLatch holding = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final boolean deaf;

    HoldsTheSecondBlock(boolean deaf) {
      this.deaf = deaf;
    }

    @Override
    public List<Bytes> block(long blkNum) throws FetchException {
      if (blkNum == 3000) {
        return THIRD.txs();
      }
      holding.countDown();
      while (true) {
        try {
          release.await();
          throw new FetchException(FetchException.Kind.TIMEOUT, "held open");
        } catch (InterruptedException e) {
          if (!deaf) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.UNREACHABLE, "interrupted");
          }
        }
      }
    }

    @Override
    public long blockNumber() {
      return 3000;
    }

    @Override
    public FeeSchedule feeSchedule() {
      return TestChain.FEES;
    }
  }

  /** take() on a thread of its own (as the poll loop), so a test can bound how long it waits. */
  static CompletableFuture<Optional<BlockPrefetch.Verified>> takeAside(
      BlockPrefetch prefetch, long blkNum, Bytes32 root) {
    CompletableFuture<Optional<BlockPrefetch.Verified>> out = new CompletableFuture<>();
    Thread.ofPlatform().daemon().start(() -> {
      try {
        out.complete(prefetch.take(blkNum, root));
      } catch (Throwable t) {
        out.completeExceptionally(t);
      }
    });
    return out;
  }

  @Test
  void aFetchAheadReplacedByAnotherStopsAtOnceAndDoesNotHoldUpTheNext() throws Exception {
    HoldsTheSecondBlock operator = new HoldsTheSecondBlock(false);
    try (BlockPrefetch prefetch = new BlockPrefetch(operator)) {
      // block 2000's root was replaced (a reorg) while the operator held its fetch open
      prefetch.start(2000, Bytes32.ofUint(java.math.BigInteger.TWO));
      assertThat(operator.holding.await(5, TimeUnit.SECONDS)).isTrue();
      prefetch.start(3000, THIRD.root());

      Optional<BlockPrefetch.Verified> third =
          takeAside(prefetch, 3000, THIRD.root()).get(5, TimeUnit.SECONDS);

      assertThat(third).map(BlockPrefetch.Verified::body).contains(THIRD.txs());
    }
  }

  /**
   * A root replaced between the fetch ahead and the take (a reorg) gets nothing: the body is handed
   * over only for the root it was checked against, and a body not matching the root it was fetched
   * for is never handed over at all.
   */
  @Test
  void aBodyFetchedAheadIsHandedOverOnlyForTheRootItMatched() throws FetchException {
    HoldsTheSecondBlock operator = new HoldsTheSecondBlock(false);
    Bytes32 replaced = Bytes32.ofUint(java.math.BigInteger.valueOf(3));
    try (BlockPrefetch prefetch = new BlockPrefetch(operator)) {
      prefetch.start(3000, THIRD.root());
      assertThat(prefetch.take(3000, replaced)).isEmpty();
      assertThat(prefetch.take(2999, THIRD.root())).isEmpty();
      assertThat(prefetch.take(3000, THIRD.root()))
          .map(BlockPrefetch.Verified::body)
          .contains(THIRD.txs());

      prefetch.start(3000, replaced);
      assertThat(prefetch.take(3000, replaced)).isEmpty();
      assertThat(prefetch.take(3000, THIRD.root())).isEmpty();
    }
  }

  @Test
  void closingWhileAFetchAheadWaitsInLineReleasesThePollLoopWaitingForIt() throws Exception {
    HoldsTheSecondBlock operator = new HoldsTheSecondBlock(true);
    BlockPrefetch prefetch = new BlockPrefetch(operator);
    prefetch.start(2000, Bytes32.ofUint(java.math.BigInteger.TWO));
    assertThat(operator.holding.await(5, TimeUnit.SECONDS)).isTrue();
    prefetch.start(3000, THIRD.root());
    CompletableFuture<Optional<BlockPrefetch.Verified>> waiting =
        takeAside(prefetch, 3000, THIRD.root());
    Thread.sleep(200);
    assertThat(waiting).isNotDone();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(prefetch::close);
    try {
      // the poll loop holds the watcher's poll lock while it waits, and the watcher's close() takes
      // that lock to close the store: a wait that never ends hangs the shutdown for good
      assertThat(waiting.get(5, TimeUnit.SECONDS)).isEmpty();
    } finally {
      operator.release.countDown();
      closing.get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void outOfMemoryWhileFetchingAheadEndsTheProcessAsItDoesInThePollLoop() {
    TestChain chain = new TestChain();
    OutputPosition a = chain.deposit(ALICE, 100);
    long blk1 = chain.submit(
        TxBuilder.payment().input(a, ALICE).output(BOB, Address.ETH, 90).sign());
    long blk2 = chain.submit(TxBuilder.payment()
        .input(OutputPosition.of(blk1, 0, 0), BOB)
        .output(CAROL, Address.ETH, 80)
        .sign());
    OperatorBlocks oomAhead = new OperatorBlocks() {
      @Override
      public List<Bytes> block(long blkNum) throws FetchException {
        if (blkNum == blk2 && Thread.currentThread().getName().equals("watcher-prefetch")) {
          throw new OutOfMemoryError("simulated: Java heap space");
        }
        return chain.operator.block(blkNum);
      }

      @Override
      public long blockNumber() throws FetchException {
        return chain.operator.blockNumber();
      }

      @Override
      public FeeSchedule feeSchedule() throws FetchException {
        return chain.operator.feeSchedule();
      }
    };
    List<String> halts = new CopyOnWriteArrayList<>();
    try (WatcherNode w = new WatcherNode(
        chain.config(),
        chain.l1,
        oomAhead,
        List.of(),
        Optional.empty(),
        chain.store,
        chain.clock::get,
        (where, e) -> halts.add(where))) {
      w.startWithoutPolling();
      w.pollOnce();

      // after an OutOfMemoryError the process halts (status 70) wherever it was thrown; the fetch
      // ahead must not turn it into "not fetched ahead" and carry on
      assertThat(halts).containsExactly(WatcherNode.VALIDATION_TASK);
      assertThat(w.status().lastValidatedBlock()).isEqualTo(blk1);
    }
  }
}
