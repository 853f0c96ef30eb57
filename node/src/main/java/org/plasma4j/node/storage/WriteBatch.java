package org.plasma4j.node.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts and deletes that a store applies atomically: after a crash either all of them are on disk or
 * none. Not thread-safe; one writer builds one batch.
 */
public final class WriteBatch {

  /** One raw operation; a null value is a delete. */
  public record Op(byte[] key, byte[] value) {}

  private final List<Op> ops = new ArrayList<>();

  public <K, V> WriteBatch put(Column<K, V> column, K key, V value) {
    ops.add(new Op(column.storageKey(key), column.values().encode(value)));
    return this;
  }

  public <K, V> WriteBatch delete(Column<K, V> column, K key) {
    ops.add(new Op(column.storageKey(key), null));
    return this;
  }

  /** Appends another batch's operations after this one's, keeping their order. */
  public WriteBatch append(WriteBatch other) {
    ops.addAll(other.ops);
    return this;
  }

  public List<Op> ops() {
    return List.copyOf(ops);
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  public int size() {
    return ops.size();
  }
}
