package org.plasma4j.devnet.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of durations (any unit). */
public final class Percentiles {

  private Percentiles() {}

  /** p50, p90, p99 and max of some values, in their unit. */
  public record Summary(long count, long p50, long p90, long p99, long max) {}

  /** The nearest-rank percentile {@code p} (0 &lt; p &le; 100) of values sorted ascending. */
  public static long nearestRank(long[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  /** Summarizes the values (left unchanged). */
  public static Summary summarize(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Summary(
        sorted.length,
        nearestRank(sorted, 50),
        nearestRank(sorted, 90),
        nearestRank(sorted, 99),
        sorted[sorted.length - 1]);
  }
}
