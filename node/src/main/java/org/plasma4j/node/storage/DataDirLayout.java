package org.plasma4j.node.storage;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Which node's data a store holds, and in which layout: one marker, written when the store is first
 * opened and checked on every open after, so that a node never reads a data directory that another
 * kind of node wrote, or that a newer release laid out differently.
 *
 * <p>A store without a marker is new, or from before markers: both are in layout 1, the layout
 * every release so far wrote, and get their marker on this open. A layout change raises the node's
 * version; a release then reads the versions it knows, marks an older one with its own (it writes
 * its own layout from then on) and refuses the newer ones.
 *
 * @param node the kind of node ("operator", "watcher")
 * @param version the layout this release reads and writes
 */
public record DataDirLayout(String node, int version) {

  /** The marker's column: its id is reserved in every node's store. */
  public static final Column<Long, byte[]> MARKER =
      new Column<>(255, "layout", Codec.LONG, Codec.RAW);

  private static final long KEY = 1;

  public DataDirLayout {
    if (node == null || node.isEmpty() || node.contains("/")) {
      throw new IllegalArgumentException("a layout names its node without '/': " + node);
    }
    if (version < 1) {
      throw new IllegalArgumentException("layout versions start at 1, got " + version);
    }
  }

  /**
   * Checks the marker of {@code store}, writing it if there is none.
   *
   * @throws UnknownLayout if the store is another node's or its marker is not one this release
   *     reads
   * @throws NewerLayout if a newer release laid the store out
   */
  public void open(KeyValueStore store) {
    Optional<byte[]> marker = store.get(MARKER, KEY);
    if (marker.isEmpty()) {
      store.commit(new WriteBatch().put(MARKER, KEY, encode()));
      return;
    }
    DataDirLayout found = parse(new String(marker.get(), StandardCharsets.UTF_8));
    if (!found.node.equals(node)) {
      throw new UnknownLayout(
          "the data directory holds " + found.node + " data, not " + node + " data");
    }
    if (found.version > version) {
      throw new NewerLayout(found, this);
    }
    if (found.version < version) {
      // this release reads the older layout and writes its own from now on: a release that knows
      // only the older one must refuse the directory
      store.commit(new WriteBatch().put(MARKER, KEY, encode()));
    }
  }

  /** The marker as stored: {@code node/version}, readable in a dump of the store. */
  byte[] encode() {
    return (node + "/" + version).getBytes(StandardCharsets.UTF_8);
  }

  private DataDirLayout parse(String marker) {
    int slash = marker.lastIndexOf('/');
    try {
      return new DataDirLayout(
          marker.substring(0, slash), Integer.parseInt(marker.substring(slash + 1)));
    } catch (RuntimeException e) {
      throw new UnknownLayout("the data directory's layout marker '" + marker + "' is not one "
          + node + " nodes read (expected '" + node + "/" + version + "')");
    }
  }

  /** Why a node refuses a data directory; nothing was read from it or written to it. */
  public abstract static sealed class LayoutMismatch extends RuntimeException
      permits UnknownLayout, NewerLayout {
    LayoutMismatch(String message) {
      super(message);
    }
  }

  /** The directory is another node's, or its marker is not a layout marker at all. */
  public static final class UnknownLayout extends LayoutMismatch {
    UnknownLayout(String message) {
      super(message);
    }
  }

  /** A newer release laid the directory out: this release would misread it. */
  public static final class NewerLayout extends LayoutMismatch {
    private final int found;

    NewerLayout(DataDirLayout found, DataDirLayout readable) {
      super("the data directory is in " + found.node + " layout " + found.version
          + ", newer than layout " + readable.version
          + " that this release reads: run the release that wrote it");
      this.found = found.version;
    }

    /** The directory's layout version. */
    public int found() {
      return found;
    }
  }
}
