package org.plasma4j.watcher;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.watcher.childchain.FetchException;
import org.plasma4j.watcher.childchain.OperatorBlocks;
import org.plasma4j.watcher.validation.DecodedBlock;

/**
 * Downloads and checks the next committed block while the current one is judged, so a syncing
 * watcher does not wait for the operator between blocks. Only a body that matches its committed
 * root is ever handed over; anything else (a failed fetch, another root, a body that does not
 * match) is dropped, and the block is fetched the usual way, with the usual availability and
 * invalid-block handling; only a read that ran into the block's deadline is the round's read of the
 * block (reading it again would take the deadline again before anything counts). One block at a
 * time, on one daemon thread: a fetch nobody will take is stopped (the HTTP client gives up when
 * interrupted) rather than left to hold up the next, and an error the process cannot go on after is
 * thrown to the poll loop that takes the block.
 */
final class BlockPrefetch implements AutoCloseable {

  /** A body whose decoding and leaves match the committed root. */
  record Verified(List<Bytes> body, DecodedBlock.Check check) {}

  private record Pending(long blkNum, Bytes32 root, Future<Optional<Verified>> result) {}

  private final OperatorBlocks operator;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(
      r -> Thread.ofPlatform().name("watcher-prefetch").daemon().unstarted(r));
  private Pending pending;

  BlockPrefetch(OperatorBlocks operator) {
    this.operator = operator;
  }

  /**
   * Starts fetching block {@code blkNum} committed with {@code root}, replacing any earlier one.
   */
  synchronized void start(long blkNum, Bytes32 root) {
    if (pending != null && pending.blkNum() == blkNum && pending.root().equals(root)) {
      return;
    }
    if (pending != null) {
      pending.result().cancel(true);
      pending = null;
    }
    try {
      pending = new Pending(blkNum, root, thread.submit(() -> fetch(blkNum, root)));
    } catch (RejectedExecutionException closed) {
      // closing: the block is fetched the usual way, if at all
    }
  }

  /**
   * The verified body of block {@code blkNum} with {@code root} if it was prefetched (waiting for a
   * fetch in progress), else empty.
   *
   * @throws FetchException of {@link FetchException.Kind#BLOCK_DEADLINE} if the fetch ahead ran
   *     into the block's deadline
   */
  synchronized Optional<Verified> take(long blkNum, Bytes32 root) throws FetchException {
    Pending p = pending;
    if (p == null || p.blkNum() != blkNum || !p.root().equals(root)) {
      return Optional.empty();
    }
    pending = null;
    try {
      return p.result().get();
    } catch (CancellationException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      p.result().cancel(true);
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      return switch (e.getCause()) {
        // the poll loop's supervisor halts on what the process cannot go on after
        case Error error -> throw error;
        case FetchException overrun -> throw overrun;
        default -> Optional.empty();
      };
    }
  }

  private Optional<Verified> fetch(long blkNum, Bytes32 root) throws FetchException {
    try {
      List<Bytes> body = operator.block(blkNum);
      DecodedBlock.Check check = DecodedBlock.check(blkNum, body, root);
      return check.verified() ? Optional.of(new Verified(body, check)) : Optional.empty();
    } catch (FetchException e) {
      if (e.kind() == FetchException.Kind.BLOCK_DEADLINE) {
        throw e;
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    // a fetch still waiting to run never will: cancelled, so a take() waiting for it returns
    for (Runnable queued : thread.shutdownNow()) {
      if (queued instanceof Future<?> f) {
        f.cancel(false);
      }
    }
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
