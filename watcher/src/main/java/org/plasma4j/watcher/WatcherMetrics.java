package org.plasma4j.watcher;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import java.util.List;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.node.metrics.FollowedEvents;
import org.plasma4j.node.metrics.Metrics;
import org.plasma4j.watcher.events.EventType;

/**
 * The watcher's metrics (docs/operations.md lists them): how far behind the root chain and the
 * operator's blocks it is, in blocks and in seconds, what it validated, followed and challenged,
 * and the byzantine events it reported by type.
 */
public final class WatcherMetrics {

  private final Metrics registry;
  private final CounterDataPoint[] eventsByType;
  private final Counter blocksValidated;
  private final Counter challenges;
  private final FollowedEvents followed;
  private final int confirmations;
  private volatile long l1Head = -1;
  private volatile long l1Synced = -1;
  private volatile long childLagBlocks;
  private volatile long caughtUpAtMillis = -1;
  private volatile long nowMillis;
  private long lastValidated = -1;

  public WatcherMetrics(Metrics registry, int confirmations) {
    this.registry = registry;
    this.confirmations = confirmations;
    Counter events = registry.counter(
        "plasma_watcher_byzantine_events_total",
        "Byzantine events reported, by type (docs/watcher.md); each key once.",
        "type");
    EventType[] types = EventType.values();
    eventsByType = new CounterDataPoint[types.length];
    for (EventType t : types) {
      eventsByType[t.ordinal()] = events.labelValues(t.wireName());
    }
    blocksValidated = registry.counter(
        "plasma_watcher_blocks_validated_total",
        "Child blocks re-validated (valid or not) since the watcher started.");
    challenges = registry.counter(
        "plasma_watcher_challenges_sent_total", "Challenges the watcher sent to the root chain.");
    followed = new FollowedEvents(registry, "watcher");
    registry.gauge(
        "plasma_watcher_l1_lag_blocks",
        "Root-chain blocks between the head and the last block whose events are applied"
            + " (the confirmation depth included).",
        () -> l1Head < 0 ? 0 : Math.max(0, l1Head - l1Synced));
    registry.gauge(
        "plasma_watcher_child_lag_blocks",
        "Child blocks the root chain holds that the watcher has not validated yet.",
        () -> childLagBlocks);
    registry.gauge(
        "plasma_watcher_lag_seconds",
        "Seconds since the watcher was last caught up (0 while it is): every child block"
            + " validated and the root chain followed to its confirmed head.",
        this::lagSeconds);
  }

  public Metrics registry() {
    return registry;
  }

  public void byzantine(EventType type) {
    eventsByType[type.ordinal()].inc();
  }

  public void followed(List<? extends L1Event> events) {
    followed.applied(events);
  }

  public void challengesSent(int n) {
    if (n > 0) {
      challenges.inc(n);
    }
  }

  /** The root chain's head as last read. */
  public void l1Head(long head) {
    l1Head = head;
  }

  /** Where the watcher stands after a poll; called by the polling thread only. */
  public synchronized void status(WatcherStatus s, long now) {
    if (lastValidated >= 0 && s.lastValidatedBlock() > lastValidated) {
      blocksValidated.inc(
          (s.lastValidatedBlock() - lastValidated) / BlockNumbers.CHILD_BLOCK_INTERVAL);
    }
    lastValidated = s.lastValidatedBlock();
    l1Synced = s.syncedL1Block();
    childLagBlocks = Math.max(0, s.lastSubmittedBlock() - s.lastValidatedBlock())
        / BlockNumbers.CHILD_BLOCK_INTERVAL;
    nowMillis = now;
    if (caughtUp() || caughtUpAtMillis < 0) { // behind from the start counts from the start
      caughtUpAtMillis = now;
    }
  }

  /** Every child block validated and L1 followed to its confirmed head. */
  public boolean caughtUp() {
    return childLagBlocks == 0 && l1Head >= 0 && l1Head - l1Synced <= confirmations;
  }

  public long l1LagBlocks() {
    return l1Head < 0 ? -1 : Math.max(0, l1Head - l1Synced);
  }

  public long childLagBlocks() {
    return childLagBlocks;
  }

  double lagSeconds() {
    if (caughtUpAtMillis < 0) {
      return 0; // not polled yet
    }
    return Math.max(0, nowMillis - caughtUpAtMillis) / 1000.0;
  }
}
