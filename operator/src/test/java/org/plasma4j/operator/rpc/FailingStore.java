package org.plasma4j.operator.rpc;

import java.util.Optional;
import java.util.function.BiPredicate;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.StorageException;
import org.plasma4j.node.storage.WriteBatch;

/** An in-memory store whose commits can be made to fail, as a full disk would. */
final class FailingStore implements KeyValueStore {

  private final InMemoryStore delegate = new InMemoryStore();
  volatile boolean failCommits;

  @Override
  public Optional<byte[]> getRaw(byte[] key) {
    return delegate.getRaw(key);
  }

  @Override
  public void scanRaw(byte[] prefix, byte[] from, BiPredicate<byte[], byte[]> visitor) {
    delegate.scanRaw(prefix, from, visitor);
  }

  @Override
  public void commit(WriteBatch batch) {
    if (failCommits) {
      throw new StorageException("disk full (simulated)", null);
    }
    delegate.commit(batch);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
