package org.plasma4j.node.storage;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Uint256;

/**
 * A compact binary form for stored records: fixed-width fields in a fixed order, with a presence
 * byte for optional ones. Records own their layout; this class only supplies the primitives.
 */
public final class Bin {

  private Bin() {}

  /** Appends fields to a growing buffer. */
  public static final class Writer {
    private final ByteArrayOutputStream out;

    public Writer() {
      this(96);
    }

    /**
     * A writer for a record of about {@code expectedBytes}, so a large one is not copied as it
     * grows.
     */
    public Writer(int expectedBytes) {
      this.out = new ByteArrayOutputStream(expectedBytes);
    }

    public Writer u8(int v) {
      out.write(v);
      return this;
    }

    public Writer i64(long v) {
      out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
      return this;
    }

    public Writer i32(int v) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
      return this;
    }

    public Writer address(Address a) {
      out.writeBytes(a.value());
      return this;
    }

    public Writer bytes32(Bytes32 b) {
      out.writeBytes(b.value());
      return this;
    }

    /** Optional 32-byte word: a presence byte, then the word if present. */
    public Writer optBytes32(Bytes32 b) {
      u8(b == null ? 0 : 1);
      return b == null ? this : bytes32(b);
    }

    /** A uint256 as a length byte and its minimal big-endian bytes. */
    public Writer uint(BigInteger v) {
      byte[] raw = Uint256.toMinimalBytes(v);
      u8(raw.length);
      out.writeBytes(raw);
      return this;
    }

    /** A length-prefixed byte string. */
    public Writer blob(byte[] b) {
      i32(b.length);
      out.writeBytes(b);
      return this;
    }

    public byte[] toBytes() {
      return out.toByteArray();
    }
  }

  /** Reads fields in the order a {@link Writer} wrote them. */
  public static final class Reader {
    private final ByteBuffer in;

    public Reader(byte[] bytes) {
      this.in = ByteBuffer.wrap(bytes);
    }

    public int u8() {
      return in.get() & 0xff;
    }

    public long i64() {
      return in.getLong();
    }

    public int i32() {
      return in.getInt();
    }

    public Address address() {
      return new Address(take(Address.LENGTH));
    }

    public Bytes32 bytes32() {
      return new Bytes32(take(Bytes32.LENGTH));
    }

    public Bytes32 optBytes32() {
      return u8() == 0 ? null : bytes32();
    }

    public BigInteger uint() {
      return new BigInteger(1, take(u8()));
    }

    public byte[] blob() {
      return take(i32());
    }

    /** Whether fields follow: a record written before a field was appended ends early. */
    public boolean hasMore() {
      return in.hasRemaining();
    }

    /** Bytes not read yet. */
    public int remaining() {
      return in.remaining();
    }

    /**
     * The next {@code n} bytes; a length past the end (a damaged record) is refused before anything
     * of that size is allocated.
     */
    private byte[] take(int n) {
      if (n < 0 || n > in.remaining()) {
        throw new IllegalStateException(
            "a field of " + n + " bytes where " + in.remaining() + " remain");
      }
      byte[] b = new byte[n];
      in.get(b);
      return b;
    }
  }

  /** A codec for a record type given its write and read functions. */
  public static <T> Codec<T> codec(
      java.util.function.BiConsumer<T, Writer> write, java.util.function.Function<Reader, T> read) {
    return new Codec<>() {
      @Override
      public byte[] encode(T value) {
        Writer w = new Writer();
        write.accept(value, w);
        return w.toBytes();
      }

      @Override
      public T decode(byte[] bytes) {
        return read.apply(new Reader(bytes));
      }
    };
  }
}
