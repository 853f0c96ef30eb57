package org.plasma4j.operator.cash;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.operator.ledger.Columns;

/**
 * The coins as the single writer sees them: the current group's uncommitted changes over the store.
 * Changes reach the store only with the group's batch, so a failed commit leaves memory and disk in
 * agreement. Not thread-safe: only the writer thread touches it.
 */
final class CoinSet {

  private final KeyValueStore store;
  private final Map<Long, CoinRecord> uncommitted = new HashMap<>();

  CoinSet(KeyValueStore store) {
    this.store = store;
  }

  Optional<CoinRecord> get(long slot) {
    CoinRecord r = uncommitted.get(slot);
    return r != null ? Optional.of(r) : store.get(Columns.COIN, slot);
  }

  void put(CoinRecord coin, WriteBatch batch) {
    batch.put(Columns.COIN, coin.slot(), coin);
    uncommitted.put(coin.slot(), coin);
  }

  void committed() {
    uncommitted.clear();
  }

  void rolledBack() {
    uncommitted.clear();
  }
}
