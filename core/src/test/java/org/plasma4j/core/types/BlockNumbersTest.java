package org.plasma4j.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The last child block: the largest whose own and deposit blocks' positions all fit a long. */
class BlockNumbersTest {
  private static final long LAST = BlockNumbers.LAST_CHILD_BLOCK;

  @Test
  void theLastChildBlockAndItsDepositsNameEveryOutput() {
    assertThat(LAST).isEqualTo(9_223_372_035_000L);
    assertThat(LAST / BlockNumbers.CHILD_BLOCK_INTERVAL)
        .as("child blocks")
        .isEqualTo(9_223_372_035L);
    assertThat(BlockNumbers.isChildBlock(LAST)).isTrue();
    OutputPosition largest = OutputPosition.of(
        LAST + BlockNumbers.CHILD_BLOCK_INTERVAL - 1,
        OutputPosition.MAX_TX_INDEX,
        OutputPosition.MAX_OUTPUT_INDEX);
    assertThat(OutputPosition.isValid(largest.encode())).isTrue();
    assertThat(largest.encode()).isEqualTo(9_223_372_035_999_655_353L);
  }

  @Test
  void aChainOfOneSecondBlocksRunsForCenturies() {
    long secondsPerYear = 31_557_600L; // 365.25 days
    assertThat(LAST / BlockNumbers.CHILD_BLOCK_INTERVAL / secondsPerYear).isEqualTo(292L);
    assertThat(BlockNumbers.isWithinPositionSpace(9_223_372_000L))
        .as("past 9.2 million child blocks")
        .isTrue();
  }

  @Test
  void theNextChildBlockWouldHaveDepositsWithoutPositions() {
    long next = BlockNumbers.nextChildBlock(LAST);
    assertThat(BlockNumbers.isWithinPositionSpace(LAST)).isTrue();
    assertThat(BlockNumbers.isWithinPositionSpace(next)).isFalse();
    assertThat(next).isEqualTo(9_223_372_036_000L);
    assertThatThrownBy(() -> OutputPosition.of(next + BlockNumbers.CHILD_BLOCK_INTERVAL - 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutputPosition.decode(new java.math.BigInteger("9223372036999000000")))
        .as("its last deposit's first output lies beyond 2^63 - 1")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
