package org.plasma4j.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.node.storage.DataDirLayout.NewerLayout;
import org.plasma4j.node.storage.DataDirLayout.UnknownLayout;

class DataDirLayoutTest {

  private static final DataDirLayout WATCHER = new DataDirLayout("watcher", 1);
  private static final Column<Long, Long> DATA = new Column<>(3, "data", Codec.LONG, Codec.LONG);

  @TempDir
  Path dir;

  private static String marker(KeyValueStore store) {
    return new String(store.get(DataDirLayout.MARKER, 1L).orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void aNewDirectoryGetsItsMarkerOnFirstOpenAndOpensAgainAfterARestart() {
    try (KeyValueStore store = new RocksDbStore(dir)) {
      WATCHER.open(store);
      store.commit(new WriteBatch().put(DATA, 1L, 42L));
    }
    try (KeyValueStore store = new RocksDbStore(dir)) {
      WATCHER.open(store);
      assertThat(marker(store)).isEqualTo("watcher/1");
      assertThat(store.get(DATA, 1L)).contains(42L);
    }
  }

  @Test
  void aDirectoryFromBeforeMarkersIsLayoutOneAndKeepsItsData() {
    try (KeyValueStore store = new RocksDbStore(dir)) {
      store.commit(new WriteBatch().put(DATA, 1L, 42L));
    }
    try (KeyValueStore store = new RocksDbStore(dir)) {
      WATCHER.open(store);
      assertThat(marker(store)).isEqualTo("watcher/1");
      assertThat(store.get(DATA, 1L)).contains(42L);
    }
  }

  @Test
  void aDirectoryANewerReleaseLaidOutIsRefusedByName() {
    try (KeyValueStore store = new InMemoryStore()) {
      new DataDirLayout("watcher", 2).open(store);

      assertThatThrownBy(() -> WATCHER.open(store))
          .isInstanceOf(NewerLayout.class)
          .hasMessageContaining("watcher layout 2, newer than layout 1")
          .satisfies(e -> assertThat(((NewerLayout) e).found()).isEqualTo(2));
      assertThat(marker(store)).isEqualTo("watcher/2");
    }
  }

  @Test
  void anOlderLayoutIsReadAndMarkedWithTheCurrentOne() {
    try (KeyValueStore store = new InMemoryStore()) {
      WATCHER.open(store);

      new DataDirLayout("watcher", 2).open(store);

      assertThat(marker(store)).isEqualTo("watcher/2");
      assertThatThrownBy(() -> WATCHER.open(store)).isInstanceOf(NewerLayout.class);
    }
  }

  @Test
  void anotherNodesDirectoryIsRefusedByName() {
    try (KeyValueStore store = new InMemoryStore()) {
      new DataDirLayout("operator", 1).open(store);

      assertThatThrownBy(() -> WATCHER.open(store))
          .isInstanceOf(UnknownLayout.class)
          .hasMessageContaining("holds operator data, not watcher data");
      assertThat(marker(store)).isEqualTo("operator/1");
    }
  }

  @Test
  void aMarkerThatIsNoLayoutIsRefusedByName() {
    try (KeyValueStore store = new InMemoryStore()) {
      store.commit(new WriteBatch()
          .put(DataDirLayout.MARKER, 1L, "watcher/one".getBytes(StandardCharsets.UTF_8)));

      assertThatThrownBy(() -> WATCHER.open(store))
          .isInstanceOf(UnknownLayout.class)
          .hasMessageContaining("'watcher/one' is not one watcher nodes read");
    }
  }

  @Test
  void aMarkerBelowTheFirstLayoutIsRefusedNotUpgraded() {
    try (KeyValueStore store = new InMemoryStore()) {
      for (String marker : new String[] {"watcher/0", "watcher/-7"}) {
        store.commit(new WriteBatch()
            .put(DataDirLayout.MARKER, 1L, marker.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> new DataDirLayout("watcher", 2).open(store))
            .isInstanceOf(UnknownLayout.class)
            .hasMessageContaining("'" + marker + "' is not one watcher nodes read");
        assertThat(marker(store)).as("nothing written").isEqualTo(marker);
      }
    }
  }
}
