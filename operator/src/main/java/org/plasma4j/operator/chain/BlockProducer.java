package org.plasma4j.operator.chain;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.plasma4j.operator.ledger.LedgerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forms a block on a timer. Size-triggered blocks need no timer: the writer forms one as soon as the
 * pending block is full. Empty intervals form nothing.
 */
public final class BlockProducer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BlockProducer.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("block-producer").daemon().unstarted(r));
  private final LedgerWriter writer;
  private final Duration interval;

  public BlockProducer(LedgerWriter writer, Duration interval) {
    this.writer = writer;
    this.interval = interval;
  }

  public void start() {
    long ms = interval.toMillis();
    timer.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      writer.formBlock().join().ifPresent(b -> LOG.info("formed block {} with {} txs", b.blkNum(), b.txCount()));
    } catch (RuntimeException e) {
      LOG.error("block formation failed; retrying next interval", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
