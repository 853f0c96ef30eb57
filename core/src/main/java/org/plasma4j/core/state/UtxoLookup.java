package org.plasma4j.core.state;

import java.util.Objects;
import org.plasma4j.core.tx.Output;

/** The answer of a {@link UtxoView}: a status and, unless UNKNOWN, the output itself. */
public record UtxoLookup(UtxoStatus status, Output output) {
  private static final UtxoLookup UNKNOWN = new UtxoLookup(UtxoStatus.UNKNOWN, null);

  public UtxoLookup {
    Objects.requireNonNull(status, "status");
    if ((status == UtxoStatus.UNKNOWN) != (output == null)) {
      throw new IllegalArgumentException(
          "an output is known exactly when the status is not UNKNOWN");
    }
  }

  public static UtxoLookup unspent(Output output) {
    return new UtxoLookup(UtxoStatus.UNSPENT, output);
  }

  public static UtxoLookup spent(Output output) {
    return new UtxoLookup(UtxoStatus.SPENT, output);
  }

  public static UtxoLookup exiting(Output output) {
    return new UtxoLookup(UtxoStatus.EXITING, output);
  }

  public static UtxoLookup unknown() {
    return UNKNOWN;
  }
}
