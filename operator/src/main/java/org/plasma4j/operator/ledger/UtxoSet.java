package org.plasma4j.operator.ledger;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.operator.ledger.Columns.OwnerKey;

/**
 * The UTXO set as the single writer sees it: uncommitted changes of the current group, then an LRU
 * cache of committed records, then the store. Changes go to the group's batch together with the
 * per-owner index, and reach the cache only after the batch is durable, so a failed commit leaves
 * memory and disk in agreement. Not thread-safe: only the writer thread touches it.
 */
final class UtxoSet {

  private static final byte[] PRESENT = new byte[0];

  private final KeyValueStore store;
  private final Map<Long, UtxoRecord> cache;
  private final Map<Long, UtxoRecord> uncommitted = new HashMap<>();

  UtxoSet(KeyValueStore store, int cacheSize) {
    this.store = store;
    this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, UtxoRecord> eldest) {
        return size() > cacheSize;
      }
    };
  }

  Optional<UtxoRecord> get(long position) {
    UtxoRecord r = uncommitted.get(position);
    if (r == null) {
      r = cache.get(position);
    }
    if (r == null) {
      r = store.get(Columns.UTXO, position).orElse(null);
      // a spent record is read again only for a resend or a double spend: in the cache it would
      // push out a spendable output, as committed() keeps it out for the same reason
      if (r != null && r.status() != OutputStatus.SPENT) {
        cache.put(position, r);
      }
    }
    return Optional.ofNullable(r);
  }

  /** Records a new state of an output and keeps the owner index to exactly the unspent outputs. */
  void put(long position, UtxoRecord next, WriteBatch batch) {
    boolean wasUnspent =
        get(position).map(r -> r.status() == OutputStatus.UNSPENT).orElse(false);
    boolean isUnspent = next.status() == OutputStatus.UNSPENT;
    OwnerKey ownerKey = new OwnerKey(next.output().owner(), position);
    if (wasUnspent && !isUnspent) {
      batch.delete(Columns.OWNER_INDEX, ownerKey);
    } else if (!wasUnspent && isUnspent) {
      batch.put(Columns.OWNER_INDEX, ownerKey, PRESENT);
    }
    batch.put(Columns.UTXO, position, next);
    uncommitted.put(position, next);
  }

  /**
   * Records an output of a block being formed. Its position is new (the block number is above every
   * formed one), so there is no earlier state to look up: a lookup here would miss the cache and
   * read the store for every output of every block.
   */
  void created(long position, UtxoRecord record, WriteBatch batch) {
    if (record.status() == OutputStatus.UNSPENT) {
      batch.put(Columns.OWNER_INDEX, new OwnerKey(record.output().owner(), position), PRESENT);
    }
    batch.put(Columns.UTXO, position, record);
    uncommitted.put(position, record);
  }

  /**
   * The group's batch is durable: its changes become the committed view. A spent output leaves the
   * cache instead of taking a place in it: it is looked up again only for a resend or a double
   * spend, which the store answers, while every place it held would push out a spendable output
   * whose next spend would then read the store.
   */
  void committed() {
    uncommitted.forEach((position, record) -> {
      if (record.status() == OutputStatus.SPENT) {
        cache.remove(position);
      } else {
        cache.put(position, record);
      }
    });
    uncommitted.clear();
  }

  /** The group's batch failed: forget its changes. */
  void rolledBack() {
    uncommitted.clear();
  }
}
