package org.plasma4j.core.types;

import java.math.BigInteger;

/** A 32-byte word: hashes, Merkle roots, metadata. */
public record Bytes32(Bytes bytes) {
  public static final int LENGTH = 32;
  public static final Bytes32 ZERO = new Bytes32(new byte[LENGTH]);

  public Bytes32 {
    bytes.requireLength(LENGTH, "a 32-byte word");
  }

  public Bytes32(byte[] value) {
    this(Bytes.of(value));
  }

  public static Bytes32 fromHex(String hex) {
    return new Bytes32(Bytes.fromHex(hex));
  }

  /** A uint256 as a big-endian word, as abi.encode writes it. */
  public static Bytes32 ofUint(BigInteger v) {
    return new Bytes32(Bytes.wrap(Uint256.toWord(v)));
  }

  public static Bytes32 ofUint(long v) {
    return ofUint(BigInteger.valueOf(v));
  }

  /** A copy of the 32 bytes. */
  public byte[] value() {
    return bytes.toArray();
  }

  public String toHex() {
    return bytes.toHex();
  }

  @Override
  public String toString() {
    return toHex();
  }
}
