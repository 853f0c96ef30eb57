package org.plasma4j.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;

/** The batch a commit hands RocksDB in one piece is the batch RocksDB would build op by op. */
class RocksDbStoreTest {

  private static final Column<Long, byte[]> C = new Column<>(202, "c", Codec.LONG, Codec.RAW);

  @TempDir
  Path dir;

  @Test
  void serializedBatchIsRocksDbsOwnRepresentation() throws RocksDBException {
    byte[] large = new byte[300]; // a length that needs two varint bytes
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) i;
    }
    WriteBatch batch = new WriteBatch()
        .put(C, 1L, new byte[] {7})
        .delete(C, 2L)
        .put(C, 3L, large)
        .put(C, 4L, new byte[0]);
    try (org.rocksdb.WriteBatch expected = new org.rocksdb.WriteBatch()) {
      for (WriteBatch.Op op : batch.ops()) {
        if (op.value() == null) {
          expected.delete(op.key());
        } else {
          expected.put(op.key(), op.value());
        }
      }
      assertThat(RocksDbStore.serialize(batch)).isEqualTo(expected.data());
      assertThat(expected.count()).isEqualTo(4);
    }
  }

  @Test
  void serializedCommitWritesAndDeletes() {
    try (RocksDbStore store = new RocksDbStore(dir.resolve("db"))) {
      store.commit(new WriteBatch().put(C, 1L, new byte[] {1}).put(C, 2L, new byte[] {2}));
      store.commit(new WriteBatch().delete(C, 1L).put(C, 3L, new byte[200]));
      assertThat(store.get(C, 1L)).isEmpty();
      assertThat(store.get(C, 2L)).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
      assertThat(store.get(C, 3L)).hasValueSatisfying(v -> assertThat(v).hasSize(200));
    }
  }
}
