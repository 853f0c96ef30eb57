package org.plasma4j.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The {@code body} of a plasma_getBlockBody answer (docs/protocol.md section 8): a page's signed
 * transactions, each as a 4-byte big-endian length followed by that many bytes, end to end, sent as
 * one base64 string (RFC 4648 section 4 alphabet, padded, no line breaks or whitespace). One string
 * instead of a hex string per transaction is a third fewer bytes than hex, and its encoding and
 * decoding run over the page in one pass rather than a string at a time.
 *
 * <p>Reading is strict, since the bytes come from an operator that may be hostile: the base64 is
 * canonical (a length a multiple of 4, padding only at the end, no bits set past the last byte), no
 * length runs past the body's end or exceeds the caller's bound, and nothing follows the last
 * transaction. Anything else is {@link OperatorRpcReader.Malformed}.
 */
public final class PackedTransactions implements JsonSerializable {

  /** The length prefix of each transaction. */
  public static final int PREFIX_BYTES = 4;

  private final byte[] packed;

  private PackedTransactions(byte[] packed) {
    this.packed = packed;
  }

  /** The bytes a page of {@code txs} takes before base64. */
  public static long packedSize(long txBytes, int txs) {
    return txBytes + (long) PREFIX_BYTES * txs;
  }

  /** The length of the base64 of {@code packedBytes} bytes. */
  public static long base64Size(long packedBytes) {
    return (packedBytes + 2) / 3 * 4;
  }

  /** The packed bytes whose base64 is at most {@code base64Chars} long. */
  public static long packedWithin(long base64Chars) {
    return base64Chars / 4 * 3;
  }

  public static PackedTransactions pack(List<byte[]> txs) {
    int size = 0;
    for (byte[] tx : txs) {
      size = Math.addExact(size, PREFIX_BYTES + tx.length);
    }
    byte[] out = new byte[size];
    int at = 0;
    for (byte[] tx : txs) {
      out[at] = (byte) (tx.length >>> 24);
      out[at + 1] = (byte) (tx.length >>> 16);
      out[at + 2] = (byte) (tx.length >>> 8);
      out[at + 3] = (byte) tx.length;
      System.arraycopy(tx, 0, out, at + PREFIX_BYTES, tx.length);
      at += PREFIX_BYTES + tx.length;
    }
    return new PackedTransactions(out);
  }

  /** The base64 text, ASCII. */
  public byte[] base64() {
    return Base64.getEncoder().encode(packed);
  }

  /**
   * Written as a JSON string straight from the encoder's ASCII bytes: base64 needs no escaping, so
   * the generator's per-character escape check is skipped.
   */
  @Override
  public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
    byte[] text = base64();
    if (gen instanceof UTF8JsonGenerator) {
      gen.writeRawUTF8String(text, 0, text.length);
    } else { // a generator over chars (writeValueAsString) takes no raw bytes
      gen.writeString(new String(text, StandardCharsets.ISO_8859_1));
    }
  }

  @Override
  public void serializeWithType(
      JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
      throws IOException {
    serialize(gen, serializers);
  }

  /**
   * The transactions of the base64 {@code text[from, to)}: at most {@code maxTxs} of them, none
   * longer than {@code maxTxBytes}, together at most {@code maxBytes} (prefixes not counted). A
   * bound broken is refused at the transaction that breaks it, before it is copied.
   *
   * @throws OperatorRpcReader.Malformed naming what is wrong
   */
  public static List<byte[]> unpack(
      byte[] text, int from, int to, int maxTxs, int maxTxBytes, long maxBytes) {
    ByteBuffer decoded = decode(text, from, to);
    byte[] body = decoded.array();
    int end = decoded.limit();
    List<byte[]> out = new ArrayList<>();
    long bytes = 0;
    int at = decoded.position();
    while (at < end) {
      if (end - at < PREFIX_BYTES) {
        throw malformed("body ends inside a length prefix at byte " + at);
      }
      long length = ((body[at] & 0xffL) << 24)
          | ((body[at + 1] & 0xff) << 16)
          | ((body[at + 2] & 0xff) << 8)
          | (body[at + 3] & 0xff);
      at += PREFIX_BYTES;
      if (length > maxTxBytes) {
        throw malformed("transaction of " + length + " bytes exceeds " + maxTxBytes);
      }
      if (length > end - at) {
        throw malformed("transaction of " + length + " bytes runs past the body's end at byte " + at
            + " of " + end);
      }
      if (out.size() == maxTxs) {
        throw malformed("body holds more than " + maxTxs + " transactions");
      }
      bytes += length;
      if (bytes > maxBytes) {
        throw malformed("body exceeds " + maxBytes + " bytes");
      }
      byte[] tx = new byte[(int) length];
      System.arraycopy(body, at, tx, 0, tx.length);
      out.add(tx);
      at += tx.length;
    }
    return out;
  }

  /**
   * Canonical base64 only: the JDK's decoder alone accepts a missing padding and set bits past the
   * last byte, either of which would give one body many spellings.
   */
  private static ByteBuffer decode(byte[] text, int from, int to) {
    int length = to - from;
    if (length % 4 != 0) {
      throw malformed("body is not base64: " + length + " characters");
    }
    if (length > 0 && text[to - 1] == '=') {
      boolean two = text[to - 2] == '=';
      int last = sextet(text[to - (two ? 3 : 2)]);
      if (last >= 0 && (last & (two ? 0x0f : 0x03)) != 0) {
        throw malformed("body is not canonical base64: bits set past its last byte");
      }
    }
    try {
      return Base64.getDecoder().decode(ByteBuffer.wrap(text, from, length));
    } catch (IllegalArgumentException e) {
      throw malformed("body is not base64: " + e.getMessage());
    }
  }

  /**
   * The value of a base64 digit; -1 (all bits set) for anything else, which the decoder refuses.
   */
  private static int sextet(byte c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  }

  private static OperatorRpcReader.Malformed malformed(String message) {
    return new OperatorRpcReader.Malformed(message, null);
  }
}
