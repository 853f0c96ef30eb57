package org.plasma4j.operator.testing;

import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.WriteBatch;

/**
 * An in-memory store whose next commit matching a test throws a given error once (out of memory, a
 * linkage error...), as if it had happened inside whatever task was committing.
 */
public final class ThrowingStore implements KeyValueStore {

  private final InMemoryStore delegate = new InMemoryStore();
  private volatile Error failure;
  private volatile Predicate<WriteBatch> when = b -> true;

  /** The next commit for which {@code when} holds throws {@code error}; later ones succeed. */
  public void failNextCommit(Predicate<WriteBatch> when, Error error) {
    this.when = when;
    this.failure = error;
  }

  public boolean armed() {
    return failure != null;
  }

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
    Error e = failure;
    if (e != null && when.test(batch)) {
      failure = null;
      throw e;
    }
    delegate.commit(batch);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
