package org.plasma4j.node.storage;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiPredicate;

/** A volatile store for unit tests, with the same ordering and batch atomicity as RocksDB. */
public final class InMemoryStore implements KeyValueStore {

  private final NavigableMap<byte[], byte[]> map =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  // readers take the read lock so that they never see half of a batch
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  @Override
  public Optional<byte[]> getRaw(byte[] key) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(map.get(key)).map(byte[]::clone);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void scanRaw(byte[] prefix, byte[] from, BiPredicate<byte[], byte[]> visitor) {
    lock.readLock().lock();
    try {
      for (Map.Entry<byte[], byte[]> e : map.tailMap(from, true).entrySet()) {
        if (!startsWith(e.getKey(), prefix) || !visitor.test(e.getKey(), e.getValue())) {
          return;
        }
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void commit(WriteBatch batch) {
    lock.writeLock().lock();
    try {
      for (WriteBatch.Op op : batch.ops()) {
        if (op.value() == null) {
          map.remove(op.key());
        } else {
          map.put(op.key(), op.value().clone());
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {}

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
