package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.node.metrics.Metrics;
import org.plasma4j.watcher.events.EventType;

class WatcherMetricsTest {

  private final Metrics registry = new Metrics();
  private final WatcherMetrics metrics = new WatcherMetrics(registry, 2);

  private static WatcherStatus status(long synced, long submitted, long validated) {
    return new WatcherStatus(
        synced, submitted, validated, validated, 0, List.of(), List.of(), 0, null, 0);
  }

  @Test
  void lagInBlocksAndSecondsGrowsWhileBehindAndFallsToZeroWhenCaughtUp() {
    metrics.l1Head(100);
    metrics.status(status(98, 3000, 3000), 1_000); // caught up: 2 blocks is the confirmation depth
    assertThat(metrics.caughtUp()).isTrue();

    metrics.l1Head(110);
    metrics.status(status(98, 7000, 4000), 5_500);
    assertThat(metrics.caughtUp()).isFalse();
    assertThat(registry.scrapeText())
        .contains("plasma_watcher_l1_lag_blocks 12.0")
        .contains("plasma_watcher_child_lag_blocks 3.0")
        .contains("plasma_watcher_lag_seconds 4.5")
        .contains("plasma_watcher_blocks_validated_total 1.0");

    metrics.status(status(108, 7000, 7000), 6_000);
    assertThat(registry.scrapeText())
        .contains("plasma_watcher_l1_lag_blocks 2.0")
        .contains("plasma_watcher_child_lag_blocks 0.0")
        .contains("plasma_watcher_lag_seconds 0.0")
        .contains("plasma_watcher_blocks_validated_total 4.0");
  }

  @Test
  void byzantineEventsAreCountedByTheirWireName() {
    metrics.byzantine(EventType.INVALID_BLOCK);
    metrics.byzantine(EventType.INVALID_EXIT);
    metrics.byzantine(EventType.INVALID_EXIT);
    metrics.challengesSent(2);
    metrics.challengesSent(0);

    assertThat(registry.scrapeText())
        .contains("plasma_watcher_byzantine_events_total{type=\"invalid_block\"} 1.0")
        .contains("plasma_watcher_byzantine_events_total{type=\"invalid_exit\"} 2.0")
        .contains("plasma_watcher_byzantine_events_total{type=\"block_withholding\"} 0.0")
        .contains("plasma_watcher_challenges_sent_total 2.0");
  }
}
