package org.plasma4j.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plasma4j.core.types.Bytes;

class CompressedProofTest {
  private static MerkleTree tree(int leaves) {
    List<byte[]> txs = new ArrayList<>();
    for (int i = 0; i < leaves; i++) {
      txs.add(("tx-" + i).getBytes());
    }
    return MerkleTree.build(txs);
  }

  /** Shape, leaf index, expected number of non-empty siblings. */
  @ParameterizedTest
  @CsvSource({"1,0,0", "2,1,1", "3,2,1", "3,0,2", "16,5,4", "17,16,1", "17,3,5", "1000,999,8"})
  void keepsOnlyNonEmptySiblingsAndProvesTheSameRoot(int leaves, int index, int expectedSiblings) {
    MerkleTree t = tree(leaves);
    CompressedProof p = t.compressedProof(index);
    assertThat(p.siblings()).hasSize(expectedSiblings);
    assertThat(p.encode().length()).isEqualTo(2 + 32 * expectedSiblings);
    assertThat(p.expand()).isEqualTo(t.proof(index));
    assertThat(p.rootFor(t.leaf(index), index)).isEqualTo(t.root());
    assertThat(CompressedProof.decode(p.encode())).isEqualTo(p);
  }

  @Test
  void depositBlockProofIsTheEmptyBitmap() {
    assertThat(tree(1).compressedProof(0).encode()).isEqualTo(Bytes.fromHex("0x0000"));
  }

  @Test
  void bitmapIsBigEndianWithLevelZeroInTheLowestBit() {
    // 3 leaves, index 0: siblings at level 0 (leaf 1) and level 1 (node over leaf 2)
    assertThat(tree(3).compressedProof(0).bitmap()).isEqualTo(0b11);
    assertThat(tree(3).compressedProof(0).encode().toHex()).startsWith("0x0003");
  }

  @Test
  void rejectsALengthThatDisagreesWithTheBitmap() {
    Bytes encoded = tree(16).compressedProof(5).encode();
    byte[] cut = new byte[encoded.length() - 32];
    System.arraycopy(encoded.toArray(), 0, cut, 0, cut.length);
    assertThatThrownBy(() -> CompressedProof.decode(Bytes.wrap(cut)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bitmap names 4 siblings");
    assertThatThrownBy(() -> CompressedProof.decode(Bytes.fromHex("0x00")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CompressedProof(1, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
