package org.plasma4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.plasma4j.devnet.bench.BenchReport;
import org.plasma4j.devnet.bench.CoinHistoryBench;
import org.plasma4j.devnet.bench.PlasmaBench;
import org.plasma4j.devnet.bench.gas.GasBench;
import org.plasma4j.devnet.bench.gas.GasReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plasma bench}: end-to-end operator throughput on a private devnet. Progress goes to
 * stderr; stdout gets the report (with {@code --json}, exactly one JSON object).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure end-to-end throughput: start a devnet, fan deposits out to many accounts, pre-sign "
            + "1-input payments, post them in batches and time them until their blocks are formed; "
            + "also time single-core secp256k1 signature recovery as a yardstick. With --watcher: then "
            + "sync a fresh watcher over the chain and time its re-validation. With --coin-history: "
            + "simulate a year of one-second blocks and report the Plasma Cash history one coin's owner stores. "
            + "With --gas: measure the contracts' gas from transaction receipts on a fresh anvil and judge the "
            + "gas budgets (exit code 1 if one is exceeded).")
public final class BenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(
      names = "--txs",
      defaultValue = "100000",
      description = "measured transactions (default ${DEFAULT-VALUE})")
  int txs;

  @Option(
      names = "--accounts",
      defaultValue = "1000",
      description = "accounts owning the inputs (default ${DEFAULT-VALUE})")
  int accounts;

  @Option(
      names = "--batch",
      defaultValue = "2000",
      description = "transactions per plasma_sendTransactions call (default ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--clients",
      defaultValue = "4",
      description = "concurrent HTTP sender threads (default ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--block-interval-ms",
      defaultValue = "500",
      description = "operator block interval (default ${DEFAULT-VALUE})")
  long blockIntervalMillis;

  @Option(
      names = "--max-block-size",
      defaultValue = "65536",
      description = "transactions per block, at most 65536 (default ${DEFAULT-VALUE})")
  int maxBlockSize;

  @Option(
      names = "--recoveries",
      defaultValue = "20000",
      description = "signature recoveries the yardstick times (default ${DEFAULT-VALUE})")
  int recoveries;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "seed of the generated accounts (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--warmup",
      description = "payments of the measured kind sent and included before the clock starts, so "
          + "the measured phase sees compiled code, not the JIT at work (default: as many as "
          + "--txs; 0 measures from a cold start)")
  Integer warmup;

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean json;

  @Option(
      names = "--gas",
      description =
          "measure the root-chain contracts' gas by transaction receipts instead (own anvil, no operator)")
  boolean gas;

  @Option(
      names = "--watcher",
      description =
          "then sync a fresh watcher from genesis over the chain produced and report how fast it "
              + "re-validates every block, against the operator's acceptance rate")
  boolean watcher;

  @Option(
      names = "--coin-history",
      description = "measure stored Plasma Cash history per coin instead (no devnet)")
  boolean coinHistory;

  @Option(
      names = "--coin-blocks",
      defaultValue = "31536000",
      description = "simulated one-second blocks (default ${DEFAULT-VALUE}, a year)")
  long coinBlocks;

  @Option(
      names = "--coin-loads",
      split = ",",
      defaultValue = "0.1,1,10,100",
      description = "other coins' transfers per block, Poisson mean (default ${DEFAULT-VALUE})")
  List<Double> coinLoads;

  @Option(
      names = "--coin-moves-per-day",
      defaultValue = "1",
      description = "transfers of the measured coin per day (default ${DEFAULT-VALUE})")
  double coinMovesPerDay;

  @Option(
      names = "--coin-block-intervals",
      split = ",",
      defaultValue = "1,60",
      description =
          "the operator carries coin transfers in every N-th block; one table per N (default ${DEFAULT-VALUE})")
  List<Long> coinBlockIntervals;

  @Option(
      names = "--coin-sample-every",
      defaultValue = "100000",
      description =
          "rebuild the first non-empty block of every N as a real tree (default ${DEFAULT-VALUE})")
  long coinSampleEvery;

  @Override
  public Integer call() throws Exception {
    if (coinHistory) {
      return coinHistory();
    }
    if (gas) {
      return gas();
    }
    PlasmaBench.Options options = new PlasmaBench.Options(
        txs,
        accounts,
        batch,
        clients,
        Duration.ofMillis(blockIntervalMillis),
        maxBlockSize,
        seed,
        recoveries,
        watcher,
        warmup == null ? txs : warmup);
    BenchReport report = PlasmaBench.run(options, System.err);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        json ? new ObjectMapper().writeValueAsString(report.toMap()) + "\n" : report.toText());
    out.flush();
    return 0;
  }

  private int gas() throws com.fasterxml.jackson.core.JsonProcessingException {
    GasReport report = GasBench.run(System.err);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        json ? new ObjectMapper().writeValueAsString(report.toMap()) + "\n" : report.toText());
    out.flush();
    return report.budgetsHold() ? 0 : 1;
  }

  private int coinHistory() throws InterruptedException {
    CoinHistoryBench.Options d = CoinHistoryBench.Options.defaults();
    CoinHistoryBench.Options options = new CoinHistoryBench.Options(
        coinBlocks,
        coinLoads,
        coinMovesPerDay,
        d.mep(),
        coinSampleEvery,
        seed,
        d.threads(),
        coinBlockIntervals);
    CoinHistoryBench.Report report = CoinHistoryBench.run(options, System.err);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? toJson(report) + "\n" : report.toText());
    out.flush();
    return 0;
  }

  private static String toJson(CoinHistoryBench.Report report) {
    try {
      return new ObjectMapper().writeValueAsString(report.toMap());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
