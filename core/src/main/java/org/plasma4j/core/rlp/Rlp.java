package org.plasma4j.core.rlp;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.types.Uint256;

/**
 * Strict RLP. Encoding always produces the canonical form; {@link #validate} rejects every other
 * form, so one transaction has exactly one encoding and therefore one hash (docs/protocol.md
 * section 2.1).
 */
public final class Rlp {
  /** Deeper nesting than any Plasma structure needs (signedTx → tx → outputs → output = 4). */
  public static final int MAX_DEPTH = 16;

  private Rlp() {}

  // ---------------------------------------------------------------- encoding

  public static byte[] encodeBytes(byte[] s) {
    if (s.length == 1 && (s[0] & 0xff) < 0x80) {
      return new byte[] {s[0]};
    }
    byte[] out = new byte[headerLength(s.length) + s.length];
    int p = writeHeader(out, 0, 0x80, s.length);
    System.arraycopy(s, 0, out, p, s.length);
    return out;
  }

  public static byte[] encodeUint(BigInteger v) {
    return encodeBytes(Uint256.toMinimalBytes(v));
  }

  public static byte[] encodeUint(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("negative uint: " + v);
    }
    int n = (Long.SIZE - Long.numberOfLeadingZeros(v) + 7) / 8;
    byte[] b = new byte[n];
    for (int i = n - 1; i >= 0; i--, v >>>= 8) {
      b[i] = (byte) v;
    }
    return encodeBytes(b);
  }

  /** Wraps already-encoded items into a list. */
  public static byte[] encodeList(List<byte[]> encodedItems) {
    int len = 0;
    for (byte[] item : encodedItems) {
      len += item.length;
    }
    byte[] out = new byte[headerLength(len) + len];
    int p = writeHeader(out, 0, 0xc0, len);
    for (byte[] item : encodedItems) {
      System.arraycopy(item, 0, out, p, item.length);
      p += item.length;
    }
    return out;
  }

  public static byte[] encodeList(byte[]... encodedItems) {
    return encodeList(List.of(encodedItems));
  }

  private static int headerLength(int payloadLength) {
    if (payloadLength < 56) {
      return 1;
    }
    return 1 + (Integer.SIZE - Integer.numberOfLeadingZeros(payloadLength) + 7) / 8;
  }

  private static int writeHeader(byte[] out, int p, int base, int len) {
    if (len < 56) {
      out[p] = (byte) (base + len);
      return p + 1;
    }
    int n = headerLength(len) - 1;
    out[p] = (byte) (base + 55 + n);
    for (int i = n; i >= 1; i--, len >>>= 8) {
      out[p + i] = (byte) len;
    }
    return p + 1 + n;
  }

  // ---------------------------------------------------------------- validation

  /**
   * Checks that {@code buf} is exactly one canonical RLP item, nested at most {@link #MAX_DEPTH}
   * deep. Runs without allocating, before any field is interpreted, so that "not RLP" is told apart
   * from "RLP, but not a transaction".
   */
  public static void validate(byte[] buf) {
    if (buf.length == 0) {
      throw new RlpException("empty input");
    }
    Header h = new Header();
    int end = validateItem(buf, 0, buf.length, 0, h);
    if (end != buf.length) {
      throw new RlpException("trailing bytes after the top-level item");
    }
  }

  private static int validateItem(byte[] buf, int p, int limit, int depth, Header h) {
    if (depth > MAX_DEPTH) {
      throw new RlpException("nesting deeper than " + MAX_DEPTH);
    }
    int end = h.parse(buf, p, limit);
    if (h.list) {
      int q = h.payloadStart;
      while (q < end) {
        q = validateItem(buf, q, end, depth + 1, h);
      }
    }
    return end;
  }

  /** A parsed item header; mutable and reused so that parsing does not allocate. */
  static final class Header {
    boolean list;
    int payloadStart;
    int payloadLength;

    /** Parses the header at {@code p}; returns the end of the item, never beyond {@code limit}. */
    int parse(byte[] buf, int p, int limit) {
      if (p >= limit) {
        throw new RlpException("truncated: item header missing");
      }
      int b = buf[p] & 0xff;
      if (b < 0x80) {
        return set(false, p, 1, limit);
      }
      if (b <= 0xb7) {
        int len = b - 0x80;
        if (len == 1) {
          if (p + 1 >= limit) {
            throw new RlpException("truncated string");
          }
          if ((buf[p + 1] & 0xff) < 0x80) {
            throw new RlpException("single byte below 0x80 must encode as itself");
          }
        }
        return set(false, p + 1, len, limit);
      }
      if (b <= 0xbf) {
        return set(
            false, longPayloadStart(buf, p, b - 0xb7, limit), longLength(buf, p, b - 0xb7), limit);
      }
      if (b <= 0xf7) {
        return set(true, p + 1, b - 0xc0, limit);
      }
      return set(
          true, longPayloadStart(buf, p, b - 0xf7, limit), longLength(buf, p, b - 0xf7), limit);
    }

    private int set(boolean isList, int start, int len, int limit) {
      if (len > limit - start) {
        throw new RlpException("truncated: item runs past the end of its container");
      }
      list = isList;
      payloadStart = start;
      payloadLength = len;
      return start + len;
    }

    private static int longPayloadStart(byte[] buf, int p, int lenOfLen, int limit) {
      if (lenOfLen > 4) {
        throw new RlpException("length of length above 4 bytes");
      }
      if (p + 1 + lenOfLen > limit) {
        throw new RlpException("truncated length");
      }
      return p + 1 + lenOfLen;
    }

    private static int longLength(byte[] buf, int p, int lenOfLen) {
      if (buf[p + 1] == 0) {
        throw new RlpException("length with leading zero byte");
      }
      long len = 0;
      for (int i = 1; i <= lenOfLen; i++) {
        len = (len << 8) | (buf[p + i] & 0xff);
      }
      if (len < 56) {
        throw new RlpException("long form used for a length below 56");
      }
      if (len > Integer.MAX_VALUE) {
        throw new RlpException("length too large");
      }
      return (int) len;
    }
  }
}
