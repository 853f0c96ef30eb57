package org.plasma4j.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.BlockSubmissionPort.GasPaid;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.metrics.Metrics;
import org.plasma4j.operator.ledger.BlockRecord;

class OperatorMetricsTest {

  private final Metrics registry = new Metrics();
  private final OperatorMetrics metrics = new OperatorMetrics(registry);

  @Test
  void aBatchAddsItsAcceptedCountOnceAndEachRefusalUnderItsRpcError() {
    List<TxResult<Bytes32>> batch = new ArrayList<>();
    for (int i = 0; i < 498; i++) {
      batch.add(TxResult.ok(Bytes32.ZERO));
    }
    batch.add(TxResult.rejected(TxRejection.SPENT_INPUT, "spent"));
    batch.add(TxResult.rejected(TxRejection.INVALID_SIGNATURE, "bad"));
    metrics.intake(batch);
    metrics.intake(List.of(TxResult.rejected(TxRejection.SPENT_INPUT, "spent")));

    assertThat(registry.scrapeText())
        .contains("plasma_operator_transactions_accepted_total 498.0")
        .contains("plasma_operator_transactions_rejected_total{reason=\"SPENT_INPUT\"} 2.0")
        .contains("plasma_operator_transactions_rejected_total{reason=\"INVALID_SIGNATURE\"} 1.0")
        .contains("plasma_operator_transactions_rejected_total{reason=\"FEE_NOT_COVERED\"} 0.0");
  }

  @Test
  void formationAndSubmissionTimesAreMeasuredFromTheBlocksFormationStamp() {
    BlockRecord block = new BlockRecord(1000, Bytes32.ZERO, 65, 10_000);
    metrics.blockFormed(block, 10_040);
    metrics.blockConfirmed(block, 22_000);
    metrics.gasPaid(new GasPaid(61_234, BigInteger.valueOf(61_234L * 2_000_000_000L)));

    assertThat(registry.scrapeText())
        .contains("plasma_operator_blocks_formed_total 1.0")
        .contains("plasma_operator_block_transactions_total 65.0")
        .contains("plasma_operator_block_formation_seconds_bucket{le=\"0.025\"} 0")
        .contains("plasma_operator_block_formation_seconds_bucket{le=\"0.05\"} 1")
        .contains("plasma_operator_block_formation_seconds_sum 0.04")
        .contains("plasma_operator_blocks_submitted_total 1.0")
        .contains("plasma_operator_block_submission_seconds_bucket{le=\"10.0\"} 0")
        .contains("plasma_operator_block_submission_seconds_bucket{le=\"15.0\"} 1")
        .contains("plasma_operator_l1_gas_used_total 61234.0")
        .contains("plasma_operator_l1_fees_wei_total 1.22468E14");
  }

  @Test
  void depositsAndExitsAreCountedByKindAndOtherEventsNot() {
    Address owner = Address.fromHex("0x00000000000000000000000000000000000000aa");
    metrics.followed(List.of(
        new DepositEvent(
            1, owner, Address.ETH, BigInteger.TEN, Bytes32.ZERO, 5, LogPlace.inBlock(7)),
        new DepositEvent(
            2, owner, Address.ETH, BigInteger.TEN, Bytes32.ZERO, 5, LogPlace.inBlock(7)),
        new ExitStartedEvent(
            1_000_000_000L, owner, Address.ETH, BigInteger.TEN, 99, LogPlace.inBlock(8)),
        new BlockSubmittedEvent(1000, Bytes32.ZERO, 5, LogPlace.inBlock(8))));

    assertThat(registry.scrapeText())
        .contains("plasma_operator_deposits_followed_total 2.0")
        .contains("plasma_operator_exits_followed_total{kind=\"standard\"} 1.0")
        .contains("plasma_operator_exits_followed_total{kind=\"in_flight\"} 0.0");
  }

  @Test
  void theMempoolIsReadAtEachScrape() {
    int[] pending = {17};
    metrics.mempool(() -> pending[0]);
    assertThat(registry.scrapeText()).contains("plasma_operator_mempool_transactions 17.0");
    pending[0] = 0;
    assertThat(registry.scrapeText()).contains("plasma_operator_mempool_transactions 0.0");
  }
}
