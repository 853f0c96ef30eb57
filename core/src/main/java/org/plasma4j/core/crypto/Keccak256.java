package org.plasma4j.core.crypto;

import org.plasma4j.core.types.Bytes32;

/**
 * Ethereum's keccak256 (original Keccak padding, not SHA3-256), computed by {@link KeccakSponge}.
 * The overloads feed salts and pieces without concatenating arrays.
 */
public final class Keccak256 {
  private Keccak256() {}

  public static byte[] hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  public static byte[] hash(byte[] data, int offset, int length) {
    KeccakSponge d = new KeccakSponge();
    d.update(data, offset, length);
    return finish(d);
  }

  /** keccak256(prefix ‖ data): the Merkle leaf form without copying the transaction. */
  public static byte[] hash(byte prefix, byte[] data) {
    KeccakSponge d = new KeccakSponge();
    d.update(prefix);
    d.update(data, 0, data.length);
    return finish(d);
  }

  /** keccak256(prefix ‖ a ‖ b): the Merkle node form. */
  public static byte[] hash(byte prefix, byte[] a, byte[] b) {
    KeccakSponge d = new KeccakSponge();
    d.update(prefix);
    d.update(a, 0, a.length);
    d.update(b, 0, b.length);
    return finish(d);
  }

  /**
   * keccak256(prefix ‖ left[leftAt..+32] ‖ right[rightAt..+32]) written to out[outAt..+32]: the
   * Merkle node form over words kept side by side in one array per tree level.
   */
  public static void hashWords(
      byte prefix, byte[] left, int leftAt, byte[] right, int rightAt, byte[] out, int outAt) {
    KeccakSponge d = new KeccakSponge();
    d.update(prefix);
    d.update(left, leftAt, 32);
    d.update(right, rightAt, 32);
    d.finish(out, outAt);
  }

  /** keccak256 of the concatenated parts, e.g. abi.encode of 32-byte words. */
  public static byte[] hashConcat(byte[]... parts) {
    KeccakSponge d = new KeccakSponge();
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    return finish(d);
  }

  public static Bytes32 hash32(byte[] data) {
    return new Bytes32(hash(data));
  }

  private static byte[] finish(KeccakSponge d) {
    byte[] out = new byte[32];
    d.finish(out, 0);
    return out;
  }
}
