package org.plasma4j.operator.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.metrics.Metrics;

/**
 * What the operator's counting costs on its intake path, per payment and per coin transfer: the
 * calls {@code TxIntake} makes once per batch ({@code intake} over the batch's results and the
 * {@code invalidParams} of a batch with none) and {@code CoinIntake} once per transfer, against the
 * same path without them ({@code off}: the results handed on and nothing counted). The metrics are
 * shared by every benchmark thread, as the node's are by its RPC threads. Run as docs/operations.md
 * says; scores are nanoseconds per payment (batch benchmarks) or per coin transfer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsCostBenchmark {

  /** Payments per plasma_sendTransactions call: the bench's default batch. */
  static final int BATCH = 2_000;

  private OperatorMetrics metrics;
  private List<TxResult<Bytes32>> accepted;
  private List<TxResult<Bytes32>> someRefused;
  private TxResult<Bytes32> coinAccepted;

  @Setup
  public void setUp() {
    metrics = new OperatorMetrics(new Metrics());
    accepted = new ArrayList<>(BATCH);
    someRefused = new ArrayList<>(BATCH);
    TxRejection[] reasons = TxRejection.values();
    for (int i = 0; i < BATCH; i++) {
      TxResult<Bytes32> ok = TxResult.ok(Bytes32.ZERO);
      accepted.add(ok);
      // one in a hundred refused, under every reason in turn
      someRefused.add(i % 100 == 0 ? TxResult.rejected(reasons[i / 100 % reasons.length], "") : ok);
    }
    coinAccepted = TxResult.ok(Bytes32.ZERO);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void paymentsCounted(Blackhole out) {
    metrics.intake(accepted);
    metrics.invalidParams(0);
    out.consume(accepted);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void paymentsCountedWithRefusals(Blackhole out) {
    metrics.intake(someRefused);
    metrics.invalidParams(0);
    out.consume(someRefused);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void paymentsOff(Blackhole out) {
    out.consume(accepted);
  }

  @Benchmark
  public void coinTransferCounted(Blackhole out) {
    metrics.coinIntake(coinAccepted);
    out.consume(coinAccepted);
  }

  @Benchmark
  public void coinTransferOff(Blackhole out) {
    out.consume(coinAccepted);
  }
}
