package org.plasma4j.core.testing;

import java.util.HashMap;
import java.util.Map;
import org.plasma4j.core.state.UtxoLookup;
import org.plasma4j.core.state.UtxoView;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.types.OutputPosition;

/** A mutable map-backed ledger for tests. */
public final class InMemoryUtxoView implements UtxoView {
  private final Map<OutputPosition, UtxoLookup> entries = new HashMap<>();

  public InMemoryUtxoView unspent(OutputPosition position, Output output) {
    entries.put(position, UtxoLookup.unspent(output));
    return this;
  }

  public InMemoryUtxoView spent(OutputPosition position, Output output) {
    entries.put(position, UtxoLookup.spent(output));
    return this;
  }

  public InMemoryUtxoView exiting(OutputPosition position, Output output) {
    entries.put(position, UtxoLookup.exiting(output));
    return this;
  }

  @Override
  public UtxoLookup lookup(OutputPosition position) {
    return entries.getOrDefault(position, UtxoLookup.unknown());
  }
}
