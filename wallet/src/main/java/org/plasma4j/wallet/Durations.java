package org.plasma4j.wallet;

import java.time.Duration;

/** A wait as messages say it: "60 s", "250 ms", not Duration's ISO "PT1M". */
public final class Durations {

  private Durations() {}

  public static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
