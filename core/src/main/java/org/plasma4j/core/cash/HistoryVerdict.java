package org.plasma4j.core.cash;

import org.plasma4j.core.types.Address;

/** The outcome of verifying a coin history: who owns the coin since which block, or why not. */
public sealed interface HistoryVerdict {
  boolean isValid();

  /**
   * The history proves {@code owner} has held the coin since {@code block} (the last transfer's
   * block, or the origin block when it never moved), through {@code verifiedTo}.
   */
  record Valid(Address owner, long block, long verifiedTo) implements HistoryVerdict {
    @Override
    public boolean isValid() {
      return true;
    }
  }

  /** The history fails at {@code block} for {@code reason}. */
  record Rejected(HistoryRejection reason, long block, String message) implements HistoryVerdict {
    @Override
    public boolean isValid() {
      return false;
    }

    @Override
    public String toString() {
      return reason + " at block " + block + ": " + message;
    }
  }
}
