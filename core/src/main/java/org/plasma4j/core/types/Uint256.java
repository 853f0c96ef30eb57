package org.plasma4j.core.types;

import java.math.BigInteger;

/**
 * Range checks and word conversion for amounts (Wei or token units), which are uint256 on chain.
 */
public final class Uint256 {
  public static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private Uint256() {}

  public static boolean inRange(BigInteger v) {
    return v.signum() >= 0 && v.bitLength() <= 256;
  }

  /** Returns v, or throws if it does not fit a uint256 (amounts that would wrap on chain). */
  public static BigInteger check(BigInteger v) {
    if (!inRange(v)) {
      throw new IllegalArgumentException("not a uint256: " + v);
    }
    return v;
  }

  /** Big-endian, left-padded to 32 bytes. */
  public static byte[] toWord(BigInteger v) {
    check(v);
    byte[] word = new byte[32];
    byte[] raw = v.toByteArray();
    int skip = raw.length > 32 ? raw.length - 32 : 0; // drop the sign byte of 2^255..2^256-1
    System.arraycopy(raw, skip, word, 32 - (raw.length - skip), raw.length - skip);
    return word;
  }

  /** Minimal big-endian bytes (empty for zero): the canonical RLP uint payload. */
  public static byte[] toMinimalBytes(BigInteger v) {
    check(v);
    if (v.signum() == 0) {
      return new byte[0];
    }
    byte[] raw = v.toByteArray();
    if (raw[0] == 0) {
      byte[] trimmed = new byte[raw.length - 1];
      System.arraycopy(raw, 1, trimmed, 0, trimmed.length);
      return trimmed;
    }
    return raw;
  }
}
