package org.plasma4j.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same contract for both stores: typed columns kept apart, ordered scans, atomic batches. */
class KeyValueStoreTest {

  private static final Column<Long, Long> A = new Column<>(200, "a", Codec.LONG, Codec.LONG);
  private static final Column<Long, Long> B = new Column<>(201, "b", Codec.LONG, Codec.LONG);

  @TempDir
  Path dir;

  private Supplier<KeyValueStore> factory(String kind) {
    return kind.equals("rocksdb") ? () -> new RocksDbStore(dir.resolve("db")) : InMemoryStore::new;
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rocksdb"})
  void columnsAreSeparateAndScansAreOrdered(String kind) {
    try (KeyValueStore store = factory(kind).get()) {
      store.commit(
          new WriteBatch().put(A, 300L, 3L).put(A, 1L, 1L).put(A, 20L, 2L).put(B, 5L, 50L));
      List<Long> keys = new ArrayList<>();
      store.scan(A, new byte[0], (k, v) -> keys.add(k));
      assertThat(keys).containsExactly(1L, 20L, 300L);
      assertThat(store.get(B, 5L)).contains(50L);
      assertThat(store.get(A, 5L)).isEmpty();

      store.commit(new WriteBatch().delete(A, 20L).put(A, 1L, 10L));
      List<Long> values = new ArrayList<>();
      store.scanFrom(A, new byte[0], Codec.LONG.encode(2L), (k, v) -> values.add(v));
      assertThat(values).containsExactly(3L);
      assertThat(store.get(A, 1L)).contains(10L);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rocksdb"})
  void committedDataSurvivesReopening(String kind) {
    try (KeyValueStore store = factory(kind).get()) {
      store.commit(new WriteBatch().put(A, 1L, 42L));
    }
    try (KeyValueStore store = factory(kind).get()) {
      assertThat(store.get(A, 1L)).contains(42L);
    }
  }
}
