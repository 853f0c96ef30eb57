package org.plasma4j.devnet.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.rootchain.OnChainDomain;
import org.plasma4j.wallet.OperatorClient;
import org.plasma4j.wallet.RootChainActions.Deposit;

/**
 * End-to-end operator throughput on a private devnet. Setup (untimed): ETH deposits from the dev
 * accounts are fanned out with 4-output payments into at least {@code txs} outputs owned by
 * {@code accounts} generated accounts, and every measured 1-input 1-output payment is signed.
 * Measured: the payments are posted in batches by {@code clients} threads until every one is in a
 * formed block.
 */
public final class PlasmaBench {

  private static final BigInteger FEE = Devnet.ETH_FEE;
  private static final int FIRST_DEPOSITOR = 2;
  private static final Duration INCLUSION_TIMEOUT = Duration.ofMinutes(5);

  /**
   * @param recoveries how many signature recoveries the yardstick times
   * @param watcher whether a fresh watcher then syncs and re-validates the chain
   *     ({@link WatcherBench})
   * @param warmup payments of the measured kind sent and included before the clock starts, so the
   *     measured phase runs code the JIT has already compiled for it (steady state, as a
   *     long-running operator is), not the compiler's first work
   */
  public record Options(
      int txs,
      int accounts,
      int batch,
      int clients,
      Duration blockInterval,
      int maxBlockSize,
      long seed,
      int recoveries,
      boolean watcher,
      int warmup) {

    public Options(
        int txs,
        int accounts,
        int batch,
        int clients,
        Duration blockInterval,
        int maxBlockSize,
        long seed,
        int recoveries) {
      this(txs, accounts, batch, clients, blockInterval, maxBlockSize, seed, recoveries, false, 0);
    }

    /** These options with a watcher sync after the measured phase. */
    public Options withWatcher() {
      return new Options(
          txs,
          accounts,
          batch,
          clients,
          blockInterval,
          maxBlockSize,
          seed,
          recoveries,
          true,
          warmup);
    }

    public Options {
      if (txs < 1 || accounts < 2 || batch < 1 || clients < 1 || recoveries < 1 || warmup < 0) {
        throw new IllegalArgumentException(
            "txs, batch, clients, recoveries >= 1 and accounts >= 2 required");
      }
    }

    public static Options defaults() {
      return new Options(
          100_000, 1_000, 500, 2, Duration.ofMillis(500), 65_536, 42, 20_000, false, 100_000);
    }
  }

  private record Coin(OutputPosition position, KeyPair owner, BigInteger amount) {}

  /** What the client threads saw: per transaction, batch submission and acknowledgement times. */
  private record SendLog(
      long[] submitted,
      long[] acked,
      boolean[] rejected,
      int rejectedCount,
      String firstRejection) {}

  private final Options options;
  private final PrintStream log;
  private double loadAverage;

