package org.plasma4j.wallet;

import java.io.ByteArrayOutputStream;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.types.Bytes;

/**
 * The mass exit's compressed Merkle proof (docs/protocol.md section 7): a 2-byte big-endian bitmap
 * whose bit i says the sibling at level i is not the empty-subtree hash, then those siblings only.
 * Small blocks have mostly empty siblings, so this is what makes a proof per output cheap.
 */
final class CompressedProofs {
  private CompressedProofs() {}

  static Bytes compress(Bytes fullProof) {
    fullProof.requireLength(MerkleTree.PROOF_LENGTH, "a Merkle proof");
    byte[] proof = fullProof.toArray();
    ByteArrayOutputStream siblings = new ByteArrayOutputStream();
    int bitmap = 0;
    for (int level = 0; level < MerkleTree.DEPTH; level++) {
      byte[] sibling = java.util.Arrays.copyOfRange(proof, 32 * level, 32 * level + 32);
      if (!java.util.Arrays.equals(sibling, MerkleTree.zeroHash(level).value())) {
        bitmap |= 1 << level;
        siblings.writeBytes(sibling);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bitmap >>> 8);
    out.write(bitmap & 0xff);
    out.writeBytes(siblings.toByteArray());
    return Bytes.wrap(out.toByteArray());
  }
}
