package org.plasma4j.devnet.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Scrapes a node's /metrics while the bench runs, as Prometheus would: how often it answered, and
 * the last value of one sample. The bench fails when the operator's endpoint did not answer during
 * the run or counted no accepted transaction.
 */
final class MetricsProbe implements AutoCloseable {

  /** What the probe saw. */
  record Seen(URI endpoint, int answers, int failures, double lastValue) {}

  private final URI endpoint;
  private final String sample;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile int answers;
  private volatile int failures;
  private volatile double lastValue;

  private MetricsProbe(URI endpoint, String sample, Duration every) {
    this.endpoint = endpoint;
    this.sample = sample;
    this.thread = Thread.ofPlatform().daemon().name("bench-metrics-probe").start(() -> {
      while (running) {
        scrapeOnce();
        try {
          Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  static MetricsProbe start(URI endpoint, String sample, Duration every) {
    return new MetricsProbe(endpoint, sample, every);
  }

  private void scrapeOnce() {
    try {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        failures++;
        return;
      }
      answers++;
      value(r.body(), sample).ifPresent(v -> lastValue = v);
    } catch (java.io.IOException e) {
      failures++;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The value of the unlabelled sample {@code name} in a Prometheus text scrape. */
  static OptionalDouble value(String scrape, String name) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
        .findFirst();
  }

  /** Scrapes once more, stops, and says what was seen. */
  Seen finish() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scrapeOnce();
    return new Seen(endpoint, answers, failures, lastValue);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