  private PlasmaBench(Options options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  /** Runs the whole benchmark; progress goes to {@code log}. */
  public static BenchReport run(Options options, PrintStream log) {
    return new PlasmaBench(options, log).run();
  }

  private BenchReport run() {
    loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    log.printf("yardstick: timing %,d secp256k1 recoveries on one thread%n", options.recoveries());
    double recoveryRate = RecoveryRate.measure(options.recoveries(), options.seed());
    log.printf("yardstick: %,.0f recoveries/s%n", recoveryRate);
    log.printf(
        "starting devnet: blocks every %d ms, at most %,d txs%n",
        options.blockInterval().toMillis(), options.maxBlockSize());
    try (Devnet devnet = Devnet.start(
        Devnet.Options.defaults().withBlocks(options.blockInterval(), options.maxBlockSize()))) {
      URI endpoint = URI.create(devnet.operatorRpcUrl());
      OperatorClient client = new OperatorClient(endpoint, Duration.ofMinutes(2));
      BatchSender sender = new BatchSender(endpoint);
      BlockReader blocks = new BlockReader(endpoint);
      Domain domain = OnChainDomain.read(devnet.web3j(), devnet.framework());

      long setupStart = System.nanoTime();
      List<KeyPair> accounts = BenchKeys.generate(new Random(options.seed()), options.accounts());
      LoadPlan plan =
          LoadPlan.of(DevAccounts.COUNT - FIRST_DEPOSITOR, options.txs() + options.warmup());
      Deque<Coin> coins = deposit(devnet, client, plan.depositAmount(FEE.add(FEE), FEE));
      fanOut(plan, coins, accounts, client, sender, blocks, domain);

      BenchReport report;
      // scraped from the warm-up on, so that the probe's own client is compiled before the clock
      // starts too; the warm-up's payments only add to the count it checks
      try (MetricsProbe probe = MetricsProbe.start(
          URI.create(devnet.operatorMetricsUrl() + "/metrics"),
          ACCEPTED_METRIC,
          Duration.ofMillis(500))) {
        warmUp(coins, accounts, client, sender, blocks, domain);
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
        log.printf("setup: %,d outputs ready in %.1f s%n", coins.size(), setupSeconds);

        long signStart = System.nanoTime();
        List<SignedTransaction> signed = payments(options.txs(), coins, accounts, domain);
        List<int[]> ranges = LoadPlan.batches(signed.size(), options.batch());
        String[] bodies = bodies(signed, ranges);
        InclusionTracker tracker = new InclusionTracker(client, blocks, signed);
        double signSeconds = (System.nanoTime() - signStart) / 1e9;
        // the setup's garbage and the payments just signed are the bench client's, not the node's:
        // collected and promoted now, they are not copied by the collector inside the measured
        // phase
        System.gc();
        log.printf("pre-signed %,d payments in %.1f s; measuring%n", signed.size(), signSeconds);

        report = measure(
            sender,
            tracker,
            bodies,
            ranges,
            signed.size(),
            plan,
            setupSeconds,
            signSeconds,
            recoveryRate);
        checkMetrics(probe.finish(), report.accepted());
      }
      if (!options.watcher()) {
        return report;
      }
      return report.withWatcher(
          WatcherBench.run(devnet, report.acceptanceTps(), report.txPerCpuSecond(), log));
    }
  }

  /** The operator's count of accepted payments, which the bench checks on /metrics. */
  static final String ACCEPTED_METRIC = "plasma_operator_transactions_accepted_total";

  /**
   * The operator's /metrics answered during the run and counted at least the payments the run had
   * accepted (the setup's fan-out payments come on top).
   */
  private void checkMetrics(MetricsProbe.Seen seen, int accepted) {
    log.printf(
        "metrics: %s answered %d scrapes during the run (%d failed); %s %.0f%n",
        seen.endpoint(), seen.answers(), seen.failures(), ACCEPTED_METRIC, seen.lastValue());
    if (seen.answers() == 0 || (accepted > 0 && seen.lastValue() < accepted)) {
      throw new IllegalStateException("the operator's metrics endpoint " + seen.endpoint()
          + " answered " + seen.answers() + " scrapes and counted " + seen.lastValue()
          + " accepted transactions; the run accepted " + accepted);
    }
  }

  private BenchReport measure(
      BatchSender sender,
      InclusionTracker tracker,
      String[] bodies,
      List<int[]> ranges,
      int n,
      LoadPlan plan,
      double setupSeconds,
      double signSeconds,
      double recoveryRate) {
    AtomicReference<RuntimeException> trackerFailure = new AtomicReference<>();
    long cpuStart = processCpuNanos();
    ThreadCpu threadCpu = ThreadCpu.start();
    Thread poller = Thread.ofPlatform().name("bench-inclusion").start(() -> {
      try {
        tracker.awaitAll(INCLUSION_TIMEOUT);
      } catch (RuntimeException e) {
        trackerFailure.set(e);
      } finally {
        threadCpu.ended();
      }
    });
    SendLog sent = sendConcurrently(sender, bodies, ranges, n, tracker, threadCpu);
    try {
      poller.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    Map<String, Double> cpuByThreads = withJvmThreads(threadCpu.secondsByGroup(), cpuSeconds);
    // timed again right after the measured phase: on a shared machine the load changes within a
    // run, and the ratio uses the mean of the two
    double recoveryRateAfter = RecoveryRate.measure(options.recoveries(), options.seed());
    log.printf("yardstick after measuring: %,.0f recoveries/s%n", recoveryRateAfter);
    if (trackerFailure.get() != null) {
      throw trackerFailure.get();
    }
    long firstSubmit = Long.MAX_VALUE;
    long lastAck = 0;
    long lastInclusion = 0;
    long[] latencies = new long[tracker.included()];
    int k = 0;
    for (int i = 0; i < n; i++) {
      firstSubmit = Math.min(firstSubmit, sent.submitted()[i]);
      if (sent.rejected()[i]) {
        continue;
      }
      lastAck = Math.max(lastAck, sent.acked()[i]);
      if (tracker.includedAt[i] != 0) {
        lastInclusion = Math.max(lastInclusion, tracker.includedAt[i]);
        latencies[k++] = (tracker.includedAt[i] - sent.submitted()[i]) / 1_000_000;
      }
    }
    int accepted = n - sent.rejectedCount();
    double wall = (lastInclusion - firstSubmit) / 1e9;
    return new BenchReport(
        n,
        options.accounts(),
        options.batch(),
        options.clients(),
        options.blockInterval().toMillis(),
        options.maxBlockSize(),
        plan.fanOutTransactions(),
        setupSeconds,
        signSeconds,
        accepted,
        sent.rejectedCount(),
        tracker.included(),
        tracker.blocks(),
        wall,
        tracker.included() / wall,
        accepted / ((lastAck - firstSubmit) / 1e9),
        k == 0
            ? new Percentiles.Summary(0, 0, 0, 0, 0)
            : Percentiles.summarize(Arrays.copyOf(latencies, k)),
        recoveryRate,
        recoveryRateAfter,
        cpuSeconds,
        cpuByThreads,
        loadAverage,
        sent.firstRejection(),
        null);
  }

  /**
   * {@code count} measured-kind payments (1 input to 1 output, to another account) from the next
   * outputs, signed.
   */
  private List<SignedTransaction> payments(
      int count, Deque<Coin> coins, List<KeyPair> accounts, Domain domain) {
    List<Transaction> payments = new ArrayList<>(count);
    List<KeyPair> signers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Coin coin = coins.removeFirst();
      Address to = accounts.get((i * 7 + 1) % accounts.size()).address();
      Output out = new Output(to, Address.ETH, coin.amount().subtract(FEE));
      payments.add(Transaction.payment(List.of(coin.position()), List.of(out)));
      signers.add(coin.owner());
    }
    return signAll(payments, signers, domain);
  }

  /**
   * Sends {@link Options#warmup} payments of the measured kind the way the measured phase does and
   * waits until they are included; nothing of them is measured. The fan-out's 4-output splits do
   * not warm the same compiled code: without this the JIT compiles the 1-output path while the
   * clock runs.
   */
  private void warmUp(
      Deque<Coin> coins,
      List<KeyPair> accounts,
      OperatorClient client,
      BatchSender sender,
      BlockReader blocks,
      Domain domain) {
    if (options.warmup() == 0) {
      return;
    }
    List<SignedTransaction> signed = payments(options.warmup(), coins, accounts, domain);
    InclusionTracker tracker = new InclusionTracker(client, blocks, signed);
    List<int[]> ranges = LoadPlan.batches(signed.size(), options.batch());
    SendLog sent =
        sendConcurrently(sender, bodies(signed, ranges), ranges, signed.size(), tracker, null);
    if (sent.rejectedCount() > 0) {
      throw new IllegalStateException(
          sent.rejectedCount() + " warm-up payments rejected, first: " + sent.firstRejection());
    }
    tracker.awaitAll(INCLUSION_TIMEOUT);
    log.printf("warm-up: %,d payments sent and included (not measured)%n", signed.size());
  }

  /** Deposits from dev accounts 2..9 and waits until the operator has seen every deposit. */
  private Deque<Coin> deposit(Devnet devnet, OperatorClient client, BigInteger amount) {
    Deque<Coin> coins = new ArrayDeque<>();
    for (int account = FIRST_DEPOSITOR; account < DevAccounts.COUNT; account++) {
      Deposit d = devnet.wallet(account).deposit(Address.ETH, amount);
      KeyPair owner = KeyPair.fromHex(DevAccounts.privateKey(account));
      coins.add(new Coin(OutputPosition.decode(d.position()), owner, amount));
    }
    log.printf("deposited %s wei from each of %d dev accounts%n", amount, coins.size());
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    for (Coin coin : coins) {
      while (client.getUtxos(coin.owner().address()).outputs().stream()
          .noneMatch(u -> u.position() == coin.position().encode())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the operator did not see deposit " + coin.position());
        }
        sleep(50);
      }
    }
    return coins;
  }

