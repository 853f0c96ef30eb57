package org.plasma4j.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private final Metrics metrics = new Metrics();

  @Test
  void aCounterAddsWhatABatchAddsAndScrapesUnderItsName() {
    Counter accepted =
        metrics.counter("plasma_test_transactions_accepted_total", "accepted transactions");
    accepted.inc(500);
    accepted.inc(12);

    assertThat(metrics.scrapeText())
        .contains("# TYPE plasma_test_transactions_accepted_total counter")
        .contains("plasma_test_transactions_accepted_total 512.0");
  }

  @Test
  void aLabelledCounterKeepsOneSeriesPerLabelValue() {
    Counter rejected = metrics.counter(
        "plasma_test_transactions_rejected_total", "rejected transactions", "reason");
    CounterDataPoint spent = rejected.labelValues("SPENT_INPUT");
    spent.inc(3);
    rejected.labelValues("INVALID_SIGNATURE").inc();

    assertThat(metrics.scrapeText())
        .contains("plasma_test_transactions_rejected_total{reason=\"SPENT_INPUT\"} 3.0")
        .contains("plasma_test_transactions_rejected_total{reason=\"INVALID_SIGNATURE\"} 1.0");
  }

  @Test
  void aGaugeIsReadAtEachScrape() {
    AtomicLong pending = new AtomicLong(7);
    metrics.gauge("plasma_test_mempool_transactions", "pending", pending::get);
    assertThat(metrics.scrapeText()).contains("plasma_test_mempool_transactions 7.0");
    pending.set(0);
    assertThat(metrics.scrapeText()).contains("plasma_test_mempool_transactions 0.0");
  }

  @Test
  void aHistogramCountsEachObservationInItsBuckets() {
    Histogram h = metrics.histogram("plasma_test_formation_seconds", "formation", 0.1, 1, 10);
    h.observe(0.05);
    h.observe(2);

    assertThat(metrics.scrapeText())
        .contains("plasma_test_formation_seconds_bucket{le=\"0.1\"} 1")
        .contains("plasma_test_formation_seconds_bucket{le=\"1.0\"} 1")
        .contains("plasma_test_formation_seconds_bucket{le=\"10.0\"} 2")
        .contains("plasma_test_formation_seconds_count 2")
        .contains("plasma_test_formation_seconds_sum 2.05");
  }

  @Test
  void namesOutsideTheConventionsAreRefusedWhenTheMetricIsMade() {
    assertThatThrownBy(() -> metrics.counter("operator_transactions_total", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plasma_<node>_<what>_<unit>");
    assertThatThrownBy(() -> metrics.counter("plasma_test_transactions", "x"))
        .hasMessageContaining("does not end in _total");
    assertThatThrownBy(() -> metrics.gauge("plasma_test_lag_total", "x", () -> 1))
        .hasMessageContaining("only a counter ends in _total");
    assertThatThrownBy(() -> metrics.histogram("plasma_test_formation_latency", "x", 1))
        .hasMessageContaining("names no unit");
    assertThatThrownBy(() -> metrics.counter("plasma_Test_blocks_total", "x"))
        .hasMessageContaining("lower case");
  }

  @Test
  void theSameNameTwiceIsRefused() {
    metrics.counter("plasma_test_blocks_total", "x");
    assertThatThrownBy(() -> metrics.counter("plasma_test_blocks_total", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate metric name");
  }
}
