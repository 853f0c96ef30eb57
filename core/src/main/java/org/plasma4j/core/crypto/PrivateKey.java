package org.plasma4j.core.crypto;

import java.util.Arrays;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Hex;

/** A secp256k1 private key (32 bytes). Its toString never prints the key. */
public record PrivateKey(byte[] value) {
  public PrivateKey {
    if (value.length != 32 || !Secp256k1.isValidPrivateKey(value)) {
      throw new IllegalArgumentException("not a valid secp256k1 private key");
    }
    value = value.clone();
  }

  public static PrivateKey fromHex(String hex) {
    return new PrivateKey(Hex.decode(hex));
  }

  /** A copy: the record stays immutable. */
  @Override
  public byte[] value() {
    return value.clone();
  }

  public Address address() {
    return Secp256k1.addressOf(this);
  }

  public KeyPair toKeyPair() {
    return new KeyPair(this, address());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivateKey other && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "PrivateKey[redacted]";
  }
}
