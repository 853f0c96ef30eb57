package org.plasma4j.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The serialized commit against RocksDB itself: the bytes a commit hands over are the batch RocksDB
 * builds op by op for every length class of the varint, every key byte and any op order; what a
 * reopened store reads back is what was written; a killed writer leaves each commit whole or
 * absent.
 */
class RocksDbSerializedCommitTest {

  private static final Column<byte[], byte[]> RAW = new Column<>(210, "raw", Codec.RAW, Codec.RAW);
  /** A column whose id byte is above 127, the range where a signed byte turns negative. */
  private static final Column<byte[], byte[]> HIGH =
      new Column<>(255, "high", Codec.RAW, Codec.RAW);

  private static final Column<byte[], byte[]> LOW = new Column<>(1, "low", Codec.RAW, Codec.RAW);

  @TempDir
  Path dir;

  private static byte[] pattern(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  private static byte[] rocksDbsOwn(WriteBatch batch) throws RocksDBException {
    try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch()) {
      for (WriteBatch.Op op : batch.ops()) {
        if (op.value() == null) {
          wb.delete(op.key());
        } else {
          wb.put(op.key(), op.value());
        }
      }
      return wb.data();
    }
  }

  @ParameterizedTest
  @ValueSource(
      ints = {0, 1, 127, 128, 255, 16_383, 16_384, 2_097_151, 2_097_152, 5 * 1024 * 1024 + 3})
  void valuesAtEveryVarintBoundaryAreRocksDbsBytesAndReadBackExactly(int length)
      throws RocksDBException {
    byte[] value = pattern(length, length);
    byte[] key = pattern(Math.min(length, 16_384) + 1, 7); // keys cross the same boundaries
    WriteBatch batch = new WriteBatch().put(RAW, key, value).put(HIGH, value.clone(), key);
    assertThat(RocksDbStore.serialize(batch)).isEqualTo(rocksDbsOwn(batch));
    try (RocksDbStore store = new RocksDbStore(dir.resolve("db"))) {
      store.commit(batch);
      assertThat(store.get(RAW, key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
      assertThat(store.get(HIGH, value)).hasValueSatisfying(v -> assertThat(v).isEqualTo(key));
    }
    try (RocksDbStore reopened = new RocksDbStore(dir.resolve("db"))) {
      assertThat(reopened.get(RAW, key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
      assertThat(reopened.get(HIGH, value))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(key));
    }
  }

  @Test
  void keysAndValuesMadeOfTagBytesAreDataNotRecords() throws RocksDBException {
    // bytes that read as record tags (0 delete, 1 put, 2 merge, 4 cf-put, 0x80 varint continuation)
    byte[][] keys = {
      {0x00},
      {0x01},
      {0x00, 0x00, 0x00},
      {0x01, 0x01, 0x00},
      {(byte) 0x80, (byte) 0x80},
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
      {0x04, 0x00, 0x01},
      {0x02}
    };
    WriteBatch batch = new WriteBatch();
    for (int i = 0; i < keys.length; i++) {
      batch.put(RAW, keys[i], keys[(i + 1) % keys.length]);
      batch.put(LOW, keys[i], new byte[0]);
      batch.put(HIGH, keys[i], keys[i]);
    }
    batch.put(RAW, new byte[0], new byte[] {0x00}); // the column's empty key: the id byte alone
    assertThat(RocksDbStore.serialize(batch)).isEqualTo(rocksDbsOwn(batch));
    try (RocksDbStore store = new RocksDbStore(dir.resolve("db"))) {
      store.commit(batch);
    }
    try (RocksDbStore store = new RocksDbStore(dir.resolve("db"))) {
      for (int i = 0; i < keys.length; i++) {
        byte[] expected = keys[(i + 1) % keys.length];
        byte[] key = keys[i];
        assertThat(store.get(RAW, key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(expected));
        assertThat(store.get(LOW, key)).hasValueSatisfying(v -> assertThat(v).isEmpty());
        assertThat(store.get(HIGH, key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(key));
      }
      assertThat(store.get(RAW, new byte[0]))
          .hasValueSatisfying(v -> assertThat(v).containsExactly(0x00));
      List<byte[]> raw = new ArrayList<>();
      store.scan(RAW, new byte[0], (k, v) -> raw.add(k));
      assertThat(raw).hasSize(keys.length + 1); // nothing parsed into extra or fewer records
    }
  }

  @Test
  void opsOnOneKeyInOneCommitApplyInOrder() throws RocksDBException {
    byte[] k1 = {1};
    byte[] k2 = {2};
    byte[] k3 = {3};
    try (RocksDbStore store = new RocksDbStore(dir.resolve("db"))) {
      store.commit(new WriteBatch().put(RAW, k3, new byte[] {9}));
      WriteBatch batch = new WriteBatch()
          .put(RAW, k1, new byte[] {1})
          .delete(RAW, k1)
          .put(RAW, k1, new byte[] {2}) // put after delete: present, last value
          .put(RAW, k2, new byte[] {1})
          .put(RAW, k2, new byte[0])
          .delete(RAW, k2) // delete after puts: absent
          .delete(RAW, k3)
          .put(RAW, k3, new byte[0]); // an empty value is a value, not a delete
      assertThat(RocksDbStore.serialize(batch)).isEqualTo(rocksDbsOwn(batch));
      store.commit(batch);
      assertThat(store.get(RAW, k1)).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
      assertThat(store.get(RAW, k2)).isEmpty();
      assertThat(store.get(RAW, k3)).hasValueSatisfying(v -> assertThat(v).isEmpty());
    }
  }

  @Test
  void aCommitWithNoRecordsWritesNothing() {
    try (RocksDbStore store = new RocksDbStore(dir.resolve("db"))) {
      store.commit(new WriteBatch().put(RAW, new byte[] {1}, new byte[] {1}));
      store.commit(new WriteBatch());
      assertThat(RocksDbStore.serialize(new WriteBatch()))
          .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
      assertThat(store.get(RAW, new byte[] {1}))
          .hasValueSatisfying(v -> assertThat(v).containsExactly(1));
    }
  }

  @Test
  void aBatchOfHalfAMillionOpsCountsAndReadsBackEveryOne() throws RocksDBException {
    int n = 500_000; // the count's low bytes wrap many times; the header keeps the whole int
    WriteBatch batch = new WriteBatch();
    for (int i = 0; i < n; i++) {
      batch.put(RAW, Codec.LONG.encode((long) i), Codec.LONG.encode((long) i * 3));
    }
    byte[] ours = RocksDbStore.serialize(batch);
    assertThat(ours).isEqualTo(rocksDbsOwn(batch));
    try (org.rocksdb.WriteBatch parsed = new org.rocksdb.WriteBatch(ours)) {
      assertThat(parsed.count()).isEqualTo(n);
    }
    try (RocksDbStore store = new RocksDbStore(dir.resolve("db"))) {
      store.commit(batch);
    }
    try (RocksDbStore store = new RocksDbStore(dir.resolve("db"))) {
      long[] seen = {0};
      store.scan(RAW, new byte[0], (k, v) -> {
        assertThat(Codec.LONG.decode(v)).isEqualTo(Codec.LONG.decode(k) * 3);
        seen[0]++;
        return true;
      });
      assertThat(seen[0]).isEqualTo(n);
    }
  }

  /**
   * The serialized records carry no column family id: they land in the default family, whose id
   * RocksDB fixes at 0 whatever other families a directory has and in whatever order they were
   * made. A directory with other families is refused at open, as it was before (no silent write
   * into the wrong family).
   */
  @Test
  void recordsLandInTheDefaultFamilyAndADirectoryWithOtherFamiliesIsRefused()
      throws RocksDBException {
    Path path = dir.resolve("db");
    byte[] key = RAW.storageKey(new byte[] {5});
    try (DBOptions options =
        new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)) {
      List<ColumnFamilyDescriptor> families = List.of(
          new ColumnFamilyDescriptor("zeta".getBytes(StandardCharsets.UTF_8)),
          new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
          new ColumnFamilyDescriptor("alpha".getBytes(StandardCharsets.UTF_8)));
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      try (RocksDB db = RocksDB.open(options, path.toString(), families, handles)) {
        try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch(RocksDbStore.serialize(
                new WriteBatch().put(RAW, new byte[] {5}, new byte[] {42})));
            org.rocksdb.WriteOptions wo = new org.rocksdb.WriteOptions()) {
          db.write(wo, wb);
        }
        assertThat(handles.get(1).getID()).isZero();
        assertThat(db.get(handles.get(1), key)).containsExactly(42);
        assertThat(db.get(handles.get(0), key)).isNull();
        assertThat(db.get(handles.get(2), key)).isNull();
        handles.forEach(ColumnFamilyHandle::close);
      }
    }
    assertThatThrownBy(() -> new RocksDbStore(path)).isInstanceOf(StorageException.class);
  }

  /** A directory that the op-by-op code wrote reads the same, and takes serialized commits. */
  @Test
  void aDirectoryWrittenOpByOpAndCompressedReadsBackAndTakesSerializedCommits()
      throws RocksDBException {
    Path path = dir.resolve("db");
    byte[] big = pattern(100_000, 3);
    try (Options options = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(options, path.toString());
        org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch();
        org.rocksdb.WriteOptions wo = new org.rocksdb.WriteOptions().setSync(true);
        org.rocksdb.FlushOptions flush = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
      wb.put(RAW.storageKey(new byte[] {1}), big);
      wb.put(RAW.storageKey(new byte[] {2}), new byte[] {2});
      db.write(wo, wb);
      db.flush(flush); // an SST file in the old default compression
    }
    try (RocksDbStore store = new RocksDbStore(path)) {
      assertThat(store.get(RAW, new byte[] {1}))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(big));
      store.commit(new WriteBatch().delete(RAW, new byte[] {2}).put(RAW, new byte[] {3}, big));
    }
    try (RocksDbStore store = new RocksDbStore(path)) {
      assertThat(store.get(RAW, new byte[] {2})).isEmpty();
      assertThat(store.get(RAW, new byte[] {3}))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(big));
    }
  }

  // ---- a writer killed with SIGKILL between and during commits ----

  static final int KEYS_PER_COMMIT = 40;
  static final int VALUE_BYTES = 1500; // a commit of ~60 KB spans several 32 KB WAL blocks

  static byte[] crashKey(long commit, int j) {
    return Codec.LONG.encode(commit * 1000 + j);
  }

  static byte[] crashValue(long commit, int j) {
    return pattern(VALUE_BYTES, (int) commit * 7 + j);
  }

  /**
   * The child process: commits from {@code args[1]} on until killed, printing each acknowledged.
   */
  public static void main(String[] args) {
    long first = Long.parseLong(args[1]);
    try (RocksDbStore store = new RocksDbStore(Path.of(args[0]))) {
      for (long c = first; ; c++) {
        WriteBatch batch = new WriteBatch();
        for (int j = 0; j < KEYS_PER_COMMIT; j++) {
          batch.put(RAW, crashKey(c, j), crashValue(c, j));
        }
        store.commit(batch);
        System.out.println("acked " + c);
        System.out.flush();
      }
    }
  }

  @Test
  void aWriterKilledMidStreamLeavesEveryAcknowledgedCommitWholeAndNoneHalf() throws Exception {
    Path path = dir.resolve("db");
    String java = ProcessHandle.current().info().command().orElse("java");
    long next = 0;
    for (int round = 0; round < 3; round++) {
      Process child = new ProcessBuilder(
              java,
              "-cp",
              System.getProperty("java.class.path"),
              RocksDbSerializedCommitTest.class.getName(),
              path.toString(),
              Long.toString(next))
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      long acked = -1;
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          acked = Long.parseLong(line.substring("acked ".length()));
          if (acked >= next + 60 + round * 17) {
            child.destroyForcibly(); // SIGKILL, likely in the middle of the next commit
            break;
          }
        }
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(acked).as("the child acknowledged commits").isGreaterThanOrEqualTo(next);
      next = verifyWholeCommits(path, acked) + 1;
    }
  }

  /** Every commit up to {@code acked} whole, any later one whole or absent; the last whole one. */
  private static long verifyWholeCommits(Path path, long acked) {
    try (RocksDbStore store = new RocksDbStore(path)) {
      Map<Long, Integer> keysOf = new HashMap<>();
      store.scan(RAW, new byte[0], (k, v) -> {
        long id = Codec.LONG.decode(k);
        long commit = id / 1000;
        int j = (int) (id % 1000);
        assertThat(Arrays.equals(v, crashValue(commit, j)))
            .as("value of commit %d key %d", commit, j)
            .isTrue();
        keysOf.merge(commit, 1, Integer::sum);
        return true;
      });
      long last = keysOf.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
      assertThat(last).isGreaterThanOrEqualTo(acked);
      for (long c = 0; c <= last; c++) {
        assertThat(keysOf.get(c)).as("keys of commit %d", c).isEqualTo(KEYS_PER_COMMIT);
      }
      return last;
    }
  }
}