  /** Splits outputs round by round; each round's positions are read from the formed blocks. */
  private void fanOut(
      LoadPlan plan,
      Deque<Coin> coins,
      List<KeyPair> accounts,
      OperatorClient client,
      BatchSender sender,
      BlockReader blocks,
      Domain domain) {
    Map<Address, KeyPair> byAddress = new HashMap<>();
    accounts.forEach(a -> byAddress.put(a.address(), a));
    int nextOwner = 0;
    int round = 0;
    for (int splits : plan.splitsPerRound()) {
      List<Transaction> txs = new ArrayList<>(splits);
      List<KeyPair> signers = new ArrayList<>(splits);
      for (int i = 0; i < splits; i++) {
        Coin coin = coins.removeFirst();
        BigInteger[] amounts = LoadPlan.split(coin.amount(), LoadPlan.WAYS, FEE);
        List<Output> outputs = new ArrayList<>(LoadPlan.WAYS);
        for (BigInteger amount : amounts) {
          outputs.add(new Output(
              accounts.get(nextOwner++ % accounts.size()).address(), Address.ETH, amount));
        }
        txs.add(Transaction.payment(List.of(coin.position()), outputs));
        signers.add(coin.owner());
      }
      List<SignedTransaction> signed = signAll(txs, signers, domain);
      InclusionTracker tracker = new InclusionTracker(client, blocks, signed);
      List<int[]> ranges = LoadPlan.batches(signed.size(), options.batch());
      SendLog sent =
          sendConcurrently(sender, bodies(signed, ranges), ranges, signed.size(), tracker, null);
      if (sent.rejectedCount() > 0) {
        throw new IllegalStateException(sent.rejectedCount()
            + " fan-out transactions rejected, first: " + sent.firstRejection());
      }
      tracker.awaitAll(INCLUSION_TIMEOUT);
      for (int i = 0; i < txs.size(); i++) {
        List<Output> outputs = txs.get(i).outputs();
        for (int o = 0; o < outputs.size(); o++) {
          Output out = outputs.get(o);
          OutputPosition position = OutputPosition.of(tracker.blkNum[i], tracker.txIndex[i], o);
          coins.addLast(new Coin(position, byAddress.get(out.owner()), out.amount()));
        }
      }
      log.printf(
          "fan-out round %d: %,d txs in %d blocks, %,d outputs%n",
          ++round, splits, tracker.blocks(), coins.size());
    }
  }

