package org.plasma4j.core.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.types.Bytes32;

class CoinTreeTest {
  private static final long LAST = -1L;

  private static Bytes32 leaf(long slot) {
    return new CoinTransfer(slot, 1000, DevKeys.ACCOUNT_2.address()).leafHash();
  }

  /** The tree computed the slow way: all 64 levels along the slot's path, by definition. */
  private static Bytes32 singleLeafRoot(long slot, Bytes32 leaf) {
    byte[] node = leaf.value();
    for (int level = 0; level < 64; level++) {
      byte[] zero = new byte[32];
      node = ((slot >>> level) & 1) == 0
          ? Keccak256.hash((byte) 1, node, zero)
          : Keccak256.hash((byte) 1, zero, node);
    }
    return new Bytes32(node);
  }

  @Test
  void emptyTreeHasRootZeroAndEveryProofIsEightZeroBytes() {
    CoinTree t = CoinTree.of(Map.of());
    assertThat(t.root()).isEqualTo(Bytes32.ZERO);
    assertThat(t.proof(123).encode()).isEqualTo(new byte[8]);
    assertThat(CoinTree.excludes(t.root(), 123, CoinProof.EMPTY)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(longs = {0L, 1L, 7L, LAST, Long.MIN_VALUE, 0x1234_5678_9abc_def0L})
  void aSingleLeafHashesAllTheWayUpWithAnEmptyProof(long slot) {
    CoinTree t = CoinTree.of(Map.of(slot, leaf(slot)));
    assertThat(t.root()).isEqualTo(singleLeafRoot(slot, leaf(slot)));
    assertThat(t.proof(slot)).isEqualTo(CoinProof.EMPTY);
    assertThat(CoinTree.rootFromProof(slot, leaf(slot), t.proof(slot))).isEqualTo(t.root());
  }

  @Test
  void provesInclusionAndExclusionOfEverySlotInARandomTree() {
    Random r = new Random(1);
    Map<Long, Bytes32> leaves = new HashMap<>();
    List<Long> slots = new ArrayList<>(List.of(0L, LAST, 2L, 3L));
    for (int i = 0; i < 40; i++) {
      slots.add(r.nextLong());
    }
    slots.forEach(s -> leaves.put(s, leaf(s)));
    CoinTree t = CoinTree.of(leaves);
    for (long s : slots) {
      CoinProof p = t.proof(s);
      assertThat(CoinTree.rootFromProof(s, leaf(s), p)).isEqualTo(t.root());
      assertThat(CoinTree.excludes(t.root(), s, p)).isFalse();
      assertThat(CoinProof.decode(p.encode())).isEqualTo(p);
    }
    for (long absent : List.of(1L, 4L, LAST - 1, 0x7fff_ffff_ffff_ffffL, r.nextLong())) {
      assertThat(CoinTree.excludes(t.root(), absent, t.proof(absent))).isTrue();
    }
  }

  @Test
  void neighboursShareAllButTheLowestLevel() {
    CoinTree t = CoinTree.of(Map.of(2L, leaf(2), 3L, leaf(3)));
    CoinProof p = t.proof(2);
    assertThat(p.bitmap()).isEqualTo(1L);
    assertThat(p.siblings()).containsExactly(leaf(3));
    assertThat(CoinTree.excludes(t.root(), 6, t.proof(6))).isTrue();
    assertThat(Long.bitCount(t.proof(6).bitmap())).isEqualTo(1);
  }

  @Test
  void aProofForAnotherSlotDoesNotProveThisOne() {
    CoinTree t = CoinTree.of(Map.of(10L, leaf(10), 900L, leaf(900)));
    assertThat(CoinTree.rootFromProof(11, leaf(10), t.proof(10))).isNotEqualTo(t.root());
    assertThat(CoinTree.excludes(t.root(), 10, t.proof(11))).isFalse();
  }

  @Test
  void aZeroRootIncludesNothing() {
    CoinTransfer tx = new CoinTransfer(3, 1000, DevKeys.ACCOUNT_2.address());
    assertThat(CoinTree.includes(Bytes32.ZERO, tx, CoinProof.EMPTY)).isFalse();
  }

  @Test
  void transfersOfOneSlotCannotShareABlock() {
    SignedCoinTransfer a = SignedCoinTransfer.sign(
        new CoinTransfer(3, 1000, DevKeys.ACCOUNT_1.address()),
        DevKeys.ACCOUNT_0,
        org.plasma4j.core.testing.Fixtures.DOMAIN);
    SignedCoinTransfer b = SignedCoinTransfer.sign(
        new CoinTransfer(3, 1000, DevKeys.ACCOUNT_2.address()),
        DevKeys.ACCOUNT_0,
        org.plasma4j.core.testing.Fixtures.DOMAIN);
    assertThatThrownBy(() -> CoinTree.ofTransfers(List.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CoinTree.ofTransfers(List.of(a)).root())
        .isEqualTo(CoinTree.of(Map.of(3L, a.transfer().leafHash())).root());
  }

  @Test
  void proofsOfTheWrongDepthAreRejected() {
    CoinTree t = CoinTree.of(Map.of(2L, leaf(2), 3L, leaf(3)));
    byte[] good = t.proof(2).encode();
    assertThatThrownBy(() -> CoinProof.decode(java.util.Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(MalformedCoinDataException.class)
        .hasMessageContaining("wrong depth");
    assertThatThrownBy(() -> CoinProof.decode(java.util.Arrays.copyOf(good, good.length + 32)))
        .isInstanceOf(MalformedCoinDataException.class)
        .hasMessageContaining("wrong depth");
    assertThatThrownBy(() -> CoinProof.decode(new byte[7]))
        .isInstanceOf(MalformedCoinDataException.class)
        .hasMessageContaining("wrong depth");
    byte[] full = new byte[8 + 64 * 32]; // an uncompressed 64-level proof with a zero bitmap
    assertThatThrownBy(() -> CoinProof.decode(full)).isInstanceOf(MalformedCoinDataException.class);
  }

  @Test
  void aSetBitForAZeroSiblingIsAcceptedOnlyIfTheRootRecomputes() {
    CoinTree t = CoinTree.of(Map.of(5L, leaf(5)));
    CoinProof padded = new CoinProof(1L, List.of(Bytes32.ZERO));
    assertThat(CoinTree.rootFromProof(5, leaf(5), padded)).isEqualTo(t.root());
  }
}
