package org.plasma4j.core.types;

import java.math.BigInteger;

/** The few abi.encode forms the protocol hashes: static 32-byte words, concatenated. */
public final class Abi {
  private Abi() {}

  public static byte[] word(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("negative uint: " + v);
    }
    byte[] w = new byte[32];
    for (int i = 31; i >= 24; i--, v >>>= 8) {
      w[i] = (byte) v;
    }
    return w;
  }

  public static byte[] word(BigInteger v) {
    return Uint256.toWord(v);
  }

  /** An address left-padded to 32 bytes. */
  public static byte[] word(Address a) {
    byte[] w = new byte[32];
    System.arraycopy(a.value(), 0, w, 12, Address.LENGTH);
    return w;
  }

  public static byte[] word(Bytes32 b) {
    return b.value();
  }

  /** abi.encode / abi.encodePacked of static words: plain concatenation. */
  public static byte[] concat(byte[]... words) {
    int len = 0;
    for (byte[] w : words) {
      len += w.length;
    }
    byte[] out = new byte[len];
    int p = 0;
    for (byte[] w : words) {
      System.arraycopy(w, 0, out, p, w.length);
      p += w.length;
    }
    return out;
  }
}
