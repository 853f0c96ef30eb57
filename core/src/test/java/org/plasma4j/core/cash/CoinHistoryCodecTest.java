package org.plasma4j.core.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.core.cash.TestChain.sign;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinHistory.Empty;
import org.plasma4j.core.cash.CoinHistory.Entry;
import org.plasma4j.core.testing.DevKeys;

class CoinHistoryCodecTest {
  private static final long SLOT =
      -2L; // 2^64 - 2: the slot's top bits exercise the bitmap's top bits

  private static CoinHistory sample() {
    TestChain chain = new TestChain();
    chain.busyBlock(5, 1L << 40, -1L, SLOT ^ 4);
    chain.block(sign(new CoinTransfer(SLOT, 999, DevKeys.ACCOUNT_1.address()), DevKeys.ACCOUNT_0));
    for (int i = 0; i < 300; i++) {
      chain.block();
    }
    chain.busyBlock(3);
    chain.block(
        sign(new CoinTransfer(SLOT, 2000, DevKeys.ACCOUNT_2.address()), DevKeys.ACCOUNT_1),
        sign(new CoinTransfer(SLOT - 2, 1, DevKeys.ACCOUNT_2.address()), DevKeys.ACCOUNT_1));
    chain.block();
    chain.block();
    return chain.history(SLOT, 1000, chain.last());
  }

  @Test
  void roundTripsAHistoryWithEveryKindOfEntry() {
    CoinHistory h = sample();
    byte[] bytes = CoinHistoryCodec.encode(h);
    assertThat(CoinHistoryCodec.decode(bytes)).isEqualTo(h);
    assertThat(CoinHistoryCodec.encode(CoinHistoryCodec.decode(bytes))).isEqualTo(bytes);
  }

  @Test
  void emptyBlocksCostNothing() {
    CoinHistory h = sample();
    int total = CoinHistoryCodec.headerLength(SLOT, 1000, h.entries().size());
    long gap = 0;
    for (Entry e : h.entries()) {
      if (e instanceof Empty) {
        gap++;
      } else {
        total += CoinHistoryCodec.recordLength(gap, e);
        gap = 0;
      }
    }
    assertThat(CoinHistoryCodec.encode(h)).hasSize(total);
    // 4 non-empty blocks: 1 busy (proof of 4 siblings), 2 transfers (101 bytes each) and 1 busy
    // block
    assertThat(total)
        .isLessThan(1 + 8 + 1 + 2 + 2 + 4 * 32 + 2 * (2 + 101 + 1 + 32) + 3 + 2 + 32 + 8);
  }

  @Test
  void anEmptyHistoryRoundTrips() {
    CoinHistory h = CoinHistory.empty(9);
    assertThat(CoinHistoryCodec.decode(CoinHistoryCodec.encode(h))).isEqualTo(h);
    assertThat(CoinHistoryCodec.encode(h)).hasSize(11);
  }

  @Test
  void everyTruncationAndAnyTrailingByteIsRejected() {
    byte[] bytes = CoinHistoryCodec.encode(sample());
    for (int n = 0; n < bytes.length; n++) {
      byte[] prefix = Arrays.copyOf(bytes, n);
      // a prefix that ends exactly between records parses, but then covers the same blocks with
      // fewer
      // records; only those that stop mid-record must fail
      try {
        CoinHistory partial = CoinHistoryCodec.decode(prefix);
        assertThat(CoinHistoryCodec.encode(partial)).isEqualTo(prefix);
      } catch (MalformedCoinDataException expected) {
        // truncated inside the header or a record
      }
    }
    int header = CoinHistoryCodec.headerLength(SLOT, 1000, sample().entries().size());
    for (int n = 0; n < header + 2; n++) { // inside the header, or inside the first record
      if (n == header) {
        continue; // the header alone is a valid history: every block empty
      }
      byte[] prefix = Arrays.copyOf(bytes, n);
      assertThatThrownBy(() -> CoinHistoryCodec.decode(prefix))
          .isInstanceOf(MalformedCoinDataException.class);
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> CoinHistoryCodec.decode(longer))
        .isInstanceOf(MalformedCoinDataException.class);
  }

