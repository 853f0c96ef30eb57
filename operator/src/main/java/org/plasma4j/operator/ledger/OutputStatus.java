package org.plasma4j.operator.ledger;

/** Where an output stands; the stored byte is the ordinal's code, so codes are never reordered. */
public enum OutputStatus {
  UNSPENT(0),
  /** Spent by a child-chain transaction (pending or formed); the spending tx is recorded. */
  SPENT(1),
  /** Being exited on the root chain; not spendable unless the exit is challenged away. */
  EXITING(2),
  /** Exit finalized on the root chain: gone from the child chain forever. */
  EXITED(3);

  private final int code;

  OutputStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static OutputStatus ofCode(int code) {
    for (OutputStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown utxo status code " + code);
  }
}
