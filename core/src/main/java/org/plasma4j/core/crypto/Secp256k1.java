package org.plasma4j.core.crypto;

import java.util.Arrays;
import java.util.Optional;
import org.plasma4j.core.types.Address;

/**
 * ECDSA over secp256k1 through libsecp256k1 (acinq JNI binding): about 7x faster recovery than the
 * pure Java path, which matters because the operator recovers one signature per input.
 */
public final class Secp256k1 {
  private static final fr.acinq.secp256k1.Secp256k1 NATIVE = fr.acinq.secp256k1.Secp256k1.get();

  private Secp256k1() {}

  static boolean isValidPrivateKey(byte[] key) {
    return NATIVE.secKeyVerify(key);
  }

  /** 65-byte uncompressed public key 0x04 ‖ x ‖ y. */
  public static byte[] publicKey(PrivateKey key) {
    return NATIVE.pubkeyCreate(key.value());
  }

  public static Address addressOf(PrivateKey key) {
    return addressOfPublicKey(publicKey(key));
  }

  /** The last 20 bytes of keccak256(x ‖ y). */
  public static Address addressOfPublicKey(byte[] uncompressed) {
    byte[] h = Keccak256.hash(uncompressed, 1, 64);
    return new Address(Arrays.copyOfRange(h, 12, 32));
  }

  /**
   * Signs a 32-byte digest. libsecp256k1 always produces low s; the library has no recoverable-sign
   * call, so v is found by recovering with both ids (signing is off the hot path).
   */
  public static Signature sign(PrivateKey key, byte[] digest) {
    checkDigest(digest);
    byte[] compact = NATIVE.sign(digest, key.value());
    byte[] pub = publicKey(key);
    for (int recId = 0; recId < 2; recId++) {
      if (Arrays.equals(pub, recoverPublicKey(compact, digest, recId))) {
        byte[] sig = Arrays.copyOf(compact, 65);
        sig[64] = (byte) (27 + recId);
        return new Signature(sig);
      }
    }
    throw new IllegalStateException("no recovery id reproduces the public key");
  }

  /**
   * Recovers the signer's address, or empty if the signature recovers to no key. Malleable forms
   * (high s, v not 27/28) are empty too; callers that need to tell the two apart check
   * {@link Signature#isCanonical()} first.
   */
  public static Optional<Address> recover(byte[] digest, Signature signature) {
    checkDigest(digest);
    if (!signature.isCanonical()) {
      return Optional.empty();
    }
    byte[] pub = recoverPublicKey(signature.compact(), digest, signature.v() - 27);
    return pub == null ? Optional.empty() : Optional.of(addressOfPublicKey(pub));
  }

  private static byte[] recoverPublicKey(byte[] compact, byte[] digest, int recId) {
    try {
      byte[] pub = NATIVE.ecdsaRecover(compact, digest, recId);
      return pub != null && pub.length == 65 ? pub : null;
    } catch (RuntimeException e) { // r or s zero or >= n, or no point with this x: no key
      return null;
    }
  }

  private static void checkDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("digest must be 32 bytes");
    }
  }
}
