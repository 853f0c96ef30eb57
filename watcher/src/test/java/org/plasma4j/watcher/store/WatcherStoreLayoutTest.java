package org.plasma4j.watcher.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.Codec;
import org.plasma4j.node.storage.Column;
import org.plasma4j.node.storage.DataDirLayout;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.watcher.sync.L1Batch;

class WatcherStoreLayoutTest {

  private static String marker(KeyValueStore kv) {
    return new String(kv.get(DataDirLayout.MARKER, 1L).orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void aStoreFromBeforeMarkersOpensWithItsBatchesAndIsMarkedAsAWatchers() {
    KeyValueStore kv = new InMemoryStore();
    L1Batch batch = new L1Batch(1, 5, List.of());
    // as a watcher without the marker left it: a batch and its sync height
    kv.commit(new WriteBatch()
        .put(WatcherStore.BATCH, 5L, batch)
        .put(WatcherStore.CHECKPOINT, 5L, Bytes32.ofUint(BigInteger.TEN))
        .put(WatcherStore.META, 3L, 5L));

    WatcherStore store = new WatcherStore(kv);

    assertThat(marker(kv)).isEqualTo("watcher/2");
    assertThat(store.batches()).containsExactly(batch);
    assertThat(store.lastSyncedL1(0)).isEqualTo(5);
  }

  @Test
  void aLayoutOneStoreKeepsItsJsonBodiesReadableAndIsMarkedLayoutTwo() {
    KeyValueStore kv = new InMemoryStore();
    new DataDirLayout("watcher", 1).open(kv);
    StoredBlock old =
        new StoredBlock(1000, Bytes32.ofUint(BigInteger.ONE), List.of(Bytes.of(new byte[] {1, 2})));
    kv.commit(new WriteBatch()
        .put(
            new Column<>(4, "child-block", Codec.LONG, Json.codec(StoredBlock.class)), 1000L, old));

    WatcherStore store = new WatcherStore(kv);
    StoredBlock next =
        new StoredBlock(2000, Bytes32.ofUint(BigInteger.TWO), List.of(Bytes.of(new byte[] {3})));
    store.putBlock(next);

    assertThat(marker(kv)).isEqualTo("watcher/2");
    assertThat(store.block(1000)).contains(old);
    assertThat(store.block(2000)).contains(next);
    assertThat(
            kv.get(new Column<>(4, "child-block", Codec.LONG, Codec.RAW), 2000L).orElseThrow()[0])
        .isEqualTo((byte) 1);
  }

  @Test
  void anOperatorsStoreIsRefusedByNameBeforeAnythingIsRead() {
    KeyValueStore kv = new InMemoryStore();
    Column<Long, Long> operatorMeta = new Column<>(10, "meta", Codec.LONG, Codec.LONG);
    kv.commit(new WriteBatch().put(operatorMeta, 1L, 1000L));
    new DataDirLayout("operator", 1).open(kv);

    assertThatThrownBy(() -> new WatcherStore(kv))
        .isInstanceOf(DataDirLayout.UnknownLayout.class)
        .hasMessageContaining("holds operator data, not watcher data");
  }

  @Test
  void aStoreOfANewerWatcherLayoutIsRefusedByName() {
    KeyValueStore kv = new InMemoryStore();
    new DataDirLayout("watcher", WatcherStore.LAYOUT.version() + 1).open(kv);

    assertThatThrownBy(() -> new WatcherStore(kv))
        .isInstanceOf(DataDirLayout.NewerLayout.class)
        .hasMessageContaining("watcher layout 3, newer than layout 2");
  }
}