  @Test
  void rejectsAnUnknownVersionNonMinimalVarintsAndImpossibleCounts() {
    byte[] bytes = CoinHistoryCodec.encode(sample());
    byte[] v2 = bytes.clone();
    v2[0] = 2;
    assertThatThrownBy(() -> CoinHistoryCodec.decode(v2)).hasMessageContaining("version");
    // header: version, slot, varint(first = 1), varint(count); pad first to the two-byte form 0x81
    // 0x00
    byte[] padded = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, padded, 0, 9);
    padded[9] = (byte) 0x81;
    padded[10] = 0;
    System.arraycopy(bytes, 10, padded, 11, bytes.length - 10);
    assertThatThrownBy(() -> CoinHistoryCodec.decode(padded)).hasMessageContaining("non-minimal");
    byte[] emptyButStarted = {1, 0, 0, 0, 0, 0, 0, 0, 9, 1, 0};
    assertThatThrownBy(() -> CoinHistoryCodec.decode(emptyButStarted))
        .hasMessageContaining("empty history");
    byte[] tooMany = {
      1, 0, 0, 0, 0, 0, 0, 0, 9, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f
    };
    assertThatThrownBy(() -> CoinHistoryCodec.decode(tooMany)).hasMessageContaining("exceeds");
    // one block, then a record after a gap of one: past the end
    byte[] past = {1, 0, 0, 0, 0, 0, 0, 0, 9, 1, 1, 2, 0};
    assertThatThrownBy(() -> CoinHistoryCodec.decode(past))
        .hasMessageContaining("past the last block");
    byte[] overlong = {
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      9,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      1
    };
    assertThatThrownBy(() -> CoinHistoryCodec.decode(overlong))
        .isInstanceOf(MalformedCoinDataException.class);
  }

  @Test
  void aTinyInputClaimingMoreBlocksThanTheChainHasIsRefusedBeforeAnyEntryIsBuilt() {
    // 14 bytes: version, slot 0, first block 1000, 2^25 blocks (all empty, so no record follows)
    byte[] bomb = {1, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10};
    assertThat(bomb).hasSize(14);
    long count = CoinHistoryCodec.MAX_BLOCKS;
    assertThatThrownBy(() -> CoinHistoryCodec.decode(bomb, 5_000))
        .isInstanceOf(HistoryTooLongException.class)
        .hasMessageContaining("a history of " + count + " blocks from block 1000")
        .hasMessageContaining("after block 5000");
    byte[] beyondMax = {1, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 0x81, (byte) 0x80, (byte) 0x80, 0x10};
    assertThatThrownBy(() -> CoinHistoryCodec.decode(beyondMax))
        .isInstanceOf(HistoryTooLongException.class)
        .hasMessageContaining("exceeds");
  }

  @Test
  void aHistoryEndingAtTheLastCommittedBlockDecodesAndOnePastItIsRefused() {
    CoinHistory h = sample();
    long last = h.lastBlock(0);
    byte[] bytes = CoinHistoryCodec.encode(h);
    assertThat(CoinHistoryCodec.decode(bytes, last)).isEqualTo(h);
    assertThatThrownBy(() -> CoinHistoryCodec.decode(bytes, last - 1000))
        .isInstanceOf(HistoryTooLongException.class);
    byte[] empty = CoinHistoryCodec.encode(CoinHistory.empty(SLOT));
    assertThat(CoinHistoryCodec.decode(empty, 0)).isEqualTo(CoinHistory.empty(SLOT));
  }

  @Test
  void storesOnlyConsecutiveChildBlocks() {
    List<Entry> gap = new ArrayList<>(sample().entries());
    gap.remove(1);
    assertThatThrownBy(() -> CoinHistoryCodec.encode(new CoinHistory(SLOT, gap)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("consecutive");
    assertThatThrownBy(
            () -> CoinHistoryCodec.encode(new CoinHistory(SLOT, List.of(new Empty(1500)))))
        .hasMessageContaining("consecutive");
  }
}
