package org.plasma4j.operator.storage;

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
}
