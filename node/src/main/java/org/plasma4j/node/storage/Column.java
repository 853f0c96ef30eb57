package org.plasma4j.node.storage;

/**
 * A typed column of the key-value store. The id is written into every key on disk, so ids are
 * stable forever: a retired column keeps its id reserved and a new column takes a fresh one.
 */
public record Column<K, V>(int id, String name, Codec<K> keys, Codec<V> values) {

  public Column {
    if (id < 1 || id > 255) {
      throw new IllegalArgumentException("column id must fit in one unsigned byte, got " + id);
    }
  }

  /** The on-disk key: one id byte followed by the encoded key. */
  public byte[] storageKey(K key) {
    return prefixed(keys.encode(key));
  }

  byte[] prefixed(byte[] encodedKey) {
    byte[] out = new byte[encodedKey.length + 1];
    out[0] = (byte) id;
    System.arraycopy(encodedKey, 0, out, 1, encodedKey.length);
    return out;
  }

  K keyOf(byte[] storageKey) {
    return keys.decode(java.util.Arrays.copyOfRange(storageKey, 1, storageKey.length));
  }
}
