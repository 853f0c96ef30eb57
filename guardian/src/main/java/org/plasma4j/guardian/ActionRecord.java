package org.plasma4j.guardian;

import java.math.BigInteger;

/** One line of the guardian's report: an attempted action and what it cost. */
public record ActionRecord(
    long atMillis,
    String key,
    String description,
    boolean ok,
    String l1TxHash,
    BigInteger bondWei,
    BigInteger gasWei,
    String error) {

  public static ActionRecord success(long atMillis, Action action, Outcome outcome) {
    return new ActionRecord(
        atMillis,
        action.key(),
        action.describe(),
        true,
        outcome.l1TxHash(),
        outcome.bondWei(),
        outcome.gasWei(),
        "");
  }

  public static ActionRecord failure(long atMillis, Action action, String error) {
    return new ActionRecord(
        atMillis,
        action.key(),
        action.describe(),
        false,
        "",
        BigInteger.ZERO,
        BigInteger.ZERO,
        error);
  }

  /** The line the CLI prints. */
  public String line() {
    return ok
        ? "done   " + description + ": L1 tx " + l1TxHash + ", bond " + bondWei + " wei, gas "
            + gasWei + " wei"
        : "FAILED " + description + ": " + error;
  }
}
