package org.plasma4j.core.exit;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.merkle.CompressedProof;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.types.Bytes32;

/**
 * Chains the proof of a mass-exit item to the item before it in the same block, as
 * contracts/src/lib/BatchProof.sol reads it (docs/protocol.md 7.1, chained proofs): the game keeps
 * the previous leaf's proven path, so the proof leaves out every sibling from the level where the
 * two paths join, and the left sibling that is the previous path's own node. Pure.
 */
public final class ChainedProof {
  private ChainedProof() {}

  /**
   * The proof of the leaf at {@code index} given the previous item's leaf of the same block at
   * {@code prevIndex} ({@code prevIndex <= index}).
   *
   * @param proof the leaf's compressed proof
   */
  public static CompressedProof chain(CompressedProof proof, int index, int prevIndex) {
    if (prevIndex > index) {
      throw new IllegalArgumentException("previous index " + prevIndex + " after " + index);
    }
    int bitmap = 0;
    List<Bytes32> kept = new ArrayList<>();
    int next = 0;
    for (int level = 0; level < MerkleTree.DEPTH; level++) {
      if (index >>> level == prevIndex >>> level) {
        break;
      }
      if (((proof.bitmap() >>> level) & 1) == 0) {
        continue;
      }
      Bytes32 sibling = proof.siblings().get(next++);
      boolean fromPath =
          ((index >>> level) & 1) == 1 && index >>> (level + 1) == prevIndex >>> (level + 1);
      if (!fromPath) {
        bitmap |= 1 << level;
        kept.add(sibling);
      }
    }
    return new CompressedProof(bitmap, kept);
  }
}
