package org.plasma4j.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Hex;

class Keccak256Test {

  @Test
  void knownDigests() {
    assertEquals(
        "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        Hex.encode(Keccak256.hash(new byte[0])));
    assertEquals(
        "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
        Hex.encode(Keccak256.hash("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
  }

  /** Every length around the rate's block boundaries, at every offset, against BouncyCastle. */
  @Test
  void agreesWithBouncyCastleOnEveryLengthAndOffset() {
    Random random = new Random(7);
    for (int length = 0; length <= 3 * KeccakSponge.RATE + 9; length++) {
      for (int offset : new int[] {0, 1, 3, 8}) {
        byte[] data = new byte[offset + length + 5];
        random.nextBytes(data);
        assertArrayEquals(
            reference(data, offset, length),
            Keccak256.hash(data, offset, length),
            "length " + length + " offset " + offset);
      }
    }
  }

  @Test
  void piecesHashLikeTheirConcatenation() {
    Random random = new Random(11);
    for (int a = 0; a < 300; a += 7) {
      byte[] left = new byte[a];
      byte[] right = new byte[300 - a];
      random.nextBytes(left);
      random.nextBytes(right);
      byte[] all = new byte[1 + left.length + right.length];
      all[0] = 0x01;
      System.arraycopy(left, 0, all, 1, left.length);
      System.arraycopy(right, 0, all, 1 + left.length, right.length);
      assertArrayEquals(reference(all, 0, all.length), Keccak256.hash((byte) 1, left, right));
      assertArrayEquals(
          reference(all, 1, all.length - 1), Keccak256.hashConcat(left, new byte[0], right));
    }
  }

  /**
   * A first piece of every length up to two lanes leaves the sponge at every byte phase, so the
   * rest is absorbed straddling lanes, across each block boundary of the rate.
   */
  @Test
  void aPieceAfterAnyOddPrefixAgreesWithBouncyCastleAcrossEveryBlockBoundary() {
    Random random = new Random(13);
    for (int length = 0; length <= 3 * KeccakSponge.RATE + 9; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      for (int split = 0; split <= Math.min(17, length); split++) {
        byte[] head = java.util.Arrays.copyOfRange(data, 0, split);
        byte[] tail = java.util.Arrays.copyOfRange(data, split, length);
        assertArrayEquals(
            reference(data, 0, length),
            Keccak256.hashConcat(head, tail),
            "length " + length + " split " + split);
      }
    }
  }

  private static byte[] reference(byte[] data, int offset, int length) {
    KeccakDigest d = new KeccakDigest(256);
    d.update(data, offset, length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}
