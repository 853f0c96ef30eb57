package org.plasma4j.devnet.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one benchmark run. Throughputs are transactions per second; latencies are
 * milliseconds from the submission of a transaction's batch to the first sight of its formed block.
 */
public record BenchReport(
    int txs,
    int accounts,
    int batch,
    int clients,
    long blockIntervalMillis,
    int maxBlockSize,
    int fanOutTransactions,
    double setupSeconds,
    double signSeconds,
    int accepted,
    int rejected,
    int included,
    int blocks,
    double wallSeconds,
    double sustainedTps,
    double acceptanceTps,
    Percentiles.Summary latencyMillis,
    double recoveriesPerSecondBefore,
    double recoveriesPerSecondAfter,
    double cpuSeconds,
    Map<String, Double> cpuSecondsByThreads,
    double loadAverage,
    String firstRejection,
    WatcherReport watcher) {

  /** This report with the figures of a fresh watcher that re-validated the chain afterwards. */
  public BenchReport withWatcher(WatcherReport w) {
    return new BenchReport(
        txs,
        accounts,
        batch,
        clients,
        blockIntervalMillis,
        maxBlockSize,
        fanOutTransactions,
        setupSeconds,
        signSeconds,
        accepted,
        rejected,
        included,
        blocks,
        wallSeconds,
        sustainedTps,
        acceptanceTps,
        latencyMillis,
        recoveriesPerSecondBefore,
        recoveriesPerSecondAfter,
        cpuSeconds,
        cpuSecondsByThreads,
        loadAverage,
        firstRejection,
        w);
  }

  /** One core's recovery rate: the mean of the timings before and after the measured phase. */
  public double recoveriesPerSecond() {
    return (recoveriesPerSecondBefore + recoveriesPerSecondAfter) / 2;
  }

  /** Sustained throughput as a multiple of one core's signature-recovery rate. */
  public double ratioToRecovery() {
    return sustainedTps / recoveriesPerSecond();
  }

  /** Included transactions per CPU-second this JVM (operator and client) used while measuring. */
  public double txPerCpuSecond() {
    return cpuSeconds > 0 ? included / cpuSeconds : 0;
  }

  /** The share of the wall time the single ledger writer spent on CPU. */
  public double writerBusy() {
    return wallSeconds > 0
        ? cpuSecondsByThreads.getOrDefault("ledger writer", 0.0) / wallSeconds
        : 0;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("txs", txs);
    m.put("accounts", accounts);
    m.put("batch", batch);
    m.put("clients", clients);
    m.put("blockIntervalMs", blockIntervalMillis);
    m.put("maxBlockSize", maxBlockSize);
    m.put("fanOutTransactions", fanOutTransactions);
    m.put("setupSeconds", round(setupSeconds));
    m.put("signSeconds", round(signSeconds));
    m.put("accepted", accepted);
    m.put("rejected", rejected);
    m.put("included", included);
    m.put("blocks", blocks);
    m.put("wallSeconds", round(wallSeconds));
    m.put("sustainedTps", round(sustainedTps));
    m.put("acceptanceTps", round(acceptanceTps));
    Map<String, Object> latency = new LinkedHashMap<>();
    latency.put("p50", latencyMillis.p50());
    latency.put("p90", latencyMillis.p90());
    latency.put("p99", latencyMillis.p99());
    latency.put("max", latencyMillis.max());
    m.put("latencyMs", latency);
    m.put("recoveriesPerSecondOneCore", round(recoveriesPerSecond()));
    m.put("recoveriesPerSecondBefore", round(recoveriesPerSecondBefore));
    m.put("recoveriesPerSecondAfter", round(recoveriesPerSecondAfter));
    m.put("ratioToRecovery", Math.round(ratioToRecovery() * 1000) / 1000.0);
    m.put("jvmCpuSeconds", round(cpuSeconds));
    m.put("txPerJvmCpuSecond", round(txPerCpuSecond()));
    Map<String, Object> threads = new LinkedHashMap<>();
    cpuSecondsByThreads.forEach((group, seconds) -> threads.put(group, round(seconds)));
    m.put("jvmCpuSecondsByThreads", threads);
    m.put("ledgerWriterBusy", Math.round(writerBusy() * 1000) / 1000.0);
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("loadAverageAtStart", Math.round(loadAverage * 100) / 100.0);
    if (firstRejection != null) {
      m.put("firstRejection", firstRejection);
    }
    if (watcher != null) {
      m.put("watcher", watcher.toMap());
    }
    return m;
  }

  public String toText() {
    return String.format(
            """
        load        %,d txs (1 input -> 1 output) from %,d accounts, batches of %d, %d client threads
        devnet      blocks every %d ms, at most %,d txs; setup %.1f s (%,d fan-out txs), pre-signing %.1f s
        accepted    %,d (rejected %d)   included %,d in %d blocks
        wall time   %.3f s from first submission to last inclusion
        sustained   %,.0f tx/s included and persisted
        acceptance  %,.0f tx/s acknowledged
        latency     submission -> inclusion p50 %d ms, p90 %d ms, p99 %d ms, max %d ms
        yardstick   %,.0f secp256k1 recoveries/s on one core (%,.0f before, %,.0f after measuring)
        ratio       throughput / recovery rate = %.3f (target 0.9)
        cpu         this JVM used %.1f CPU-s while measuring (%,.0f tx per CPU-s); load average at start %.2f on %d cores
        threads     %s; ledger writer busy %.0f %% of the wall time
        """,
            txs,
            accounts,
            batch,
            clients,
            blockIntervalMillis,
            maxBlockSize,
            setupSeconds,
            fanOutTransactions,
            signSeconds,
            accepted,
            rejected,
            included,
            blocks,
            wallSeconds,
            sustainedTps,
            acceptanceTps,
            latencyMillis.p50(),
            latencyMillis.p90(),
            latencyMillis.p99(),
            latencyMillis.max(),
            recoveriesPerSecond(),
            recoveriesPerSecondBefore,
            recoveriesPerSecondAfter,
            ratioToRecovery(),
            cpuSeconds,
            txPerCpuSecond(),
            loadAverage,
            Runtime.getRuntime().availableProcessors(),
            threadsText(),
            100 * writerBusy())
        + (firstRejection == null ? "" : "first rejection: " + firstRejection + "\n")
        + (watcher == null ? "" : watcher.toText());
  }

  private String threadsText() {
    StringBuilder sb = new StringBuilder();
    cpuSecondsByThreads.forEach((group, seconds) ->
        sb.append(sb.isEmpty() ? "" : ", ").append(String.format("%s %.1f CPU-s", group, seconds)));
    return sb.toString();
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
