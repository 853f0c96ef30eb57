package org.plasma4j.core.state;

import org.plasma4j.core.types.OutputPosition;

/**
 * Read access to the ledger, implemented by the operator (storage plus the pending block) and by
 * tests. The core never writes state: it says what a transaction spends and creates
 * ({@link UtxoChanges}).
 */
@FunctionalInterface
public interface UtxoView {
  UtxoLookup lookup(OutputPosition position);
}
