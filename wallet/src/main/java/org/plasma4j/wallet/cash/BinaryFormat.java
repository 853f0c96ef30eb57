package org.plasma4j.wallet.cash;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;

/**
 * The framing shared by coin files and bundles: a 4-byte magic, a version byte, the body, and a
 * keccak256 of everything before it, so a torn or edited file is refused rather than half-read.
 */
final class BinaryFormat {

  static final int VERSION = 1;

  private BinaryFormat() {}

  /** Writes a framed body. */
  static byte[] frame(String magic, BodyWriter body) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buf)) {
      out.writeBytes(magic);
      out.writeByte(VERSION);
      body.write(new Writer(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] content = buf.toByteArray();
    byte[] framed = Arrays.copyOf(content, content.length + 32);
    System.arraycopy(Keccak256.hash(content), 0, framed, content.length, 32);
    return framed;
  }

  /** Checks magic, version and checksum, then hands the body to {@code body}. */
  static <T> T unframe(String magic, byte[] framed, BodyReader<T> body) {
    if (framed.length < magic.length() + 1 + 32) {
      throw new IllegalArgumentException("truncated: " + framed.length + " bytes");
    }
    byte[] content = Arrays.copyOf(framed, framed.length - 32);
    byte[] sum = Arrays.copyOfRange(framed, framed.length - 32, framed.length);
    if (!Arrays.equals(sum, Keccak256.hash(content))) {
      throw new IllegalArgumentException("checksum mismatch (torn or altered file)");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
      byte[] head = in.readNBytes(magic.length());
      if (!magic.equals(new String(head, java.nio.charset.StandardCharsets.US_ASCII))) {
        throw new IllegalArgumentException("not a " + magic + " file");
      }
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown version " + version);
      }
      T value = body.read(new Reader(in));
      if (in.available() != 0) {
        throw new IllegalArgumentException(in.available() + " trailing bytes");
      }
      return value;
    } catch (EOFException e) {
      throw new IllegalArgumentException("truncated body", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  interface BodyWriter {
    void write(Writer w) throws IOException;
  }

  interface BodyReader<T> {
    T read(Reader r) throws IOException;
  }

  /** Big-endian fields. */
  record Writer(DataOutputStream out) {
    void u64(long v) throws IOException {
      out.writeLong(v);
    }

    void u8(int v) throws IOException {
      out.writeByte(v);
    }

    void address(Address a) throws IOException {
      out.write(a.value());
    }

    void uint256(BigInteger v) throws IOException {
      byte[] raw = v.toByteArray();
      byte[] word = new byte[32];
      int n = Math.min(raw.length, 32);
      System.arraycopy(raw, raw.length - n, word, 32 - n, n);
      out.write(word);
    }

    /** The fields every coin record starts with: the coin, then its origin. */
    void coinHead(
        long slot, Address token, int kind, BigInteger value, long originBlock, Address originOwner)
        throws IOException {
      u64(slot);
      address(token);
      u8(kind);
      uint256(value);
      u64(originBlock);
      address(originOwner);
    }

    void blob(Bytes b) throws IOException {
      out.writeInt(b.length());
      out.write(b.toArray());
    }
  }

  record Reader(DataInputStream in) {
    long u64() throws IOException {
      return in.readLong();
    }

    int u8() throws IOException {
      return in.readUnsignedByte();
    }

    Address address() throws IOException {
      return new Address(exactly(20));
    }

    BigInteger uint256() throws IOException {
      return new BigInteger(1, exactly(32));
    }

    Bytes blob() throws IOException {
      int length = in.readInt();
      if (length < 0 || length > in.available()) {
        throw new IllegalArgumentException("bad length " + length);
      }
      return Bytes.wrap(exactly(length));
    }

    private byte[] exactly(int n) throws IOException {
      byte[] b = new byte[n];
      in.readFully(b);
      return b;
    }
  }
}
