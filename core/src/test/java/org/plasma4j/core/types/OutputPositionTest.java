package org.plasma4j.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class OutputPositionTest {
  @Test
  void encodesAndDecodes() {
    // blkNum * 1e6 + txIndex * 10 + outputIndex
    assertThat(OutputPosition.BLOCK_OFFSET).isEqualTo(1_000_000L);
    assertThat(OutputPosition.TX_OFFSET).isEqualTo(10L);
    OutputPosition p = OutputPosition.of(1000, 65_535, 3);
    assertThat(p.encode()).isEqualTo(1_000_655_353L);
    assertThat(OutputPosition.decode(1_000_655_353L)).isEqualTo(p);
    assertThat(OutputPosition.decode(BigInteger.valueOf(2_000_000_051L)))
        .isEqualTo(OutputPosition.of(2000, 5, 1));
    assertThat(OutputPosition.of(1, 0, 0).encode()).as("the smallest").isEqualTo(1_000_000L);
    OutputPosition max = OutputPosition.of(OutputPosition.MAX_BLKNUM, 65_535, 3);
    assertThat(OutputPosition.MAX_BLKNUM).isEqualTo(9_223_372_036_854L);
    assertThat(max.encode()).as("the largest").isEqualTo(9_223_372_036_854_655_353L);
    assertThat(OutputPosition.decode(max.encode())).isEqualTo(max);
  }

  @Test
  void depositsAreBetweenChildBlocks() {
    assertThat(OutputPosition.of(1, 0, 0).isDeposit()).isTrue();
    assertThat(OutputPosition.of(1001, 0, 0).isDeposit()).isTrue();
    assertThat(OutputPosition.of(2000, 0, 0).isDeposit()).isFalse();
    assertThat(BlockNumbers.nextChildBlock(1001)).isEqualTo(2000);
    assertThat(BlockNumbers.nextChildBlock(2000)).isEqualTo(3000);
  }

  @Test
  void rejectsPositionsThatNameNoOutput() {
    assertThat(OutputPosition.isValid(0)).isFalse();
    assertThat(OutputPosition.isValid(999_999L)).isFalse();
    assertThat(OutputPosition.isValid(1_000_004L)).isFalse();
    assertThat(OutputPosition.isValid(1_655_360L)).isFalse();
    assertThat(OutputPosition.isValid(1_000_003L)).isTrue();
    assertThat(OutputPosition.isValid(1_655_353L)).isTrue();
    assertThat(OutputPosition.isValid(Long.MAX_VALUE)).as("tx index 77580").isFalse();
    assertThatThrownBy(() -> OutputPosition.decode(1_000_004L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutputPosition.of(OutputPosition.MAX_BLKNUM + 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutputPosition.decode(BigInteger.ONE.shiftLeft(64)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutputPosition.of(1, 65_536, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Numbers a 1e9 / 1e4 layout reads as positions and this one refuses, and the reverse. */
  @Test
  void positionsOfADifferentDecimalLayoutAreNotTakenForEachOther() {
    assertThat(OutputPosition.isValid(1_000_000_660_000L))
        .as("block 1000 tx 66 there")
        .isFalse();
    assertThat(OutputPosition.isValid(9_223_372_036_000_990_001L))
        .as("block 9_223_372_036 tx 99 there")
        .isFalse();
    assertThat(OutputPosition.decode(1_000_000_051L))
        .as("output index 51 there")
        .isEqualTo(OutputPosition.of(1000, 5, 1));
    assertThat(OutputPosition.decode(1_000_000_000L))
        .as("block 1 there")
        .isEqualTo(OutputPosition.of(1000, 0, 0));
  }

  @Test
  void uint256Words() {
    assertThat(Hex.encode(Uint256.toWord(Uint256.MAX))).isEqualTo("0x" + "ff".repeat(32));
    assertThat(Uint256.toMinimalBytes(BigInteger.ZERO)).isEmpty();
    assertThat(Hex.encode(Uint256.toMinimalBytes(BigInteger.ONE.shiftLeft(255))))
        .isEqualTo("0x80" + "00".repeat(31));
    assertThatThrownBy(() -> Uint256.check(BigInteger.ONE.shiftLeft(256)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Uint256.check(BigInteger.ONE.negate()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
