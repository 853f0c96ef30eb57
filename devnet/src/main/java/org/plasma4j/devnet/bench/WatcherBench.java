package org.plasma4j.devnet.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.node.storage.RocksDbStore;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.watcher.WatcherConfig;
import org.plasma4j.watcher.WatcherNode;
import org.plasma4j.watcher.WatcherStatus;
import org.plasma4j.watcher.childchain.FetchException;
import org.plasma4j.watcher.childchain.JsonRpcOperatorBlocks;
import org.plasma4j.watcher.childchain.OperatorBlocks;
import org.plasma4j.watcher.events.ByzantineEvent;

/**
 * A fresh watcher, the real node on a RocksDB store of its own, syncs from genesis the chain a
 * benchmark run produced, against the same root chain and operator, and re-validates every block:
 * the root chain's events, each body against its committed root, every signature, spend and amount.
 * It runs in one thread that drives the node's poll loop, so its CPU is the watcher's.
 */
public final class WatcherBench {

  private static final Duration SUBMISSION_TIMEOUT = Duration.ofMinutes(2);
  /** A sync that validates no further block for this long has stopped. */
  private static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);

  private WatcherBench() {}

  /**
   * Syncs a fresh watcher once every block the operator formed is on the root chain.
   *
   * @param operatorAcceptanceTps and {@code operatorTxPerCpuSecond}: the same run's operator
   *     figures the watcher is compared with
   */
  public static WatcherReport run(
      Devnet devnet, double operatorAcceptanceTps, double operatorTxPerCpuSecond, PrintStream log) {
    OperatorNode operator = devnet.operator();
    long last = awaitSubmitted(operator);
    long operatorTxs = transactionsUpTo(operator, last);
    long operatorBlocks = last / BlockNumbers.CHILD_BLOCK_INTERVAL;
    log.printf(
        "watcher: syncing a fresh watcher from genesis over %,d blocks, %,d txs%n",
        operatorBlocks, operatorTxs);
    Path dir = tempDir();
    WatcherConfig config = WatcherConfig.defaults(URI.create(devnet.operatorRpcUrl()), dir)
        .withRpc("127.0.0.1", 0)
        .withFollowing(0, Duration.ofHours(1), 0);
    CountingBlocks blocks = new CountingBlocks(new JsonRpcOperatorBlocks(
        config.operatorUrl(), config.operatorTimeout(), config.maxResponseBytes()));
    AtomicReference<Throwable> fatal = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    AtomicReference<WatcherReport> report = new AtomicReference<>();
    // the operator's garbage is not the watcher's to collect, and the heap it leaves is the
    // baseline
    long heapBefore = liveHeapBytes();
    ThreadCpu threadCpu = ThreadCpu.start();
    long cpuStart = processCpuNanos();
    Thread driver = Thread.ofPlatform().name("watcher-bench").start(() -> {
      try (WatcherNode node = new WatcherNode(
          config,
          new Web3jRootChain(devnet.web3j(), devnet.framework(), Optional.empty()),
          blocks,
          List.of(),
          Optional.empty(),
          new RocksDbStore(dir),
          System::currentTimeMillis,
          (where, error) -> fatal.compareAndSet(null, error))) {
        long start = System.nanoTime();
        node.startWithoutPolling();
        WatcherStatus status = node.status();
        long progressAt = System.nanoTime();
        long validated = status.lastValidatedBlock();
        while (status.lastValidatedBlock() < last && fatal.get() == null) {
          node.pollOnce();
          status = node.status();
          if (status.lastValidatedBlock() > validated) {
            validated = status.lastValidatedBlock();
            progressAt = System.nanoTime();
          } else if (System.nanoTime() - progressAt > STALL_TIMEOUT.toNanos()) {
            throw new IllegalStateException("the watcher validated nothing past block "
                + validated + " of " + last + " within " + STALL_TIMEOUT + "; health "
                + node.health());
          }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        threadCpu.ended();
        long cpuNanos = processCpuNanos() - cpuStart;
        long heapRetained = liveHeapBytes() - heapBefore;
        List<ByzantineEvent> events = node.byzantineEvents(0);
        report.set(new WatcherReport(
            operatorBlocks,
            operatorTxs,
            status.lastValidatedBlock() / BlockNumbers.CHILD_BLOCK_INTERVAL,
            blocks.txsUpTo(status.lastValidatedBlock()),
            status.invalidBlocks().size(),
            events.size(),
            events.isEmpty()
                ? null
                : events.getFirst().type() + " " + events.getFirst().key(),
            wall,
            blocks.fetchNanos() / 1e9,
            cpuNanos / 1e9,
            threadCpu.secondsByGroup(),
            operatorAcceptanceTps,
            operatorTxPerCpuSecond,
            heapRetained));
      } catch (RuntimeException e) {
        failure.set(e);
      }
    });
    try {
      driver.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      delete(dir);
    }
    if (fatal.get() != null) {
      throw new IllegalStateException("the watcher met a fatal error", fatal.get());
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return report.get();
  }

  /** Transactions in the operator's child blocks up to {@code last}, as its ledger records them. */
  private static long transactionsUpTo(OperatorNode operator, long last) {
    long txs = 0;
    for (long b = BlockNumbers.CHILD_BLOCK_INTERVAL;
        b <= last;
        b += BlockNumbers.CHILD_BLOCK_INTERVAL) {
      txs += operator.queries().blockPage(b, 0, 0, 0).orElseThrow().header().txCount();
    }
    return txs;
  }

  /** The last block the operator formed, once the root chain holds it. */
  private static long awaitSubmitted(OperatorNode operator) {
    long last = operator.queries().lastFormedBlock();
    long deadline = System.nanoTime() + SUBMISSION_TIMEOUT.toNanos();
    while (operator.submitter().lastSubmitted() < last) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("block " + last + " not on the root chain within "
            + SUBMISSION_TIMEOUT + "; submitted up to " + operator.submitter().lastSubmitted());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    return last;
  }

  /**
   * The operator's blocks as the watcher fetches them, counting each block's transactions and the
   * time the answers took (on the watcher's fetch-ahead thread too).
   */
  private static final class CountingBlocks implements OperatorBlocks {
    private final OperatorBlocks inner;
    private final Map<Long, Integer> txs = new ConcurrentHashMap<>();
    private final AtomicLong fetchNanos = new AtomicLong();

    CountingBlocks(OperatorBlocks inner) {
      this.inner = inner;
    }

    @Override
    public List<Bytes> block(long blkNum) throws FetchException {
      long start = System.nanoTime();
      try {
        List<Bytes> body = inner.block(blkNum);
        txs.put(blkNum, body.size());
        return body;
      } finally {
        fetchNanos.addAndGet(System.nanoTime() - start);
      }
    }

    @Override
    public FeeSchedule feeSchedule() throws FetchException {
      return inner.feeSchedule();
    }

    @Override
    public long blockNumber() throws FetchException {
      return inner.blockNumber();
    }

    long txsUpTo(long blkNum) {
      return txs.entrySet().stream()
          .filter(e -> e.getKey() <= blkNum)
          .mapToLong(Map.Entry::getValue)
          .sum();
    }

    long fetchNanos() {
      return fetchNanos.get();
    }
  }

  /** Heap in use after a full collection: what is live. */
  private static long liveHeapBytes() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime())
        : 0;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("plasma-bench-watcher-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
