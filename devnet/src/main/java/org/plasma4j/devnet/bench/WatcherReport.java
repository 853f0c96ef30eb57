package org.plasma4j.devnet.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How fast a fresh watcher re-validated, from genesis, the chain a benchmark run produced: every
 * child block fetched from the operator, checked against the root committed on the root chain and
 * judged transaction by transaction.
 *
 * @param operatorBlocks child blocks the operator formed and submitted
 * @param operatorTxs transactions in them (payments and fee transactions)
 * @param blocksValidated child blocks the watcher re-validated, valid or not
 * @param txsValidated transactions in the blocks the watcher re-validated
 * @param invalidBlocks blocks the watcher found invalid
 * @param byzantineEvents events the watcher reported
 * @param firstEvent the type and key of the first one, null if none
 * @param wallSeconds from the watcher's start to the last block validated (root-chain sync
 *     included)
 * @param fetchSeconds spent on the operator's plasma_getBlock answers, on any thread: the watcher
 *     fetches the next block while it judges one, so most of it overlaps the judging
 * @param cpuSeconds this JVM's CPU across the sync (watcher, and the operator serving the blocks)
 * @param cpuSecondsByThreads the same by thread group
 * @param operatorAcceptanceTps the operator's acceptance rate in the same run's measured phase
 * @param operatorTxPerCpuSecond the operator's included transactions per JVM CPU-second (clients
 *     included) in the same run
 * @param heapRetainedBytes what the synced watcher holds on the heap: live bytes after a full
 *     collection once it has validated everything, less those before it started
 */
public record WatcherReport(
    long operatorBlocks,
    long operatorTxs,
    long blocksValidated,
    long txsValidated,
    int invalidBlocks,
    int byzantineEvents,
    String firstEvent,
    double wallSeconds,
    double fetchSeconds,
    double cpuSeconds,
    Map<String, Double> cpuSecondsByThreads,
    double operatorAcceptanceTps,
    double operatorTxPerCpuSecond,
    long heapRetainedBytes) {

  /** Heap the watcher holds per transaction it validated. */
  public double heapBytesPerTx() {
    return txsValidated > 0 ? (double) heapRetainedBytes / txsValidated : 0;
  }

  public double txPerSecond() {
    return wallSeconds > 0 ? txsValidated / wallSeconds : 0;
  }

  public double blocksPerSecond() {
    return wallSeconds > 0 ? blocksValidated / wallSeconds : 0;
  }

  public double txPerCpuSecond() {
    return cpuSeconds > 0 ? txsValidated / cpuSeconds : 0;
  }

  public double blocksPerCpuSecond() {
    return cpuSeconds > 0 ? blocksValidated / cpuSeconds : 0;
  }

  /** Validated per second over the operator's acceptance rate: the target is at least 1. */
  public double ratioToAcceptance() {
    return operatorAcceptanceTps > 0 ? txPerSecond() / operatorAcceptanceTps : 0;
  }

  /** The same ratio per CPU-second, steadier on a shared machine. */
  public double cpuRatio() {
    return operatorTxPerCpuSecond > 0 ? txPerCpuSecond() / operatorTxPerCpuSecond : 0;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("operatorBlocks", operatorBlocks);
    m.put("operatorTxs", operatorTxs);
    m.put("blocksValidated", blocksValidated);
    m.put("txsValidated", txsValidated);
    m.put("invalidBlocks", invalidBlocks);
    m.put("byzantineEvents", byzantineEvents);
    if (firstEvent != null) {
      m.put("firstEvent", firstEvent);
    }
    m.put("wallSeconds", round(wallSeconds, 1000));
    m.put("fetchSeconds", round(fetchSeconds, 1000));
    m.put("blocksPerSecond", round(blocksPerSecond(), 10));
    m.put("txPerSecond", round(txPerSecond(), 10));
    m.put("jvmCpuSeconds", round(cpuSeconds, 10));
    m.put("blocksPerJvmCpuSecond", round(blocksPerCpuSecond(), 10));
    m.put("txPerJvmCpuSecond", round(txPerCpuSecond(), 10));
    Map<String, Object> threads = new LinkedHashMap<>();
    cpuSecondsByThreads.forEach((group, seconds) -> threads.put(group, round(seconds, 10)));
    m.put("jvmCpuSecondsByThreads", threads);
    m.put("operatorAcceptanceTps", round(operatorAcceptanceTps, 10));
    m.put("ratioToAcceptance", round(ratioToAcceptance(), 1000));
    m.put("operatorTxPerJvmCpuSecond", round(operatorTxPerCpuSecond, 10));
    m.put("ratioPerCpuSecond", round(cpuRatio(), 1000));
    m.put("heapRetainedBytes", heapRetainedBytes);
    m.put("heapBytesPerTx", round(heapBytesPerTx(), 1));
    return m;
  }

  public String toText() {
    StringBuilder threads = new StringBuilder();
    cpuSecondsByThreads.forEach((group, seconds) -> threads
        .append(threads.isEmpty() ? "" : ", ")
        .append(String.format("%s %.1f CPU-s", group, seconds)));
    return String.format(
        """
        watcher     a fresh watcher synced the chain from genesis and re-validated %,d of %,d blocks, %,d of %,d txs
        verdicts    %d invalid blocks, %d byzantine events%s
        wall time   %.3f s (plasma_getBlock answers took %.3f s, mostly fetched while the block before was judged)
        validated   %,.1f blocks/s, %,.0f tx/s
        cpu         this JVM used %.1f CPU-s (%,.0f tx per CPU-s); %s
        ratio       watcher / operator acceptance = %.3f (target 1); per CPU-second %.3f (operator %,.0f tx per CPU-s)
        heap        the synced watcher holds %,.0f MiB, %,.0f bytes per transaction
        """,
        blocksValidated,
        operatorBlocks,
        txsValidated,
        operatorTxs,
        invalidBlocks,
        byzantineEvents,
        firstEvent == null ? "" : " (first: " + firstEvent + ")",
        wallSeconds,
        fetchSeconds,
        blocksPerSecond(),
        txPerSecond(),
        cpuSeconds,
        txPerCpuSecond(),
        threads,
        ratioToAcceptance(),
        cpuRatio(),
        operatorTxPerCpuSecond,
        heapRetainedBytes / (1024.0 * 1024.0),
        heapBytesPerTx());
  }

  private static double round(double v, int scale) {
    return Math.round(v * scale) / (double) scale;
  }
}
