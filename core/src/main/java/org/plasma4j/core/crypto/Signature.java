package org.plasma4j.core.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.plasma4j.core.types.Bytes;

/** An Ethereum ECDSA signature r ‖ s ‖ v (65 bytes), as carried in a signed transaction. */
public record Signature(Bytes bytes) {
  public static final int LENGTH = 65;
  private static final byte[] HALF_N_BYTES = org.plasma4j.core.types.Hex.decode(
      "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");
  /** secp256k1n / 2: the largest s that is not malleable (EIP-2). */
  public static final BigInteger HALF_N = new BigInteger(1, HALF_N_BYTES);

  public Signature {
    bytes.requireLength(LENGTH, "a signature");
  }

  public Signature(byte[] value) {
    this(Bytes.of(value));
  }

  public static Signature fromHex(String hex) {
    return new Signature(Bytes.fromHex(hex));
  }

  /** A copy of the 65 bytes. */
  public byte[] value() {
    return bytes.toArray();
  }

  public BigInteger r() {
    return new BigInteger(1, value(), 0, 32);
  }

  public BigInteger s() {
    return new BigInteger(1, value(), 32, 32);
  }

  public int v() {
    return bytes.get(64) & 0xff;
  }

  /**
   * Whether the contract and the operator accept this form: v in {27, 28} and low s. Anything else
   * is a second encoding of some valid signature, which would give one spend two identities.
   */
  public boolean isCanonical() {
    int v = v();
    return (v == 27 || v == 28)
        && Arrays.compareUnsigned(value(), 32, 64, HALF_N_BYTES, 0, 32) <= 0;
  }

  /** r ‖ s, the compact form libsecp256k1 expects. */
  byte[] compact() {
    return Arrays.copyOf(value(), 64);
  }

  /**
   * The form the contracts accept of the same key's signature over the same digest: a recovery id
   * of 0 or 1 read as 27 or 28, and a high s replaced by n - s with the recovery id flipped
   * (EIP-2). Anyone can make that form from this one, so a record carrying it carries the signature
   * itself. Empty when no such form exists: another v, or s zero or not below n.
   */
  public Optional<Signature> canonicalForm() {
    if (isCanonical()) {
      return Optional.of(this);
    }
    int v = v();
    int id = v == 0 || v == 27 ? 0 : v == 1 || v == 28 ? 1 : -1;
    BigInteger s = s();
    BigInteger n = HALF_N.shiftLeft(1).add(BigInteger.ONE);
    if (id < 0 || s.signum() == 0 || s.compareTo(n) >= 0) {
      return Optional.empty();
    }
    byte[] out = value();
    if (s.compareTo(HALF_N) > 0) {
      System.arraycopy(org.plasma4j.core.types.Uint256.toWord(n.subtract(s)), 0, out, 32, 32);
      id ^= 1;
    }
    out[64] = (byte) (27 + id);
    return Optional.of(new Signature(out));
  }

  public String toHex() {
    return bytes.toHex();
  }

  @Override
  public String toString() {
    return toHex();
  }
}
