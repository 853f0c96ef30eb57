package org.plasma4j.watcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.operator.rpc.JsonRpcDispatcher;
import org.plasma4j.operator.rpc.JsonRpcHttpServer;
import org.plasma4j.operator.storage.KeyValueStore;
import org.plasma4j.operator.storage.RocksDbStore;
import org.plasma4j.watcher.advice.ExitAdvice;
import org.plasma4j.watcher.advice.ExitAdvisor;
import org.plasma4j.watcher.challenge.ChallengeRunner;
import org.plasma4j.watcher.challenge.ChallengeTask;
import org.plasma4j.watcher.challenge.ExitChallenger;
import org.plasma4j.watcher.childchain.FetchException;
import org.plasma4j.watcher.childchain.JsonRpcOperatorBlocks;
import org.plasma4j.watcher.childchain.OperatorBlocks;
import org.plasma4j.watcher.events.ByzantineEvent;
import org.plasma4j.watcher.events.EventLog;
import org.plasma4j.watcher.events.EventType;
import org.plasma4j.watcher.exits.ExitAudit;
import org.plasma4j.watcher.exits.Finding;
import org.plasma4j.watcher.rpc.methods.WatcherGetByzantineEvents;
import org.plasma4j.watcher.rpc.methods.WatcherGetExitAdvice;
import org.plasma4j.watcher.rpc.methods.WatcherGetStatus;
import org.plasma4j.watcher.store.Json;
import org.plasma4j.watcher.store.StoredBlock;
import org.plasma4j.watcher.store.WatcherStore;
import org.plasma4j.watcher.sync.L1Batch;
import org.plasma4j.watcher.sync.RootChainSync;
import org.plasma4j.watcher.validation.BlockVerdict;
import org.plasma4j.watcher.validation.ChainState;
import org.plasma4j.watcher.validation.DecodedBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's composition root and its poll loop: follow the root chain, download and re-validate
 * every child block, audit every exit, report what is byzantine, challenge what it can. Nothing it is
 * fed stops it: every step fails on its own and the next poll tries again. {@link #pollOnce()} lets
 * tests and the demo drive it deterministically.
 */
public final class WatcherNode implements WatcherQueries, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WatcherNode.class);

  private final WatcherConfig config;
  private final RootChain rootChain;
  private final OperatorBlocks operator;
  private final WatcherStore store;
  private final LongSupplier clockMillis;
  private final RootChainSync sync;
  private final EventLog events;
  private final ChallengeRunner challenges;
  private final Domain domain;
  private final Object pollLock = new Object();
  private final Object stateLock = new Object();
  private final Map<Long, Long> firstMissingAt = new HashMap<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("watcher-poller").daemon().unstarted(r));

  private ChainState state;
  private FeeSchedule fees;
  private volatile WatcherStatus status = WatcherStatus.initial();
  private JsonRpcHttpServer rpc;
  private boolean started;

  public WatcherNode(
      WatcherConfig config,
      RootChain rootChain,
      ExitGameEvents games,
      OperatorBlocks operator,
      Optional<ExitChallenger> challenger,
      KeyValueStore kv,
      LongSupplier clockMillis) {
    this.config = config;
    this.rootChain = rootChain;
    this.operator = operator;
    this.store = new WatcherStore(kv);
    this.clockMillis = clockMillis;
    this.sync = new RootChainSync(store, rootChain, games, config.confirmations(), config.startL1Block());
    this.events = new EventLog(store, clockMillis);
    this.challenges = new ChallengeRunner(challenger);
    RootChain.ChainInfo info = rootChain.info();
    this.domain = new Domain(info.chainId(), info.framework());
  }

  /** A watcher on RocksDB in {@code config.dataDir()} talking to the operator over JSON-RPC. */
  public static WatcherNode open(
      WatcherConfig config, RootChain rootChain, ExitGameEvents games, Optional<ExitChallenger> challenger) {
    OperatorBlocks operator =
        new JsonRpcOperatorBlocks(config.operatorUrl(), config.operatorTimeout(), config.maxResponseBytes());
    return new WatcherNode(config, rootChain, games, operator, challenger,
        new RocksDbStore(config.dataDir()), System::currentTimeMillis);
  }

  /** Rebuilds the state from the store (no event is re-reported), serves the API, starts polling. */
  public synchronized void start() {
    startWithoutPolling();
    long ms = config.pollInterval().toMillis();
    poller.scheduleWithFixedDelay(this::pollQuietly, 0, ms, TimeUnit.MILLISECONDS);
  }

  /** Like {@link #start()} but polls only when {@link #pollOnce()} is called (tests, the demo). */
  public synchronized void startWithoutPolling() {
    synchronized (pollLock) {
      fees = storedFees().orElse(null);
      rebuild();
      publishStatus();
    }
    startRpc();
    started = true;
    LOG.info("watcher started: framework {}, operator {}, API on {}:{}, resuming after L1 block {}",
        domain.verifyingContract(), config.operatorUrl(), config.rpcHost(), rpc.port(), sync.lastSynced());
  }

  private void startRpc() {
    ObjectMapper mapper = Json.MAPPER.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    try {
      rpc = new JsonRpcHttpServer(config.rpcHost(), config.rpcPort(), 4,
          new JsonRpcDispatcher(mapper, List.of(
              new WatcherGetStatus(this), new WatcherGetByzantineEvents(this), new WatcherGetExitAdvice(this))),
          mapper);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the watcher API to " + config.rpcHost() + ":" + config.rpcPort(), e);
    }
    rpc.start();
  }

  private void pollQuietly() {
    try {
      pollOnce();
    } catch (RuntimeException e) {
      LOG.warn("watcher poll failed; retrying next poll", e);
    }
  }

  /** One round: root chain, child blocks, exits, challenges. Each step's failure is logged and retried. */
  public void pollOnce() {
    synchronized (pollLock) {
      try {
        followRootChain();
      } catch (RuntimeException e) {
        LOG.warn("following the root chain failed: {}", e.getMessage());
      }
      validateBlocks();
      List<ChallengeTask> tasks = List.of();
      try {
        tasks = audit(rootChain.headTimestamp());
      } catch (RuntimeException e) {
        LOG.warn("auditing exits failed: {}", e.getMessage());
      }
      challenges.run(tasks);
      publishStatus();
    }
  }

  private void followRootChain() {
    RootChainSync.Progress progress = sync.poll();
    synchronized (stateLock) {
      if (progress.reorged()) {
        rebuild();
      } else {
        progress.appended().forEach(state::apply);
      }
    }
  }

  /** Derives the whole state again from the stored batches and blocks (start, reorg). */
  private void rebuild() {
    synchronized (stateLock) {
      state = new ChainState(domain);
      for (L1Batch b : store.batches()) {
        state.apply(b);
      }
    }
    validateBlocks(true);
  }

  private void validateBlocks() {
    validateBlocks(false);
  }

  /** Validates child blocks in order until one is not obtainable; {@code storedOnly} never asks the operator. */
  private void validateBlocks(boolean storedOnly) {
    while (true) {
      Optional<BlockSubmittedEvent> next;
      synchronized (stateLock) {
        next = state.next();
      }
      if (next.isEmpty() || !validate(next.get(), storedOnly)) {
        return;
      }
    }
  }

  /** True if the block was validated (valid or not); false if it is not obtainable now. */
  private boolean validate(BlockSubmittedEvent s, boolean storedOnly) {
    long blkNum = s.blkNum();
    Optional<StoredBlock> stored = store.block(blkNum).filter(b -> b.root().equals(s.root()));
    if (stored.isEmpty() && storedOnly) {
      return false;
    }
    List<Bytes> body;
    try {
      body = stored.isPresent() ? stored.get().transactions() : operator.block(blkNum);
      fees = fees != null ? fees : fetchFees();
    } catch (FetchException e) {
      return unobtainable(s, e.getMessage());
    }
    DecodedBlock.Check check = DecodedBlock.check(blkNum, body, s.root());
    if (!check.verified()) {
      events.report(EventType.INVALID_BLOCK, "block:" + blkNum, Map.of(
          "blkNum", Long.toString(blkNum), "error", check.problem().error(), "detail", check.problem().detail()));
      return unobtainable(s, check.problem().error());
    }
    if (stored.isEmpty()) {
      store.putBlock(new StoredBlock(blkNum, s.root(), body));
    }
    BlockVerdict verdict;
    synchronized (stateLock) {
      verdict = state.validate(check.block(), fees);
    }
    firstMissingAt.remove(blkNum);
    if (!verdict.isValid()) {
      Map<String, String> d = new java.util.LinkedHashMap<>();
      d.put("blkNum", Long.toString(blkNum));
      d.put("error", verdict.error());
      d.put("txIndex", Integer.toString(verdict.txIndex()));
      d.put("detail", verdict.detail());
      events.report(EventType.INVALID_BLOCK, "block:" + blkNum, d);
    }
    return true;
  }

  private boolean unobtainable(BlockSubmittedEvent s, String reason) {
    long now = clockMillis.getAsLong();
    long since = firstMissingAt.computeIfAbsent(s.blkNum(), k -> now);
    LOG.debug("child block {} not obtainable: {}", s.blkNum(), reason);
    if (now - since >= config.withholdingTimeout().toMillis()) {
      synchronized (stateLock) {
        state.markWithheld(s.blkNum());
      }
      Map<String, String> d = new java.util.LinkedHashMap<>();
      d.put("blkNum", Long.toString(s.blkNum()));
      d.put("root", s.root().toHex());
      d.put("submittedInL1Block", Long.toString(s.l1Block()));
      d.put("reason", reason);
      events.report(EventType.BLOCK_WITHHOLDING, "block:" + s.blkNum(), d);
    }
    return false;
  }

  private List<ChallengeTask> audit(long now) {
    ExitAudit.Result result;
    synchronized (stateLock) {
      result = new ExitAudit(state.book(), state.ledger(), now, config.unchallengedMargin().toSeconds(), config.watched()).run();
    }
    for (Finding f : result.findings()) {
      events.report(f.type(), f.subject(), f.details());
    }
    return result.tasks();
  }

  private FeeSchedule fetchFees() throws FetchException {
    FeeSchedule f = operator.feeSchedule();
    Map<String, String> json = new java.util.TreeMap<>();
    f.fees().forEach((t, a) -> json.put(t.toHex(), a.toString()));
    try {
      store.putSetting(WatcherStore.FEE_SCHEDULE, Json.MAPPER.writeValueAsBytes(json));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return f;
  }

  private Optional<FeeSchedule> storedFees() {
    return store.setting(WatcherStore.FEE_SCHEDULE).map(bytes -> {
      try {
        Map<String, String> json = Json.MAPPER.readValue(bytes, new TypeReference<Map<String, String>>() {});
        Map<Address, BigInteger> fees = new HashMap<>();
        json.forEach((t, a) -> fees.put(Address.fromHex(t), new BigInteger(a)));
        return new FeeSchedule(fees);
      } catch (IOException e) {
        throw new IllegalStateException("corrupt stored fee schedule", e);
      }
    });
  }

  private void publishStatus() {
    synchronized (stateLock) {
      status = new WatcherStatus(
          sync.lastSynced(),
          state.lastSubmitted(),
          state.lastValidated(),
          state.lastValid(),
          state.firstBadBlock().orElse(0L),
          state.invalidBlocks().keySet().stream().sorted().toList(),
          List.copyOf(state.withheldBlocks()),
          events.size(),
          challenges.challenger().map(c -> c.address().toHex()).orElse(null),
          challenges.sentCount());
    }
  }

  @Override
  public WatcherStatus status() {
    return status;
  }

  @Override
  public List<ByzantineEvent> byzantineEvents(long afterSeq) {
    return events.after(afterSeq);
  }

  @Override
  public ExitAdvice exitAdvice(Address owner) {
    synchronized (stateLock) {
      return ExitAdvisor.advise(state, owner);
    }
  }

  public int rpcPort() {
    return rpc.port();
  }

  @Override
  public synchronized void close() {
    if (started) {
      rpc.close();
      poller.shutdownNow();
      try {
        poller.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      started = false;
    }
    synchronized (pollLock) {
      store.close();
    }
    LOG.info("watcher stopped");
  }
}
