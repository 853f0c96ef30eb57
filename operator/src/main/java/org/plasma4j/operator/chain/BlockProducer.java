package org.plasma4j.operator.chain;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.plasma4j.node.supervision.Supervisor;
import org.plasma4j.operator.ledger.LedgerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forms a block on a timer. Size-triggered blocks need no timer: the writer forms one as soon as
 * the pending block is full. Empty intervals form nothing. Each tick runs under the
 * {@link Supervisor}, so no failure stops the timer, and a tick waits for the writer only so long:
 * a stuck writer shows as a failing task instead of a silent one.
 */
public final class BlockProducer implements AutoCloseable {

  /** The task's name in the node's health. */
  public static final String TASK = "block-producer";

  private static final Logger LOG = LoggerFactory.getLogger(BlockProducer.class);
  private static final Duration MIN_WAIT = Duration.ofSeconds(60);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().name(TASK).daemon().unstarted(r));
  private final LedgerWriter writer;
  private final Duration interval;
  private final Supervisor supervisor;

  public BlockProducer(LedgerWriter writer, Duration interval, Supervisor supervisor) {
    this.writer = writer;
    this.interval = interval;
    this.supervisor = supervisor;
  }

  public void start() {
    long ms = interval.toMillis();
    timer.scheduleWithFixedDelay(
        supervisor.supervised(TASK, this::tick), ms, ms, TimeUnit.MILLISECONDS);
  }

  /** One tick: forms a block of what is pending; public so tests can drive it. */
  public void tick() {
    long waitMs = Math.max(MIN_WAIT.toMillis(), interval.toMillis() * 10);
    try {
      writer
          .formBlock()
          .get(waitMs, TimeUnit.MILLISECONDS)
          .ifPresent(b -> LOG.info("formed block {} with {} txs", b.blkNum(), b.txCount()));
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the ledger writer did not form a block within " + waitMs + " ms", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "block formation failed; retrying next interval", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
