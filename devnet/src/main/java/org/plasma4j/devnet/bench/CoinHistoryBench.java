package org.plasma4j.devnet.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.plasma4j.devnet.bench.HistorySizeSimulation.Params;
import org.plasma4j.devnet.bench.HistorySizeSimulation.PolicyResult;
import org.plasma4j.devnet.bench.HistorySizeSimulation.Result;

/**
 * {@code plasma bench --coin-history}: stored Plasma Cash history per coin over a simulated year of
 * one-second blocks (against the bound of 10 MB per coin a year), for a table of chain-wide
 * transfer loads and checkpoint policies. One simulation per load (the policies share its blocks),
 * two at a time.
 */
public final class CoinHistoryBench {
  public static final long MONTH = 30 * HistorySizeSimulation.DAY_OF_BLOCKS;
  public static final long WEEK = 7 * HistorySizeSimulation.DAY_OF_BLOCKS;
  public static final long DAY = HistorySizeSimulation.DAY_OF_BLOCKS;
  /**
   * Checkpoint policies of the table: never, monthly, weekly, daily (the floor: one MEP plus a
   * day).
   */
  public static final long[] POLICIES = {0, MONTH, WEEK, DAY};

  /** The table's settings. {@code mep} is the checkpoint finalization period in blocks. */
  public record Options(
      long blocks,
      List<Double> loads,
      double ownTransfersPerDay,
      long mep,
      long sampleEvery,
      long seed,
      int threads,
      List<Long> coinBlockIntervals) {
    public static Options defaults() {
      return new Options(
          HistorySizeSimulation.YEAR_OF_BLOCKS,
          List.of(0.1, 1.0, 10.0, 100.0),
          1.0,
          WEEK,
          100_000,
          4,
          2,
          List.of(1L, 60L));
    }
  }

  /** The measured table. */
  public record Report(Options options, List<Result> results, double wallSeconds) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("blocks", options.blocks());
      m.put("ownTransfersPerDay", options.ownTransfersPerDay());
      m.put("mepBlocks", options.mep());
      m.put("targetBytes", HistorySizeSimulation.TARGET_BYTES);
      m.put("wallSeconds", Math.round(wallSeconds * 10) / 10.0);
      List<Object> rows = new ArrayList<>();
      for (Result r : results) {
        for (PolicyResult p : r.policies()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("transfersPerBlock", r.params().transfersPerBlock());
          row.put("coinBlockInterval", r.params().coinBlockInterval());
          row.put("checkpoint", policyName(p.checkpointInterval()));
          row.put("maxBytes", p.maxBytes());
          row.put("meanBytes", Math.round(p.meanBytes()));
          row.put("bytesPerBlock", Math.round(r.bytesPerBlock() * 100) / 100.0);
          row.put("maxBlocksHeld", p.maxBlocksHeld());
          row.put("naiveMaxBytes", p.naiveMaxBytes());
          row.put("checkpointsFinalized", p.checkpointsFinalized());
          row.put("meetsTarget", p.meetsTarget());
          row.put("realTreeSamples", r.samplesChecked());
          rows.add(row);
        }
      }
      m.put("rows", rows);
      return m;
    }

    public String toText() {
      StringBuilder b = new StringBuilder();
      b.append(String.format(
          Locale.ROOT,
          "Plasma Cash stored history per coin: %,d one-second blocks, coin moves %.2f/day, checkpoints final after %,d blocks%n",
          options.blocks(),
          options.ownTransfersPerDay(),
          options.mep()));
      b.append(String.format(
          Locale.ROOT,
          "%-10s %-6s %-10s %14s %14s %10s %12s %16s %s%n",
          "load/blk",
          "coin/N",
          "checkpoint",
          "max",
          "mean",
          "B/block",
          "max blocks",
          "naive max",
          "10 MB target"));
      for (Result r : results) {
        for (PolicyResult p : r.policies()) {
          b.append(String.format(
              Locale.ROOT,
              "%-10s %-6d %-10s %14s %14s %10.2f %,12d %16s %s%n",
              r.params().transfersPerBlock(),
              r.params().coinBlockInterval(),
              policyName(p.checkpointInterval()),
              mb(p.maxBytes()),
              mb(Math.round(p.meanBytes())),
              r.bytesPerBlock(),
              p.maxBlocksHeld(),
              mb(p.naiveMaxBytes()),
              p.meetsTarget()
                  ? "meets"
                  : String.format(
                      Locale.ROOT,
                      "misses (x%.1f)",
                      (double) p.maxBytes() / HistorySizeSimulation.TARGET_BYTES)));
        }
      }
      long samples = results.stream().mapToLong(Result::samplesChecked).sum();
      b.append(String.format(
          Locale.ROOT,
          "%d sampled blocks rebuilt as real depth-64 trees agreed with the derived bitmaps; %.1f s%n",
          samples,
          wallSeconds));
      return b.toString();
    }
  }

  private CoinHistoryBench() {}

  public static Report run(Options o, PrintStream progress) throws InterruptedException {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, o.threads()));
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (long interval : o.coinBlockIntervals()) {
        for (double load : o.loads()) {
          Params p = new Params(
              o.blocks(),
              load,
              o.ownTransfersPerDay(),
              POLICIES,
              o.mep(),
              o.sampleEvery(),
              o.seed(),
              interval);
          futures.add(pool.submit(() -> {
            Result r = HistorySizeSimulation.run(p);
            progress.printf(
                Locale.ROOT, "coin history: load %s, coin block every %d done%n", load, interval);
            return r;
          }));
        }
      }
      List<Result> results = new ArrayList<>();
      for (Future<Result> f : futures) {
        results.add(f.get());
      }
      return new Report(o, results, (System.nanoTime() - start) / 1e9);
    } catch (ExecutionException e) {
      throw new IllegalStateException("coin history simulation failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  static String policyName(long interval) {
    if (interval == 0) {
      return "none";
    }
    if (interval == MONTH) {
      return "monthly";
    }
    if (interval == WEEK) {
      return "weekly";
    }
    if (interval == DAY) {
      return "daily";
    }
    return interval + " blocks";
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
  }
}
