package org.plasma4j.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The last child block: the largest whose own and deposit blocks' positions all fit a long. */
class BlockNumbersTest {
    private static final long LAST = BlockNumbers.LAST_CHILD_BLOCK;

    @Test
    void theLastChildBlockAndItsDepositsNameEveryOutput() {
        assertThat(LAST).isEqualTo(9_223_371_000L);
        assertThat(BlockNumbers.isChildBlock(LAST)).isTrue();
        OutputPosition largest = OutputPosition.of(LAST + BlockNumbers.CHILD_BLOCK_INTERVAL - 1, OutputPosition.MAX_TX_INDEX,
                OutputPosition.MAX_OUTPUT_INDEX);
        assertThat(OutputPosition.isValid(largest.encode())).isTrue();
    }

    @Test
    void theNextChildBlockWouldHaveDepositsWithoutPositions() {
        long next = BlockNumbers.nextChildBlock(LAST);
        assertThat(BlockNumbers.isWithinPositionSpace(LAST)).isTrue();
        assertThat(BlockNumbers.isWithinPositionSpace(next)).isFalse();
        assertThatThrownBy(() -> OutputPosition.of(next + BlockNumbers.CHILD_BLOCK_INTERVAL - 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
