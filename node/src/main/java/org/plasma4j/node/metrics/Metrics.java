package org.plasma4j.node.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * One node's Prometheus registry. Every metric is named {@code plasma_<node>_<what>} with a unit
 * among its words ({@code plasma_operator_transactions_accepted_total},
 * {@code plasma_operator_block_submission_seconds}), and a counter ends in {@code _total}
 * (Prometheus conventions); a name that breaks them is refused when the metric is made, so a
 * dashboard never queries a name that drifted.
 *
 * <p>Counters and histograms are made once, when the node is wired; what runs per request or per
 * batch only adds to them (no lookup, no allocation). Exemplars are off: they would sample a
 * tracing context on every increment.
 */
public final class Metrics {

  /**
   * The units a name states, as a word after the node's: what a counter counts (transactions,
   * blocks, ...) or what a gauge or histogram measures (seconds, gas, wei, ...).
   */
  public static final List<String> UNITS = List.of(
      "seconds",
      "blocks",
      "transactions",
      "events",
      "deposits",
      "exits",
      "actions",
      "gas",
      "wei",
      "bytes",
      "challenges",
      "info",
      "ratio");

  private static final Pattern NAME = Pattern.compile("plasma_[a-z0-9]+(_[a-z0-9]+)+");

  private final PrometheusRegistry registry = new PrometheusRegistry();

  /** A counter; {@code name} ends in {@code _total}. */
  public Counter counter(String name, String help, String... labelNames) {
    requireName(name, true);
    return Counter.builder()
        .name(name)
        .help(help)
        .labelNames(labelNames)
        .withoutExemplars()
        .register(registry);
  }

  /** A gauge read from {@code value} at each scrape. */
  public void gauge(String name, String help, DoubleSupplier value) {
    requireName(name, false);
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> cb.call(value.getAsDouble()))
        .register(registry);
  }

  /** A histogram with the given bucket bounds. */
  public Histogram histogram(String name, String help, double... upperBounds) {
    requireName(name, false);
    return Histogram.builder()
        .name(name)
        .help(help)
        .classicOnly()
        .classicUpperBounds(upperBounds)
        .withoutExemplars()
        .register(registry);
  }

  /** Every metric in the Prometheus text format (version 0.0.4). */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@link #scrape()} as text. */
  public String scrapeText() {
    return new String(scrape(), StandardCharsets.UTF_8);
  }

  /** The content type of {@link #scrape()}. */
  public static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  static void requireName(String name, boolean counter) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "metric name " + name + " is not plasma_<node>_<what>_<unit> in lower case");
    }
    String base = name;
    if (counter) {
      if (!name.endsWith("_total")) {
        throw new IllegalArgumentException("counter " + name + " does not end in _total");
      }
      base = name.substring(0, name.length() - "_total".length());
    } else if (name.endsWith("_total")) {
      throw new IllegalArgumentException("only a counter ends in _total: " + name);
    }
    List<String> words = List.of(base.split("_"));
    if (words.subList(2, words.size()).stream().noneMatch(UNITS::contains)) {
      throw new IllegalArgumentException(
          "metric " + name + " names no unit (one of " + UNITS + ")");
    }
  }
}
