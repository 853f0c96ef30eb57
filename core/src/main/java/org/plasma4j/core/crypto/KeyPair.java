package org.plasma4j.core.crypto;

import org.plasma4j.core.types.Address;

/** A private key with its address computed once (deriving it costs a point multiplication). */
public record KeyPair(PrivateKey privateKey, Address address) {
  public KeyPair {
    if (!privateKey.address().equals(address)) {
      throw new IllegalArgumentException("address does not belong to the private key");
    }
  }

  public static KeyPair of(PrivateKey privateKey) {
    return privateKey.toKeyPair();
  }

  public static KeyPair fromHex(String privateKeyHex) {
    return of(PrivateKey.fromHex(privateKeyHex));
  }

  public Signature sign(byte[] digest) {
    return Secp256k1.sign(privateKey, digest);
  }
}
