package org.plasma4j.operator.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.rootchain.BlockSubmissionPort.GasPaid;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.node.metrics.FollowedEvents;
import org.plasma4j.node.metrics.Metrics;
import org.plasma4j.operator.ledger.BlockRecord;

/**
 * The operator's metrics (docs/operations.md lists them). Every counter and labelled series is made
 * here once; the acceptance path adds a batch's counts in one pass over its results, allocating
 * nothing.
 */
public final class OperatorMetrics {

  /** Where a formed block's formation and L1 confirmation times fall, in seconds. */
  private static final double[] FORMATION_BUCKETS = {
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private static final double[] SUBMISSION_BUCKETS = {
    0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800
  };

  private final Metrics registry;
  private final Counter accepted;
  private final CounterDataPoint[] rejectedBy;
  private final CounterDataPoint invalidParams;
  private final Counter coinsAccepted;
  private final Counter blocksFormed;
  private final Counter blockTransactions;
  private final Histogram formation;
  private final Counter blocksSubmitted;
  private final Histogram submission;
  private final Counter gasUsed;
  private final Counter feesWei;
  private final FollowedEvents followed;

  public OperatorMetrics(Metrics registry) {
    this.registry = registry;
    accepted = registry.counter(
        "plasma_operator_transactions_accepted_total",
        "Payments accepted into the pending block (durable when counted).");
    Counter rejected = registry.counter(
        "plasma_operator_transactions_rejected_total",
        "Payments and coin transfers refused, by the RPC error that refused them"
            + " (docs/rpc-errors.md).",
        "reason");
    TxRejection[] reasons = TxRejection.values();
    rejectedBy = new CounterDataPoint[reasons.length];
    for (TxRejection r : reasons) {
      rejectedBy[r.ordinal()] = rejected.labelValues(r.name());
    }
    // refused before decoding: not hex, or no such parameter
    invalidParams = rejected.labelValues(RpcError.INVALID_PARAMS.name());
    coinsAccepted = registry.counter(
        "plasma_operator_coin_transactions_accepted_total",
        "Plasma Cash coin transfers accepted into the pending block (durable when counted).");
    blocksFormed = registry.counter("plasma_operator_blocks_formed_total", "Child blocks formed.");
    blockTransactions = registry.counter(
        "plasma_operator_block_transactions_total",
        "Transactions in formed child blocks, fee transactions included.");
    formation = registry.histogram(
        "plasma_operator_block_formation_seconds",
        "Time to form and persist a child block from the pending transactions.",
        FORMATION_BUCKETS);
    blocksSubmitted = registry.counter(
        "plasma_operator_blocks_submitted_total",
        "Child blocks confirmed on the root chain (their commitment and event seen).");
    submission = registry.histogram(
        "plasma_operator_block_submission_seconds",
        "Time from a block's formation until the root chain holds its commitment.",
        SUBMISSION_BUCKETS);
    gasUsed = registry.counter(
        "plasma_operator_l1_gas_used_total",
        "Root-chain gas used by mined block submissions, from their receipts.");
    feesWei = registry.counter(
        "plasma_operator_l1_fees_wei_total",
        "Root-chain fees paid for mined block submissions (gas used times effective price).");
    followed = new FollowedEvents(registry, "operator");
  }

  public Metrics registry() {
    return registry;
  }

  /** The pending block's size, read at each scrape. */
  public void mempool(DoubleSupplier pendingTransactions) {
    registry.gauge(
        "plasma_operator_mempool_transactions",
        "Accepted payments waiting for the next block.",
        pendingTransactions);
  }

  /** A gauge the node reads at each scrape. */
  public void gauge(String name, String help, DoubleSupplier value) {
    registry.gauge(name, help, value);
  }

  /** One batch's outcomes: accepted ones added at once, each refusal under its reason. */
  public <T> void intake(List<TxResult<T>> results) {
    long ok = 0;
    for (int i = 0, n = results.size(); i < n; i++) {
      TxResult<T> r = results.get(i);
      if (r.isOk()) {
        ok++;
      } else {
        rejectedBy[r.rejection().ordinal()].inc();
      }
    }
    if (ok > 0) {
      accepted.inc(ok);
    }
  }

  /** One coin transfer's outcome: accepted, or refused under its reason. */
  public void coinIntake(TxResult<?> result) {
    if (result.isOk()) {
      coinsAccepted.inc();
    } else {
      rejectedBy[result.rejection().ordinal()].inc();
    }
  }

  /** {@code count} payments or coin transfers refused before decoding: their hex or parameters. */
  public void invalidParams(int count) {
    if (count > 0) {
      invalidParams.inc(count);
    }
  }

  /** A block formed; {@code nowMillis} on the clock that stamped it. */
  public void blockFormed(BlockRecord block, long nowMillis) {
    blocksFormed.inc();
    blockTransactions.inc(block.txCount());
    formation.observe(Math.max(0, nowMillis - block.formedAtMillis()) / 1000.0);
  }

  /** The root chain holds {@code block}; {@code nowMillis} on the clock that stamped it. */
  public void blockConfirmed(BlockRecord block, long nowMillis) {
    blocksSubmitted.inc();
    submission.observe(Math.max(0, nowMillis - block.formedAtMillis()) / 1000.0);
  }

  public void gasPaid(GasPaid paid) {
    gasUsed.inc(paid.gasUsed());
    // a double holds wei exactly up to 2^53 (0.009 ETH) per submission and approximately beyond
    feesWei.inc(new java.math.BigDecimal(paid.feeWei()).doubleValue());
  }

  /** Root-chain events the ledger applied. */
  public void followed(List<? extends L1Event> events) {
    followed.applied(events);
  }
}
