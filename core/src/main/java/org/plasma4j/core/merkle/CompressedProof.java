package org.plasma4j.core.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * An inclusion proof without its empty-subtree siblings (docs/protocol.md 7.1), as the mass exit
 * game (contracts/src/lib/CompressedProof.sol) reads it: a 2-byte big-endian bitmap whose bit i is
 * set when the sibling at level i (leaf level 0) is not {@link MerkleTree#zeroHash(int)}, then
 * those siblings, 32 bytes each, lowest level first. A leaf of a 16-transaction block needs 130
 * bytes instead of 512; a deposit block's only leaf needs 2. Immutable.
 *
 * @param bitmap which levels carry a sibling (16 bits)
 * @param siblings the non-empty siblings, lowest level first, one per set bit
 */
public record CompressedProof(int bitmap, List<Bytes32> siblings) {
  static final int BITMAP_BYTES = 2;

  public CompressedProof {
    if (bitmap < 0 || bitmap >= 1 << MerkleTree.DEPTH) {
      throw new IllegalArgumentException("bitmap " + bitmap + " is not 16 bits");
    }
    siblings = List.copyOf(siblings);
    if (siblings.size() != Integer.bitCount(bitmap)) {
      throw new IllegalArgumentException(
          Integer.bitCount(bitmap) + " bits set but " + siblings.size() + " siblings");
    }
  }

  /** Drops the empty-subtree siblings of a 512-byte proof. */
  public static CompressedProof compress(Bytes fullProof) {
    fullProof.requireLength(MerkleTree.PROOF_LENGTH, "a full proof");
    byte[] p = fullProof.toArray();
    int bitmap = 0;
    List<Bytes32> siblings = new ArrayList<>();
    for (int level = 0; level < MerkleTree.DEPTH; level++) {
      Bytes32 sibling = new Bytes32(Bytes.wrap(Arrays.copyOfRange(p, 32 * level, 32 * level + 32)));
      if (!sibling.equals(MerkleTree.zeroHash(level))) {
        bitmap |= 1 << level;
        siblings.add(sibling);
      }
    }
    return new CompressedProof(bitmap, siblings);
  }

  /**
   * Parses the wire form; rejects a length that disagrees with the bitmap, as the contract does.
   */
  public static CompressedProof decode(Bytes encoded) {
    byte[] b = encoded.toArray();
    if (b.length < BITMAP_BYTES) {
      throw new IllegalArgumentException(
          "a compressed proof has at least " + BITMAP_BYTES + " bytes");
    }
    int bitmap = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    int count = Integer.bitCount(bitmap);
    if (b.length != BITMAP_BYTES + 32 * count) {
      throw new IllegalArgumentException(
          "bitmap names " + count + " siblings but the proof has " + b.length + " bytes");
    }
    List<Bytes32> siblings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int from = BITMAP_BYTES + 32 * i;
      siblings.add(new Bytes32(Bytes.wrap(Arrays.copyOfRange(b, from, from + 32))));
    }
    return new CompressedProof(bitmap, siblings);
  }

  /** The wire form: bitmap (big-endian) ‖ siblings. */
  public Bytes encode() {
    byte[] out = new byte[BITMAP_BYTES + 32 * siblings.size()];
    out[0] = (byte) (bitmap >>> 8);
    out[1] = (byte) bitmap;
    for (int i = 0; i < siblings.size(); i++) {
      System.arraycopy(siblings.get(i).value(), 0, out, BITMAP_BYTES + 32 * i, 32);
    }
    return Bytes.wrap(out);
  }

  /** The 512-byte proof this stands for, empty subtrees filled back in. */
  public Bytes expand() {
    byte[] full = new byte[MerkleTree.PROOF_LENGTH];
    int next = 0;
    for (int level = 0; level < MerkleTree.DEPTH; level++) {
      Bytes32 sibling =
          ((bitmap >>> level) & 1) == 1 ? siblings.get(next++) : MerkleTree.zeroHash(level);
      System.arraycopy(sibling.value(), 0, full, 32 * level, 32);
    }
    return Bytes.wrap(full);
  }

  /** The root implied by {@code leaf} at {@code index}, as the contract computes it. */
  public Bytes32 rootFor(Bytes32 leaf, int index) {
    return MerkleTree.rootFromProof(leaf, index, expand());
  }
}
