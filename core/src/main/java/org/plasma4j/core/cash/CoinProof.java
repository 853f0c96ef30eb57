package org.plasma4j.core.cash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * A compressed proof in a coin tree (docs/protocol.md §9.3): an 8-byte big-endian bitmap whose bit
 * i is set when the sibling at level i (leaf level 0) is non-zero, then those siblings, 32 bytes
 * each, lowest level first. A slot alone in its block needs 8 bytes instead of 2,048. Immutable.
 *
 * @param bitmap which levels carry a sibling (64 bits, read unsigned)
 * @param siblings the non-zero siblings, lowest level first, one per set bit
 */
public record CoinProof(long bitmap, List<Bytes32> siblings) {
  public static final int BITMAP_BYTES = 8;
  /** The proof of a slot in a block with no coin transfer (coin root 0). */
  public static final CoinProof EMPTY = new CoinProof(0, List.of());

  public CoinProof {
    siblings = List.copyOf(siblings);
    if (siblings.size() != Long.bitCount(bitmap)) {
      throw new IllegalArgumentException(
          Long.bitCount(bitmap) + " bits set but " + siblings.size() + " siblings");
    }
  }

  /** Bytes of the wire form of a proof with {@code siblingCount} siblings. */
  public static int encodedLength(int siblingCount) {
    return BITMAP_BYTES + 32 * siblingCount;
  }

  /**
   * Parses the wire form; a length that disagrees with the bitmap is a proof of the wrong depth.
   */
  public static CoinProof decode(byte[] b) {
    long bitmap = checkLength(b);
    int count = Long.bitCount(bitmap);
    List<Bytes32> siblings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int from = BITMAP_BYTES + 32 * i;
      siblings.add(new Bytes32(Bytes.wrap(Arrays.copyOfRange(b, from, from + 32))));
    }
    return new CoinProof(bitmap, siblings);
  }

  /**
   * The bitmap of a wire-form proof whose length agrees with it; otherwise a proof of the wrong
   * depth.
   */
  static long checkLength(byte[] b) {
    if (b.length < BITMAP_BYTES) {
      throw new MalformedCoinDataException(
          "wrong depth: a coin proof has at least " + BITMAP_BYTES + " bytes, got " + b.length);
    }
    long bitmap = CoinTransfer.getLong(b, 0);
    int count = Long.bitCount(bitmap);
    if (b.length != encodedLength(count)) {
      throw new MalformedCoinDataException("wrong depth: bitmap names " + count + " siblings ("
          + encodedLength(count) + " bytes) but the proof has " + b.length + " bytes");
    }
    return bitmap;
  }

  public static CoinProof decode(Bytes b) {
    return decode(b.toArray());
  }

  /** bitmap (8 bytes BE) ‖ siblings. */
  public byte[] encode() {
    byte[] out = new byte[encodedLength(siblings.size())];
    CoinTransfer.putLong(out, 0, bitmap);
    for (int i = 0; i < siblings.size(); i++) {
      System.arraycopy(siblings.get(i).value(), 0, out, BITMAP_BYTES + 32 * i, 32);
    }
    return out;
  }

  public Bytes toBytes() {
    return Bytes.wrap(encode());
  }

  public boolean hasSibling(int level) {
    return ((bitmap >>> level) & 1) == 1;
  }
}
