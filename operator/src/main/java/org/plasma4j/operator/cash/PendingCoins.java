package org.plasma4j.operator.cash;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.operator.ledger.Columns;

/**
 * The acknowledged coin transfers of the pending block, one per slot (a block's coin tree holds at
 * most one). Transfers added by the current group stay tentative until its batch is durable. Only
 * the writer thread touches it.
 */
final class PendingCoins {

  private final Map<Long, SignedCoinTransfer> committed = new TreeMap<>(Long::compareUnsigned);
  private final Map<Long, SignedCoinTransfer> tentative = new HashMap<>();

  /** Reloads what was acknowledged before a restart. */
  static PendingCoins load(KeyValueStore store) {
    PendingCoins p = new PendingCoins();
    store.scan(Columns.PENDING_COIN, new byte[0], (slot, signed) -> {
      p.committed.put(slot, SignedCoinTransfer.decode(signed));
      return true;
    });
    return p;
  }

  Optional<SignedCoinTransfer> get(long slot) {
    SignedCoinTransfer t = tentative.get(slot);
    return t != null ? Optional.of(t) : Optional.ofNullable(committed.get(slot));
  }

  boolean isEmpty() {
    return committed.isEmpty();
  }

  int size() {
    return committed.size() + tentative.size();
  }

  void add(SignedCoinTransfer transfer, WriteBatch batch) {
    tentative.put(transfer.slot(), transfer);
    batch.put(Columns.PENDING_COIN, transfer.slot(), transfer.encode());
  }

  void committed() {
    committed.putAll(tentative);
    tentative.clear();
  }

  void rolledBack() {
    tentative.clear();
  }

  /** The committed transfers by slot, to be formed into a block. */
  Map<Long, SignedCoinTransfer> snapshot() {
    return new TreeMap<>(committed);
  }

  /**
   * The transfers of {@code slots} are in a formed block; their pending records go in
   * {@code batch}.
   */
  void removeFormed(Iterable<Long> slots, WriteBatch batch) {
    slots.forEach(slot -> batch.delete(Columns.PENDING_COIN, slot));
  }

  void formedCommitted(Iterable<Long> slots) {
    slots.forEach(committed::remove);
  }
}