  private static List<SignedTransaction> signAll(
      List<Transaction> txs, List<KeyPair> signers, Domain domain) {
    SignedTransaction[] out = new SignedTransaction[txs.size()];
    IntStream.range(0, out.length)
        .parallel()
        .forEach(i ->
            out[i] = TransactionSigner.sign(txs.get(i), domain, signers.get(i).privateKey()));
    return Arrays.asList(out);
  }

  private static String[] bodies(List<SignedTransaction> txs, List<int[]> ranges) {
    String[] bodies = new String[ranges.size()];
    IntStream.range(0, bodies.length)
        .parallel()
        .forEach(b -> bodies[b] = BatchSender.body(txs, ranges.get(b)[0], ranges.get(b)[1], b + 1));
    return bodies;
  }

  /**
   * Posts every batch from {@code clients} threads; rejected transactions are given up in the
   * tracker.
   */
  private SendLog sendConcurrently(
      BatchSender sender,
      String[] bodies,
      List<int[]> ranges,
      int n,
      InclusionTracker tracker,
      ThreadCpu threadCpu) {
    long[] submitted = new long[n];
    long[] acked = new long[n];
    boolean[] rejected = new boolean[n];
    AtomicInteger rejectedCount = new AtomicInteger();
    AtomicReference<String> firstRejection = new AtomicReference<>();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(options.clients());
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < options.clients(); c++) {
        clients.add(pool.submit(() -> {
          for (int b; (b = next.getAndIncrement()) < bodies.length; ) {
            int from = ranges.get(b)[0];
            int to = ranges.get(b)[1];
            long start = System.nanoTime();
            String[] errors;
            try {
              errors = sender.send(bodies[b]);
            } catch (RuntimeException e) {
              errors = new String[to - from];
              Arrays.fill(errors, String.valueOf(e.getMessage()));
            }
            long end = System.nanoTime();
            int bad = 0;
            for (int i = from; i < to; i++) {
              submitted[i] = start;
              acked[i] = end;
              String error = i - from < errors.length ? errors[i - from] : "no answer";
              if (error != null) {
                rejected[i] = true;
                bad++;
                firstRejection.compareAndSet(null, error);
              }
            }
            if (bad > 0) {
              rejectedCount.addAndGet(bad);
              tracker.giveUp(bad);
            }
          }
          if (threadCpu != null) {
            threadCpu.ended();
          }
        }));
      }
      for (Future<?> f : clients) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("a client thread failed", e);
    } finally {
      pool.shutdownNow();
    }
    return new SendLog(submitted, acked, rejected, rejectedCount.get(), firstRejection.get());
  }

  /** The group of the process's threads that are not Java threads. */
  static final String JVM_THREADS = "JIT, GC and RocksDB background";

  /**
   * {@code byGroup} with the process CPU no Java thread accounts for: the JIT compilers, the
   * collector and RocksDB's flush and compaction threads, which the thread MXBean does not see. On
   * a short run on two cores the JIT alone can take a sixth of the process CPU.
   */
  static Map<String, Double> withJvmThreads(Map<String, Double> byGroup, double processSeconds) {
    double javaThreads =
        byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Double> all = new java.util.LinkedHashMap<>();
    double rest = processSeconds - javaThreads;
    boolean placed = false;
    for (Map.Entry<String, Double> e : byGroup.entrySet()) {
      if (!placed && rest >= e.getValue()) {
        all.put(JVM_THREADS, rest);
        placed = true;
      }
      all.put(e.getKey(), e.getValue());
    }
    if (!placed && rest > 0) {
      all.put(JVM_THREADS, rest);
    }
    return all;
  }

  /**
   * CPU time of this whole JVM (operator, clients, tracker), or 0 where the platform cannot tell.
   */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime())
        : 0;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
