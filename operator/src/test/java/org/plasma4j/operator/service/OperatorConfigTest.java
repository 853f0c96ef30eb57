package org.plasma4j.operator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.tx.Output;
import org.plasma4j.operator.testing.TestChain;

class OperatorConfigTest {
  private static final Path DIR = Path.of("unused");
  /** Payments in a full devnet block: every slot but the fee transaction's. */
  private static final BigInteger PAYMENTS = BigInteger.valueOf(MerkleTree.CAPACITY - 1L);

  private static OperatorConfig withFee(BigInteger fee) {
    return OperatorConfig.devnet(
        DIR, FeeSchedule.of(TestChain.ETH, fee), TestChain.FEE_BENEFICIARY, TestChain.OPERATOR);
  }

  /** A full block's fee output must be an amount every exit game can pay, below 2^192. */
  @Test
  void aFeeWhoseBlockTotalCouldReachTwoTo192IsRefused() {
    BigInteger largest = Output.AMOUNT_LIMIT.subtract(BigInteger.ONE).divide(PAYMENTS);
    assertThat(withFee(largest).fees().feeFor(TestChain.ETH)).isEqualTo(largest);
    assertThat(largest.multiply(PAYMENTS)).isLessThan(Output.AMOUNT_LIMIT);
    assertThatThrownBy(() -> withFee(largest.add(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2^192");
    assertThatThrownBy(() -> withFee(Output.AMOUNT_LIMIT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aChangeSetsOnlyWhatItIsToldAndIsCheckedAsTheRecordIs() {
    OperatorConfig devnet = withFee(BigInteger.ONE);
    assertThat(devnet.with(c -> {})).isEqualTo(devnet);

    OperatorConfig changed = devnet.with(c -> {
      c.rpcThreads = 8;
      c.startL1Block = 42;
    });

    assertThat(changed.rpcThreads()).isEqualTo(8);
    assertThat(changed.startL1Block()).isEqualTo(42);
    assertThat(changed.with(c -> {
          c.rpcThreads = 64;
          c.startL1Block = 0;
        }))
        .isEqualTo(devnet);
    assertThatThrownBy(() -> devnet.with(c -> c.maxBlockSize = 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBlockSize");
  }
}
