package org.plasma4j.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class OutputPositionTest {
    @Test
    void encodesAndDecodes() {
        OutputPosition p = OutputPosition.of(1000, 65_535, 3);
        assertThat(p.encode()).isEqualTo(1_000_655_350_003L);
        assertThat(OutputPosition.decode(1_000_655_350_003L)).isEqualTo(p);
        assertThat(OutputPosition.decode(BigInteger.valueOf(2_000_000_050_001L))).isEqualTo(OutputPosition.of(2000, 5, 1));
        OutputPosition max = OutputPosition.of(OutputPosition.MAX_BLKNUM, 65_535, 3);
        assertThat(max.encode()).isEqualTo(9_223_372_036_655_350_003L);
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
        assertThat(OutputPosition.isValid(999_999_999L)).isFalse();
        assertThat(OutputPosition.isValid(1_000_000_004L)).isFalse();
        assertThat(OutputPosition.isValid(1_655_360_000L)).isFalse();
        assertThat(OutputPosition.isValid(1_000_000_003L)).isTrue();
        assertThatThrownBy(() -> OutputPosition.decode(1_000_000_004L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutputPosition.decode(BigInteger.ONE.shiftLeft(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutputPosition.of(1, 65_536, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uint256Words() {
        assertThat(Hex.encode(Uint256.toWord(Uint256.MAX))).isEqualTo("0x" + "ff".repeat(32));
        assertThat(Uint256.toMinimalBytes(BigInteger.ZERO)).isEmpty();
        assertThat(Hex.encode(Uint256.toMinimalBytes(BigInteger.ONE.shiftLeft(255)))).isEqualTo("0x80" + "00".repeat(31));
        assertThatThrownBy(() -> Uint256.check(BigInteger.ONE.shiftLeft(256))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Uint256.check(BigInteger.ONE.negate())).isInstanceOf(IllegalArgumentException.class);
    }
}
