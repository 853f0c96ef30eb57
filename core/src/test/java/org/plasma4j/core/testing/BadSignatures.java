package org.plasma4j.core.testing;

import java.math.BigInteger;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.types.Uint256;

/** Signatures that must be refused, for rejection tests. */
public final class BadSignatures {
  private static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  private BadSignatures() {}

  /**
   * The same signature with s' = n - s and the other v: valid ECDSA, but a second (high-s)
   * encoding.
   */
  public static Signature malleate(Signature sig) {
    byte[] raw = sig.value();
    System.arraycopy(Uint256.toWord(N.subtract(sig.s())), 0, raw, 32, 32);
    raw[64] = (byte) (raw[64] == 27 ? 28 : 27);
    return new Signature(raw);
  }

  /** r = s = 0: recovers to no key. */
  public static Signature unrecoverable() {
    byte[] raw = new byte[65];
    raw[64] = 27;
    return new Signature(raw);
  }
}
