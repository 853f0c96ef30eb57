package org.plasma4j.node.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * RocksDB in one column family; the column id is the first key byte. Every commit is a synced WAL
 * write because the operator acknowledges transactions only after commit returns; callers group
 * many transactions into one batch so that one fsync covers them all.
 */
public final class RocksDbStore implements KeyValueStore {

  static {
    RocksDB.loadLibrary();
  }

  private final Options options;
  private final WriteOptions syncWrites;
  private final RocksDB db;

  public RocksDbStore(Path directory) {
    try {
      Files.createDirectories(directory);
      options = new Options().setCreateIfMissing(true);
      syncWrites = new WriteOptions().setSync(true);
      db = RocksDB.open(options, directory.toString());
    } catch (RocksDBException | java.io.IOException e) {
      throw new StorageException("cannot open RocksDB at " + directory, e);
    }
  }

  @Override
  public Optional<byte[]> getRaw(byte[] key) {
    try {
      return Optional.ofNullable(db.get(key));
    } catch (RocksDBException e) {
      throw new StorageException("read failed", e);
    }
  }

  @Override
  public void scanRaw(byte[] prefix, byte[] from, BiPredicate<byte[], byte[]> visitor) {
    try (ReadOptions ro = new ReadOptions().setPrefixSameAsStart(false);
        RocksIterator it = db.newIterator(ro)) {
      for (it.seek(from); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (!InMemoryStore.startsWith(key, prefix) || !visitor.test(key, it.value())) {
          return;
        }
      }
    }
  }

  @Override
  public void commit(WriteBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch()) {
      for (WriteBatch.Op op : batch.ops()) {
        if (op.value() == null) {
          wb.delete(op.key());
        } else {
          wb.put(op.key(), op.value());
        }
      }
      db.write(syncWrites, wb);
    } catch (RocksDBException e) {
      throw new StorageException("write failed", e);
    }
  }

  @Override
  public void close() {
    db.close();
    syncWrites.close();
    options.close();
  }
}
