package org.plasma4j.core.rlp;

import java.math.BigInteger;

/**
 * A forward cursor over the items of one RLP list (or a whole buffer). Strict: it applies the same
 * canonical checks as {@link Rlp#validate}, plus the uint rule (no leading zero bytes). Reads copy
 * only the bytes the caller keeps.
 */
public final class RlpReader {
  private final byte[] buf;
  private final int end;
  private int pos;
  private final Rlp.Header h = new Rlp.Header();

  private RlpReader(byte[] buf, int start, int end) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  /** A reader positioned on the top-level item of {@code buf}. */
  public static RlpReader of(byte[] buf) {
    return new RlpReader(buf, 0, buf.length);
  }

  public boolean hasNext() {
    return pos < end;
  }

  /** Number of items left; counts headers without decoding payloads. */
  public int remainingItems() {
    int n = 0;
    int p = pos;
    Rlp.Header tmp = new Rlp.Header();
    while (p < end) {
      p = tmp.parse(buf, p, end);
      n++;
    }
    return n;
  }

  /** Enters the next item, which must be a list; returns a reader over its items. */
  public RlpReader readList() {
    int itemEnd = h.parse(buf, pos, end);
    if (!h.list) {
      throw new RlpShapeException("expected a list, found a string");
    }
    RlpReader inner = new RlpReader(buf, h.payloadStart, itemEnd);
    pos = itemEnd;
    return inner;
  }

  /**
   * The complete encoding (header and payload) of the next item, e.g. the txBytes inside a
   * signedTx.
   */
  public byte[] readRaw() {
    int start = pos;
    pos = h.parse(buf, pos, end);
    byte[] out = new byte[pos - start];
    System.arraycopy(buf, start, out, 0, out.length);
    return out;
  }

  public byte[] readBytes() {
    nextString();
    byte[] out = new byte[h.payloadLength];
    System.arraycopy(buf, h.payloadStart, out, 0, out.length);
    return out;
  }

  /** Reads a string of exactly {@code length} bytes (addresses, metadata, signatures). */
  public byte[] readBytes(int length) {
    nextString();
    if (h.payloadLength != length) {
      throw new RlpShapeException("expected " + length + " bytes, got " + h.payloadLength);
    }
    byte[] out = new byte[length];
    System.arraycopy(buf, h.payloadStart, out, 0, length);
    return out;
  }

  /** A canonical uint that must fit a non-negative long. */
  public long readLong() {
    nextUint();
    if (h.payloadLength > 8 || (h.payloadLength == 8 && buf[h.payloadStart] < 0)) {
      throw new RlpShapeException("integer larger than 2^63-1");
    }
    long v = 0;
    for (int i = 0; i < h.payloadLength; i++) {
      v = (v << 8) | (buf[h.payloadStart + i] & 0xff);
    }
    return v;
  }

  /** A canonical uint of at most 32 bytes. */
  public BigInteger readUint256() {
    nextUint();
    if (h.payloadLength > 32) {
      throw new RlpShapeException("integer larger than 256 bits");
    }
    return h.payloadLength == 0
        ? BigInteger.ZERO
        : new BigInteger(1, buf, h.payloadStart, h.payloadLength);
  }

  /** Fails unless every item was consumed; catches extra fields. */
  public void expectEnd() {
    if (pos != end) {
      throw new RlpShapeException("unexpected extra items");
    }
  }

  private void nextString() {
    pos = h.parse(buf, pos, end);
    if (h.list) {
      throw new RlpShapeException("expected a string, found a list");
    }
  }

  private void nextUint() {
    nextString();
    if (h.payloadLength > 0 && buf[h.payloadStart] == 0) {
      throw new RlpException("integer with leading zero byte");
    }
  }
}
