package org.plasma4j.operator.cash;

/**
 * A coin's state as the operator follows it from the cash game's events; the codes are the game's
 * (docs/protocol.md 9.5). Only a {@link #DEPOSITED} coin takes transfers.
 */
public enum CoinStatus {
  DEPOSITED(0),
  EXITING(1),
  EXITED(2),
  WITHDRAWN(3);

  private final int code;

  CoinStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static CoinStatus of(int code) {
    for (CoinStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown coin status " + code);
  }

  /** Finalized or withdrawn: the coin has left the child chain for good. */
  public boolean isGone() {
    return this == EXITED || this == WITHDRAWN;
  }
}
