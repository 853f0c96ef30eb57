package org.plasma4j.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Root-chain times as a person reads them: a UTC date and how long until (or since) it, measured on
 * the root chain's clock (its latest block), not this machine's.
 */
public final class Times {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** "2026-12-05 15:30:00 UTC (in 1h 2m)", "... (now)" or "... (5m 3s ago)". */
  public static String at(long epochSeconds, long nowSeconds) {
    return DATE.format(Instant.ofEpochSecond(epochSeconds)) + " ("
        + relative(epochSeconds - nowSeconds) + ")";
  }

  /** "in 1h 2m", "now", "3d 4h ago". */
  public static String relative(long seconds) {
    if (seconds == 0) {
      return "now";
    }
    String span = span(Math.abs(seconds));
    return seconds > 0 ? "in " + span : span + " ago";
  }

  /** A positive span in its two largest units: "2d 3h", "1h 2m", "4m 5s", "9s". */
  public static String span(long seconds) {
    long d = seconds / 86_400;
    long h = seconds % 86_400 / 3_600;
    long m = seconds % 3_600 / 60;
    long s = seconds % 60;
    if (d > 0) {
      return d + "d " + h + "h";
    }
    if (h > 0) {
      return h + "h " + m + "m";
    }
    return m > 0 ? m + "m " + s + "s" : s + "s";
  }
}
