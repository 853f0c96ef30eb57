package org.plasma4j.core.tx;

import java.util.Objects;

/**
 * A value or the reason there is none. Invalid input is an expected outcome, not an exception, so
 * the hot path neither throws nor builds stack traces for it.
 *
 * @param detail what exactly was wrong (e.g. "output 2 has amount zero"), for the RPC error message
 */
public record TxResult<T>(T value, TxRejection rejection, String detail) {
  public TxResult {
    if ((value == null) == (rejection == null)) {
      throw new IllegalArgumentException("exactly one of value and rejection");
    }
  }

  public static <T> TxResult<T> ok(T value) {
    return new TxResult<>(Objects.requireNonNull(value), null, null);
  }

  public static <T> TxResult<T> rejected(TxRejection rejection, String detail) {
    return new TxResult<>(null, rejection, detail == null ? rejection.message() : detail);
  }

  public boolean isOk() {
    return rejection == null;
  }

  /** The value; throws if rejected (for tests and code paths that already checked). */
  public T orElseThrow() {
    if (rejection != null) {
      throw new IllegalStateException(rejection + ": " + detail);
    }
    return value;
  }
}
