package org.plasma4j.node.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.rocksdb.CompressionType;
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
 *
 * <p>Values are hashes, signatures and big-endian numbers, which do not compress: compression is
 * off so that flushes and compactions do not spend CPU trying. A commit hands RocksDB its batch as
 * one serialized byte array ({@link #serialize}), one JNI crossing instead of one per key.
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
      options = new Options()
          .setCreateIfMissing(true)
          .setCompressionType(CompressionType.NO_COMPRESSION)
          .setBottommostCompressionType(CompressionType.NO_COMPRESSION);
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
    try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch(serialize(batch))) {
      db.write(syncWrites, wb);
    } catch (RocksDBException e) {
      throw new StorageException("write failed", e);
    }
  }

  /**
   * The batch in RocksDB's own WriteBatch representation (db/write_batch.cc): a 12-byte header of
   * sequence number (fixed64, filled in by the write) and count (fixed32), little-endian, then per
   * operation on the default column family a tag (1 put, 0 delete), the varint32 length and bytes
   * of the key, and for a put those of the value.
   */
  static byte[] serialize(WriteBatch batch) {
    List<WriteBatch.Op> ops = batch.ops();
    int size = 12;
    for (WriteBatch.Op op : ops) {
      size += 1 + varintSize(op.key().length) + op.key().length;
      if (op.value() != null) {
        size += varintSize(op.value().length) + op.value().length;
      }
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(0).putInt(ops.size());
    for (WriteBatch.Op op : ops) {
      out.put(op.value() == null ? TYPE_DELETION : TYPE_VALUE);
      putBytes(out, op.key());
      if (op.value() != null) {
        putBytes(out, op.value());
      }
    }
    return out.array();
  }

  private static final byte TYPE_DELETION = 0x0;
  private static final byte TYPE_VALUE = 0x1;

  private static void putBytes(ByteBuffer out, byte[] bytes) {
    int n = bytes.length;
    while ((n & ~0x7F) != 0) {
      out.put((byte) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.put((byte) n);
    out.put(bytes);
  }

  private static int varintSize(int n) {
    int size = 1;
    while ((n & ~0x7F) != 0) {
      size++;
      n >>>= 7;
    }
    return size;
  }

  @Override
  public void close() {
    db.close();
    syncWrites.close();
    options.close();
  }
}
