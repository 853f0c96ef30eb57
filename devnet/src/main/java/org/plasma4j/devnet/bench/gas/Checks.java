package org.plasma4j.devnet.bench.gas;

import java.util.Objects;

/**
 * What each scenario checks after its measured calls, so that a figure is only reported for a call
 * that did its work: balances to the wei, queues emptied, records changed.
 */
final class Checks {

  private Checks() {}

  static void equal(String what, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
    }
  }

  static void that(String what, boolean holds) {
    if (!holds) {
      throw new IllegalStateException("does not hold: " + what);
    }
  }
}
