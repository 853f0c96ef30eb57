package org.plasma4j.node.storage;

import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * A node's storage port (the operator's ledger, the watcher's state): raw byte operations
 * implemented by {@link RocksDbStore} and {@link InMemoryStore}, with typed access through
 * {@link Column}s on top. Reads are thread-safe; writes go through {@link #commit}, which is atomic
 * and durable when it returns.
 */
public interface KeyValueStore extends AutoCloseable {

  Optional<byte[]> getRaw(byte[] key);

  /**
   * Visits keys starting with {@code prefix} in unsigned byte order, beginning at {@code from}
   * (inclusive, which must itself start with the prefix), until the visitor returns false.
   */
  void scanRaw(byte[] prefix, byte[] from, BiPredicate<byte[], byte[]> visitor);

  /**
   * Applies the batch atomically and, once this returns, durably (the write-ahead log is synced).
   */
  void commit(WriteBatch batch);

  @Override
  void close();

  default <K, V> Optional<V> get(Column<K, V> column, K key) {
    return getRaw(column.storageKey(key)).map(column.values()::decode);
  }

  /** Visits the column's entries whose encoded key starts with {@code keyPrefix}, in key order. */
  default <K, V> void scan(Column<K, V> column, byte[] keyPrefix, BiPredicate<K, V> visitor) {
    scanFrom(column, keyPrefix, keyPrefix, visitor);
  }

  /** Like {@link #scan} but starts at the encoded key {@code fromKey} (within the prefix). */
  default <K, V> void scanFrom(
      Column<K, V> column, byte[] keyPrefix, byte[] fromKey, BiPredicate<K, V> visitor) {
    scanRaw(
        column.prefixed(keyPrefix),
        column.prefixed(fromKey),
        (k, v) -> visitor.test(column.keyOf(k), column.values().decode(v)));
  }
}
