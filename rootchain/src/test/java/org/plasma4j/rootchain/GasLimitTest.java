package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GasLimitTest {

  private static final BigInteger FLOOR = BigInteger.valueOf(3_000_000);
  private static final BigInteger BLOCK = BigInteger.valueOf(30_000_000);

  @Test
  void aLargeCallGetsItsEstimatePlusAQuarter() {
    assertThat(GasLimit.choose(Optional.of(BigInteger.valueOf(4_800_000)), BLOCK, FLOOR))
        .isEqualTo(6_000_000);
  }

  @Test
  void neverBelowTheFloorNorAboveTheBlock() {
    assertThat(GasLimit.choose(Optional.of(BigInteger.valueOf(100_000)), BLOCK, FLOOR))
        .isEqualTo(FLOOR);
    assertThat(GasLimit.choose(Optional.of(BigInteger.valueOf(29_000_000)), BLOCK, FLOOR))
        .isEqualTo(BLOCK);
    assertThat(GasLimit.choose(Optional.empty(), BigInteger.valueOf(2_000_000), FLOOR))
        .isEqualTo(2_000_000);
  }

  @Test
  void withoutAnEstimateTheChainDecidesAtTheFloor() {
    assertThat(GasLimit.choose(Optional.empty(), BLOCK, FLOOR)).isEqualTo(FLOOR);
  }
}
