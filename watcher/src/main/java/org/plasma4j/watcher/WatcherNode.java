package org.plasma4j.watcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.metrics.Check;
import org.plasma4j.node.metrics.Metrics;
import org.plasma4j.node.metrics.NodeEndpoints;
import org.plasma4j.node.metrics.Readiness;
import org.plasma4j.node.rpc.GetHealth;
import org.plasma4j.node.rpc.JsonRpcDispatcher;
import org.plasma4j.node.rpc.JsonRpcHttpServer;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.RocksDbStore;
import org.plasma4j.node.supervision.Fatal;
import org.plasma4j.node.supervision.Supervisor;
import org.plasma4j.node.supervision.TaskHealth;
import org.plasma4j.watcher.advice.ExitAdvice;
import org.plasma4j.watcher.advice.ExitAdvisor;
import org.plasma4j.watcher.challenge.ChallengeRunner;
import org.plasma4j.watcher.challenge.ChallengeTask;
import org.plasma4j.watcher.challenge.ExitChallenger;
import org.plasma4j.watcher.childchain.FetchException;
import org.plasma4j.watcher.childchain.JsonRpcOperatorBlocks;
import org.plasma4j.watcher.childchain.OperatorAvailability;
import org.plasma4j.watcher.childchain.OperatorBlocks;
import org.plasma4j.watcher.events.ByzantineEvent;
import org.plasma4j.watcher.events.EventLog;
import org.plasma4j.watcher.events.EventType;
import org.plasma4j.watcher.exits.ExitAudit;
import org.plasma4j.watcher.exits.Finding;
import org.plasma4j.watcher.rpc.methods.WatcherGetByzantineEvents;
import org.plasma4j.watcher.rpc.methods.WatcherGetExitAdvice;
import org.plasma4j.watcher.rpc.methods.WatcherGetOpenEvents;
import org.plasma4j.watcher.rpc.methods.WatcherGetStatus;
import org.plasma4j.watcher.store.Json;
import org.plasma4j.watcher.store.StoredBlock;
import org.plasma4j.watcher.store.WatcherStore;
import org.plasma4j.watcher.sync.L1Batch;
import org.plasma4j.watcher.sync.RootChainSync;
import org.plasma4j.watcher.validation.BlockVerdict;
import org.plasma4j.watcher.validation.ChainState;
import org.plasma4j.watcher.validation.ChildLedger;
import org.plasma4j.watcher.validation.DecodedBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's composition root and its poll loop: follow the root chain, download and re-validate
 * every child block, audit every exit, report what is byzantine, challenge what it can. Nothing it
 * is fed stops it: every step fails on its own and the next poll tries again. {@link #pollOnce()}
 * lets tests and the demo drive it deterministically.
 */
public final class WatcherNode implements WatcherQueries, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WatcherNode.class);
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  /** Names of the watcher's tasks in {@link #health()}. */
  public static final String POLL_TASK = "watcher-poll";

  public static final String SYNC_TASK = "rootchain-sync";
  public static final String VALIDATION_TASK = "block-validation";
  public static final String AUDIT_TASK = "exit-audit";
  public static final String CHALLENGE_TASK = "challenges";
  /**
   * Fails while the operator's RPC does not answer (an outage is not withholding; see
   * docs/watcher.md).
   */
  public static final String OPERATOR_TASK = "operator-rpc";

  private final WatcherConfig config;
  private final RootChain rootChain;
  private final OperatorBlocks operator;
  /**
   * Other endpoints serving the same chain: a body that does not match its root is fetched again
   * from them.
   */
  private final List<OperatorBlocks> mirrors;

  private final long minExitPeriod;
  private final WatcherStore store;
  private final LongSupplier clockMillis;
  private final RootChainSync sync;
  private final EventLog events;
  private final ChallengeRunner challenges;
  private final Domain domain;
  private final Object pollLock = new Object();
  private final Object stateLock = new Object();
  private final OperatorAvailability availability;
  private final Supervisor supervisor;
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().name("watcher-poller").daemon().unstarted(r));

  private final BlockPrefetch prefetch;
  private ChainState state;
  /**
   * The operator's advertised schedule, refreshed each round: only fee_policy warnings depend on
   * it.
   */
  private Optional<FeeSchedule> fees = Optional.empty();

  private volatile WatcherStatus status = WatcherStatus.initial();
  /** What stood at the last audit; null until the first audit since this node started. */
  private volatile Open open;

  private JsonRpcHttpServer rpc;
  private final WatcherMetrics metrics;
  private NodeEndpoints endpoints;
  private volatile boolean started;

  public WatcherNode(
      WatcherConfig config,
      RootChain rootChain,
      OperatorBlocks operator,
      Optional<ExitChallenger> challenger,
      KeyValueStore kv,
      LongSupplier clockMillis) {
    this(config, rootChain, operator, challenger, kv, clockMillis, Fatal.exitProcess());
  }

  /**
   * {@code fatal}: what to do when the process cannot go on (tests record it instead of exiting).
   */
  public WatcherNode(
      WatcherConfig config,
      RootChain rootChain,
      OperatorBlocks operator,
      Optional<ExitChallenger> challenger,
      KeyValueStore kv,
      LongSupplier clockMillis,
      Fatal fatal) {
    this(config, rootChain, operator, List.of(), challenger, kv, clockMillis, fatal);
  }

  /**
   * {@code mirrors}: further endpoints of the same chain, asked again for a body that does not
   * match its root.
   */
  public WatcherNode(
      WatcherConfig config,
      RootChain rootChain,
      OperatorBlocks operator,
      List<OperatorBlocks> mirrors,
      Optional<ExitChallenger> challenger,
      KeyValueStore kv,
      LongSupplier clockMillis,
      Fatal fatal) {
    this.config = config;
    this.mirrors = List.copyOf(mirrors);
    this.supervisor = new Supervisor(fatal, clockMillis);
    long poll = config.pollInterval().toMillis();
    this.availability = new OperatorAvailability(
        config.withholdingTimeout().toMillis(),
        config.operatorSilenceTimeout().toMillis(),
        poll,
        Math.max(poll, MAX_BACKOFF_MILLIS));
    this.rootChain = rootChain;
    this.operator = operator;
    this.prefetch = new BlockPrefetch(operator);
    this.store = new WatcherStore(kv);
    this.clockMillis = clockMillis;
    this.sync = new RootChainSync(store, rootChain, config.confirmations(), config.startL1Block());
    this.metrics = new WatcherMetrics(new Metrics(), config.confirmations());
    this.events = new EventLog(store, clockMillis, metrics::byzantine);
    this.challenges = new ChallengeRunner(challenger, store, events, clockMillis);
    RootChain.ChainInfo info = rootChain.info();
    this.domain = new Domain(info.chainId(), info.framework());
    this.minExitPeriod = info.minExitPeriodSeconds();
  }

  /** A watcher on RocksDB in {@code config.dataDir()} talking to the operator over JSON-RPC. */
  public static WatcherNode open(
      WatcherConfig config, RootChain rootChain, Optional<ExitChallenger> challenger) {
    OperatorBlocks operator = new JsonRpcOperatorBlocks(
        config.operatorUrl(), config.operatorTimeout(), config.maxResponseBytes());
    List<OperatorBlocks> mirrors = config.operatorMirrors().stream()
        .<OperatorBlocks>map(
            u -> new JsonRpcOperatorBlocks(u, config.operatorTimeout(), config.maxResponseBytes()))
        .toList();
    RocksDbStore kv = new RocksDbStore(config.dataDir());
    try {
      return new WatcherNode(
          config,
          rootChain,
          operator,
          mirrors,
          challenger,
          kv,
          System::currentTimeMillis,
          Fatal.exitProcess());
    } catch (RuntimeException e) {
      kv.close(); // a refused data directory stays closed, and so unlocked
      throw e;
    }
  }

  /**
   * The events whose cause stood at an audit, and each finding's details as judged then (what is at
   * risk can grow after an event is first reported, and shrink once part of it is challenged).
   */
  private record Open(java.util.Set<String> keys, Map<String, Map<String, String>> details) {}

  /**
   * Rebuilds the state from the store (no event is re-reported), audits it, serves the API, starts
   * polling.
   */
  public synchronized void start() {
    startWithoutPolling();
    long ms = config.pollInterval().toMillis();
    poller.scheduleWithFixedDelay(
        supervisor.supervised(POLL_TASK, this::pollOnce), 0, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Like {@link #start()} but polls only when {@link #pollOnce()} is called (tests, the demo). The
   * rebuilt state is audited before the API serves, so a guardian never reads "nothing stands" from
   * a watcher that has not judged the chain yet; if that audit fails, watcher_openEvents answers
   * WATCHER_NOT_READY until one succeeds.
   */
  public synchronized void startWithoutPolling() {
    synchronized (pollLock) {
      fees = storedFees();
      rebuild();
      if (sync.lastSynced()
          >= config.startL1Block()) { // a fresh watcher has read nothing to judge yet
        supervisor.run(AUDIT_TASK, this::audit);
      }
      publishStatus();
    }
    startRpc();
    started = true;
    LOG.info(
        "watcher started: framework {}, operator {}, API on {}:{}, resuming after L1 block {}",
        domain.verifyingContract(),
        config.operatorUrl(),
        config.rpcHost(),
        rpc.port(),
        sync.lastSynced());
  }

  private void startRpc() {
    ObjectMapper mapper =
        Json.MAPPER.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    try {
      rpc = new JsonRpcHttpServer(
          config.rpcHost(),
          config.rpcPort(),
          4,
          new JsonRpcDispatcher(
              mapper,
              List.of(
                  new WatcherGetStatus(this),
                  new WatcherGetByzantineEvents(this),
                  new WatcherGetOpenEvents(this),
                  new WatcherGetExitAdvice(this),
                  new GetHealth(() -> "watcher_getHealth", supervisor))),
          mapper,
          config.rpcLimits(),
          supervisor.fatal());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind the watcher API to " + config.rpcHost() + ":" + config.rpcPort(), e);
    }
    rpc.start();
  }

  /**
   * One round: root chain, child blocks, exits, challenges. Each step is a task of its own (see
   * {@link #health()}): whatever one throws is logged and counted, the others still run, and all
   * run again next poll.
   */
  public void pollOnce() {
    synchronized (pollLock) {
      supervisor.run(SYNC_TASK, this::followRootChain);
      supervisor.run(VALIDATION_TASK, this::validateBlocks);
      List<List<ChallengeTask>> tasks = new ArrayList<>(List.of(List.of()));
      supervisor.run(AUDIT_TASK, () -> tasks.set(0, audit()));
      int[] sent = {0};
      supervisor.run(
          CHALLENGE_TASK, () -> sent[0] = challenges.run(tasks.getFirst(), sync.lastSynced()));
      metrics.challengesSent(sent[0]);
      if (sent[0] > 0) {
        // the open events are the present: an exit this round challenged is no longer one
        supervisor.run(SYNC_TASK, this::followRootChain);
        supervisor.run(AUDIT_TASK, this::audit);
      }
      publishStatus();
    }
  }

  /** How each of the watcher's tasks fares; also served as watcher_getHealth. */
  public List<TaskHealth> health() {
    return supervisor.health();
  }

  private void followRootChain() {
    metrics.l1Head(rootChain.headBlockNumber());
    RootChainSync.Progress progress = sync.poll();
    progress.appended().forEach(b -> metrics.followed(b.events()));
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
    refreshFees();
    validateBlocks(false);
  }

  /**
   * Validates child blocks in order until one is not obtainable; {@code storedOnly} never asks the
   * operator.
   */
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
    long now = clockMillis.getAsLong();
    Optional<BlockPrefetch.Verified> ahead = Optional.empty();
    List<Bytes> body;
    try {
      if (stored.isEmpty()) {
        // a fetch ahead that ran into the block's deadline is this round's read of the block
        ahead = prefetch.take(blkNum, s.root());
      }
      if (stored.isEmpty() && ahead.isEmpty() && !availability.mayAsk(now)) {
        return unobtainable(s, "backing off from an operator that does not answer", now);
      }
      body = stored.isPresent()
          ? stored.get().transactions()
          : ahead.isPresent() ? ahead.get().body() : operator.block(blkNum);
    } catch (FetchException e) {
      if (OperatorAvailability.isRefusal(e) || answersOtherwise(blkNum, e)) {
        availability.refused(blkNum, now);
      } else {
        availability.silent(blkNum, now);
        supervisor.failed(OPERATOR_TASK, e);
      }
      return unobtainable(s, e.getMessage(), now);
    }
    supervisor.succeeded(OPERATOR_TASK);
    DecodedBlock.Check check =
        ahead.isPresent() ? ahead.get().check() : DecodedBlock.check(blkNum, body, s.root());
    if (!check.verified() && stored.isPresent()) {
      // stored only once it matched this root: it was damaged on this machine and proves nothing
      // about the operator, so it is dropped and the block fetched again
      LOG.warn(
          "the stored body of child block {} no longer matches its root ({}); it is fetched again",
          blkNum,
          check.problem().detail());
      store.deleteBlock(blkNum);
      return validate(s, storedOnly);
    }
    if (!check.verified()) {
      Optional<Fetched> again = fetchAgain(blkNum, s.root());
      if (again.isPresent()) {
        body = again.get().body();
        check = again.get().check();
      }
    }
    if (!check.verified()) {
      // every endpoint was asked again and none served a body matching the committed root
      Map<String, String> d = new java.util.LinkedHashMap<>();
      d.put("blkNum", Long.toString(blkNum));
      d.put("error", check.problem().error());
      d.put("detail", check.problem().detail());
      d.put("fetches", Integer.toString(2 + mirrors.size()));
      events.report(EventType.INVALID_BLOCK, "block:" + blkNum, d);
      availability.refused(
          blkNum, now); // it answered, with something that is not the committed block
      return unobtainable(s, check.problem().error(), now);
    }
    availability.served(blkNum, now);
    if (!storedOnly) {
      prefetchAfter(blkNum);
    }
    ChildLedger.Judged judged;
    try {
      synchronized (stateLock) {
        judged = state.validate(check.block(), fees);
      }
    } catch (RuntimeException e) {
      // the ledger applies a block whole or not at all, so this block is judged again next round
      LOG.error("child block {} could not be judged; it is retried next round", blkNum, e);
      supervisor.failed(VALIDATION_TASK, e);
      return false;
    }
    if (stored.isEmpty()) {
      store.putBlock(new StoredBlock(blkNum, s.root(), body));
    }
    BlockVerdict verdict = judged.verdict();
    if (!verdict.isValid()) {
      Map<String, String> d = new java.util.LinkedHashMap<>();
      d.put("blkNum", Long.toString(blkNum));
      d.put("error", verdict.error());
      d.put("txIndex", Integer.toString(verdict.txIndex()));
      d.put("detail", verdict.detail());
      events.report(EventType.INVALID_BLOCK, "block:" + blkNum, d);
    }
    // the schedule is not committed: a block is compared with the one advertised when it first
    // arrives,
    // not again with a later one after a restart or reorg
    if (!judged.deviations().isEmpty() && stored.isEmpty()) {
      ChildLedger.FeeDeviation first = judged.deviations().get(0);
      Map<String, String> d = new java.util.LinkedHashMap<>();
      d.put("blkNum", Long.toString(blkNum));
      d.put("txIndex", Integer.toString(first.txIndex()));
      d.put("rejection", first.rejection().name());
      d.put("detail", first.detail());
      d.put("transactions", Integer.toString(judged.deviations().size()));
      events.report(EventType.FEE_POLICY, "block:" + blkNum, d);
    }
    return true;
  }

  /** The next committed block not stored yet is fetched and checked while this one is judged. */
  private void prefetchAfter(long blkNum) {
    Optional<BlockSubmittedEvent> after;
    synchronized (stateLock) {
      after = state.after(blkNum);
    }
    after
        .filter(
            n -> store.block(n.blkNum()).filter(b -> b.root().equals(n.root())).isEmpty())
        .ifPresent(n -> prefetch.start(n.blkNum(), n.root()));
  }

  /** A body downloaded again, and whether it is the committed block. */
  private record Fetched(List<Bytes> body, DecodedBlock.Check check) {}

  /**
   * A body that does not match its root proves nothing about the committed block (a stale cache or
   * a tampered answer serves one too): ask each mirror, then the operator once more, before
   * reporting it.
   */
  private Optional<Fetched> fetchAgain(long blkNum, Bytes32 root) {
    Fetched last = null;
    List<OperatorBlocks> sources = new ArrayList<>(mirrors);
    sources.add(operator);
    for (OperatorBlocks source : sources) {
      try {
        List<Bytes> body = source.block(blkNum);
        DecodedBlock.Check check = DecodedBlock.check(blkNum, body, root);
        last = new Fetched(body, check);
        if (check.verified()) {
          return Optional.of(last);
        }
      } catch (FetchException e) {
        LOG.debug("child block {} not fetched again: {}", blkNum, e.getMessage());
      }
    }
    return Optional.ofNullable(last);
  }

  /**
   * A fetch of a committed block failed without a refusal: if the operator still answers a cheap
   * probe and says it formed the block, it is up and not serving this one block, which is a refusal
   * too. SERVER_BUSY is never a refusal: an operator under load is not withholding.
   */
  private boolean answersOtherwise(long blkNum, FetchException e) {
    if (e.kind() == FetchException.Kind.RPC_ERROR && e.rpcCode() == RpcError.SERVER_BUSY.code()) {
      return false;
    }
    try {
      return operator.blockNumber() >= blkNum;
    } catch (FetchException probe) {
      return false;
    }
  }

  private boolean unobtainable(BlockSubmittedEvent s, String reason, long now) {
    LOG.debug("child block {} not obtainable: {}", s.blkNum(), reason);
    Optional<OperatorAvailability.Withheld> withheld = availability.verdict(s.blkNum(), now);
    if (withheld.isPresent()) {
      synchronized (stateLock) {
        state.markWithheld(s.blkNum());
      }
      Map<String, String> d = new java.util.LinkedHashMap<>();
      d.put("blkNum", Long.toString(s.blkNum()));
      d.put("root", s.root().toHex());
      d.put("submittedInL1Block", Long.toString(s.l1Block()));
      d.put("reason", reason);
      d.put("evidence", withheld.get().evidence().name().toLowerCase(java.util.Locale.ROOT));
      d.put("unobtainableSeconds", Long.toString(withheld.get().unobtainableMillis() / 1000));
      events.report(EventType.BLOCK_WITHHOLDING, "block:" + s.blkNum(), d);
    } else if (availability.silentForMillis(now) > 0) {
      LOG.warn(
          "the operator has not answered for {} s (block {} waits); withholding is reported after {} s of silence",
          availability.silentForMillis(now) / 1000,
          s.blkNum(),
          config.operatorSilenceTimeout().toSeconds());
    }
    return false;
  }

  /**
   * Judges every exit at the time of the last root-chain block the watcher has read (its confirmed
   * view), not the head's: a deadline the head has passed may still have been met in blocks the
   * view does not hold yet (a piggyback in the last blocks of period 1), and an event judged on
   * half the facts would misstate what is at risk.
   */
  private List<ChallengeTask> audit() {
    long synced = sync.lastSynced();
    if (synced < config.startL1Block()) {
      throw new IllegalStateException(
          "nothing of the root chain read yet: no audit, the open events stay unknown");
    }
    long now = rootChain
        .blockTimestamp(synced)
        .orElseThrow(
            () -> new IllegalStateException("the root chain has no block " + synced + " any more"));
    ExitAudit.Result result;
    java.util.Set<String> open = new java.util.HashSet<>();
    Map<String, Map<String, String>> details = new HashMap<>();
    synchronized (stateLock) {
      result = new ExitAudit(
              state.book(),
              state.ledger(),
              now,
              config.unchallengedMargin().toSeconds(),
              config.watched(),
              minExitPeriod)
          .run();
      state
          .invalidBlocks()
          .keySet()
          .forEach(n -> open.add(EventLog.key(EventType.INVALID_BLOCK, "block:" + n)));
      state
          .withheldBlocks()
          .forEach(n -> open.add(EventLog.key(EventType.BLOCK_WITHHOLDING, "block:" + n)));
      // a body that did not match its root stands until the committed block is obtained and judged
      long validated = state.lastValidated();
      events.after(0).stream()
          .filter(e -> e.type().equals(EventType.INVALID_BLOCK.wireName()))
          .filter(e -> Long.parseLong(e.details().getOrDefault("blkNum", "0")) > validated)
          .forEach(e -> open.add(e.key()));
    }
    for (Finding f : result.findings()) {
      events.report(f.type(), f.subject(), f.details());
      String key = EventLog.key(f.type(), f.subject());
      open.add(key);
      details.put(key, f.details());
    }
    this.open = new Open(java.util.Set.copyOf(open), Map.copyOf(details));
    return result.tasks();
  }

  /**
   * Asks the operator for its schedule each round, so a fee change is followed; a failure keeps the
   * last one. The schedule only decides fee_policy warnings, never validity.
   */
  private void refreshFees() {
    FeeSchedule f;
    try {
      f = operator.feeSchedule();
    } catch (FetchException e) {
      LOG.debug("fee schedule not refreshed: {}", e.getMessage());
      return;
    }
    if (fees.isPresent() && fees.get().equals(f)) {
      return;
    }
    Map<String, String> json = new java.util.TreeMap<>();
    f.fees().forEach((t, a) -> json.put(t.toHex(), a.toString()));
    try {
      store.putSetting(WatcherStore.FEE_SCHEDULE, Json.MAPPER.writeValueAsBytes(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    fees = Optional.of(f);
  }

  /**
   * The last schedule stored; none if it is missing or unreadable (it is only advice, and fetched
   * again).
   */
  private Optional<FeeSchedule> storedFees() {
    try {
      return store.setting(WatcherStore.FEE_SCHEDULE).map(bytes -> {
        try {
          Map<String, String> json =
              Json.MAPPER.readValue(bytes, new TypeReference<Map<String, String>>() {});
          Map<Address, BigInteger> parsed = new HashMap<>();
          json.forEach((t, a) -> parsed.put(Address.fromHex(t), new BigInteger(a)));
          return new FeeSchedule(parsed);
        } catch (IOException e) {
          throw new IllegalArgumentException(e);
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("stored fee schedule unreadable; fetching it again: {}", e.getMessage());
      return Optional.empty();
    }
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
    metrics.status(status, clockMillis.getAsLong());
  }

  /**
   * Serves /metrics, /health and /ready on {@code host:port} (0 for any free port) until the node
   * closes; ready while the root chain answers, the watcher has audited the chain since it started,
   * and it is within {@code maxLagBlocks} of both the root chain's confirmed head and the last
   * submitted child block. Returns the bound port.
   */
  public synchronized int serveEndpoints(String host, int port, long maxLagBlocks) {
    if (!started) {
      throw new IllegalStateException("start the watcher before its endpoints");
    }
    endpoints = NodeEndpoints.start(
        "watcher",
        host,
        port,
        metrics.registry(),
        supervisor::health,
        () -> Readiness.evaluate(List.of(
            new Readiness.NamedCheck(
                "store",
                () -> started ? Check.ok("store", "open") : Check.failed("store", "closed")),
            new Readiness.NamedCheck("l1", () -> {
              long head = rootChain.headBlockNumber();
              long synced = status.syncedL1Block();
              long behind = Math.max(0, head - config.confirmations() - synced);
              String detail = "L1 head " + head + ", synced to " + synced + ", " + behind
                  + " confirmed blocks behind (at most " + maxLagBlocks + ")";
              return behind <= maxLagBlocks ? Check.ok("l1", detail) : Check.failed("l1", detail);
            }),
            new Readiness.NamedCheck("synced", () -> {
              long behind = metrics.childLagBlocks();
              String detail = behind + " child blocks not validated yet (at most " + maxLagBlocks
                  + "), last validated " + status.lastValidatedBlock();
              return behind <= maxLagBlocks
                  ? Check.ok("synced", detail)
                  : Check.failed("synced", detail);
            }),
            new Readiness.NamedCheck(
                "audited",
                () -> open != null
                    ? Check.ok("audited", open.keys().size() + " events open")
                    : Check.failed(
                        "audited", "no audit of the chain since the watcher started")))));
    return endpoints.port();
  }

  /** The watcher's metrics (what /metrics serves). */
  public WatcherMetrics metrics() {
    return metrics;
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
  public List<ByzantineEvent> byzantineEvents(long afterSeq, int limit) {
    return events.after(afterSeq, limit);
  }

  /**
   * Each open event as first reported (its seq and since when), with the details of the last audit.
   *
   * @throws WatcherNotReady until the first audit since this node started
   */
  @Override
  public List<ByzantineEvent> openEvents() {
    Open now = open;
    if (now == null) {
      throw new WatcherNotReady("the watcher has not audited the chain since it started");
    }
    return events.withKeys(now.keys()).stream()
        .map(e -> now.details().containsKey(e.key())
            ? new ByzantineEvent(
                e.seq(), e.type(), e.key(), now.details().get(e.key()), e.reportedAtMillis())
            : e)
        .toList();
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
    if (endpoints != null) {
      endpoints.close();
      endpoints = null;
    }
    if (started) {
      rpc.close();
      poller.shutdownNow();
      prefetch.close();
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
