package org.plasma4j.node.storage;

import org.plasma4j.core.types.Bytes32;

/**
 * Turns keys and values into bytes and back. Key codecs must preserve order where a column is
 * scanned in order (block numbers, pending sequence numbers), which is why longs are big-endian.
 */
public interface Codec<T> {

  byte[] encode(T value);

  T decode(byte[] bytes);

  Codec<byte[]> RAW = new Codec<>() {
    @Override
    public byte[] encode(byte[] value) {
      return value;
    }

    @Override
    public byte[] decode(byte[] bytes) {
      return bytes;
    }
  };

  /** Big-endian, so unsigned byte order equals numeric order for non-negative values. */
  Codec<Long> LONG = new Codec<>() {
    @Override
    public byte[] encode(Long value) {
      return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    @Override
    public Long decode(byte[] bytes) {
      return java.nio.ByteBuffer.wrap(bytes).getLong();
    }
  };

  /** A 32-byte hash as its bytes. */
  Codec<Bytes32> BYTES32 = new Codec<>() {
    @Override
    public byte[] encode(Bytes32 value) {
      return value.value();
    }

    @Override
    public Bytes32 decode(byte[] bytes) {
      return new Bytes32(bytes);
    }
  };
}
