package org.plasma4j.operator.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.node.supervision.Fatal;
import org.plasma4j.node.supervision.Supervisor;
import org.plasma4j.operator.cash.VerifiedCoinTransfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one thread takes commands in arrival order and is the only code that changes
 * the {@link Ledger}. Consecutive submissions share one write batch and one synced commit (group
 * commit), and their futures complete only after that commit, so an acknowledgement always means
 * "on disk". When the pending block fills up mid-group the writer commits, forms the block and
 * carries on, so size-triggered blocks need no timer.
 */
public final class LedgerWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);
  private static final int MAX_COMMANDS_PER_ROUND = 4096;

  private record Submit(List<VerifiedTx> txs, CompletableFuture<List<TxResult<Bytes32>>> done) {}

  private record SubmitCoin(
      VerifiedCoinTransfer transfer, CompletableFuture<TxResult<Bytes32>> done) {}

  private record Task<T>(Function<Ledger, T> body, CompletableFuture<T> done) {
    void run(Ledger ledger) {
      try {
        done.complete(body.apply(ledger));
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    }
  }

  private final Ledger ledger;
  private final LongSupplier clockMillis;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(65_536);
  private final Thread thread;
  private volatile boolean running = true;

  /** The task's name in the node's health. */
  public static final String TASK = "ledger-writer";

  private final Supervisor supervisor;

  public LedgerWriter(Ledger ledger, LongSupplier clockMillis, Supervisor supervisor) {
    this.ledger = ledger;
    this.clockMillis = clockMillis;
    this.supervisor = supervisor;
    this.thread = Thread.ofPlatform().name("ledger-writer").daemon().unstarted(this::loop);
  }

  public void start() {
    thread.start();
  }

  /** Queues transactions for validation and acceptance; completes after they are durable. */
  public CompletableFuture<List<TxResult<Bytes32>>> submit(List<VerifiedTx> txs) {
    return enqueue(new Submit(txs, new CompletableFuture<>()), Submit::done);
  }

  /** Queues a coin transfer for the pending block; completes after it is durable. */
  public CompletableFuture<TxResult<Bytes32>> submitCoin(VerifiedCoinTransfer transfer) {
    return enqueue(new SubmitCoin(transfer, new CompletableFuture<>()), SubmitCoin::done);
  }

  /** Runs {@code body} on the writer thread, after everything queued before it. */
  public <T> CompletableFuture<T> call(Function<Ledger, T> body) {
    return enqueue(new Task<>(body, new CompletableFuture<>()), Task::done);
  }

  /** Forms a block from what is pending now (a no-op when nothing is). */
  public CompletableFuture<Optional<BlockRecord>> formBlock() {
    return call(l -> l.formBlock(clockMillis.getAsLong()));
  }

  private <C, F extends CompletableFuture<?>> F enqueue(C command, Function<C, F> future) {
    if (!running) {
      return failed(
          future.apply(command), new IllegalStateException("the ledger writer is stopped"));
    }
    try {
      queue.put(command); // blocks when full: back-pressure on the request threads
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(future.apply(command), e);
    }
    return future.apply(command);
  }

  private static <F extends CompletableFuture<?>> F failed(F f, Exception e) {
    f.completeExceptionally(e);
    return f;
  }

  private void loop() {
    List<Object> round = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Object first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        round.add(first);
        queue.drainTo(round, MAX_COMMANDS_PER_ROUND);
        runRound(round);
        supervisor.succeeded(TASK);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable e) {
        // whatever failed, nothing of the round stays half-applied in memory and nobody waits
        // forever;
        // the thread goes on with the next round unless the process cannot go on at all
        ledger.discardUncommitted();
        failAll(round, e);
        if (!supervisor.haltIfFatal(TASK, e)) {
          supervisor.failed(TASK, e);
          LOG.error("ledger writer round failed; its submissions were not acknowledged", e);
        }
      } finally {
        round.clear();
      }
    }
  }

  /** Nobody waits forever: whatever the failed round left open fails (done futures ignore it). */
  private static void failAll(List<Object> round, Throwable e) {
    for (Object command : round) {
      done(command).completeExceptionally(e);
    }
  }

  private static CompletableFuture<?> done(Object command) {
    return switch (command) {
      case Submit s -> s.done();
      case SubmitCoin c -> c.done();
      default -> ((Task<?>) command).done();
    };
  }

  /** A submission's future and the answer it gets once the group's batch is durable. */
  private record Ack<T>(CompletableFuture<T> done, T answer) {
    void complete() {
      done.complete(answer);
    }
  }

  /** Submissions sharing one batch; their futures complete only after a successful commit. */
  private final class Group {
    WriteBatch batch = new WriteBatch();
    final List<Ack<?>> acks = new ArrayList<>();

    /** Makes the batch durable; on failure every submission of the group fails unacknowledged. */
    void commit() {
      try {
        ledger.commitGroup(batch);
      } catch (RuntimeException | Error e) {
        LOG.error("group commit failed; {} submissions not acknowledged", acks.size(), e);
        acks.forEach(a -> a.done().completeExceptionally(e));
        acks.clear();
        if (Fatal.isFatal(e)) {
          throw e;
        }
      }
      batch = new WriteBatch();
    }

    void commitAndAcknowledge() {
      if (acks.isEmpty()) {
        return;
      }
      commit();
      acks.forEach(Ack::complete);
      acks.clear();
    }
  }

  private void runRound(List<Object> round) {
    Group group = new Group();
    for (Object command : round) {
      if (command instanceof SubmitCoin c) {
        group.acks.add(new Ack<>(c.done(), ledger.acceptCoin(c.transfer(), group.batch)));
      } else if (command instanceof Submit s) {
        List<TxResult<Bytes32>> results = new ArrayList<>(s.txs().size());
        group.acks.add(new Ack<>(s.done(), results));
        for (VerifiedTx tx : s.txs()) {
          if (ledger.pendingFull()) {
            group.commit(); // the block to form must contain only durable transactions
            ledger.formBlock(clockMillis.getAsLong());
          }
          if (s.done().isDone()) {
            break; // its group commit failed: accept nothing more for it
          }
          results.add(ledger.accept(tx, group.batch));
        }
      } else {
        group.commitAndAcknowledge();
        ((Task<?>) command).run(ledger);
      }
    }
    group.commitAndAcknowledge();
    if (ledger.pendingFull()) {
      ledger.formBlock(clockMillis.getAsLong());
    }
  }

  /** Stops taking commands, finishes the queued ones, and waits for the thread. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
