package org.plasma4j.operator.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rootchain.BlockSubmissionPort;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.metrics.Check;
import org.plasma4j.node.metrics.Metrics;
import org.plasma4j.node.metrics.NodeEndpoints;
import org.plasma4j.node.metrics.Readiness;
import org.plasma4j.node.rpc.GetHealth;
import org.plasma4j.node.rpc.JsonRpcDispatcher;
import org.plasma4j.node.rpc.JsonRpcHttpServer;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.storage.DataDirLayout;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.RocksDbStore;
import org.plasma4j.node.supervision.Supervisor;
import org.plasma4j.node.supervision.TaskHealth;
import org.plasma4j.operator.cash.CoinIntake;
import org.plasma4j.operator.cash.CoinQueries;
import org.plasma4j.operator.chain.BlockProducer;
import org.plasma4j.operator.chain.BlockSubmitter;
import org.plasma4j.operator.chain.RootChainFollower;
import org.plasma4j.operator.chain.SubmissionPort;
import org.plasma4j.operator.chain.TxIntake;
import org.plasma4j.operator.ledger.BlockAssembly;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.operator.ledger.Ledger;
import org.plasma4j.operator.ledger.LedgerQueries;
import org.plasma4j.operator.ledger.LedgerWriter;
import org.plasma4j.operator.ledger.ProofCache;
import org.plasma4j.operator.ledger.TxValidation;
import org.plasma4j.operator.metrics.OperatorMetrics;
import org.plasma4j.operator.rpc.methods.PlasmaGetBlock;
import org.plasma4j.operator.rpc.methods.PlasmaGetBlockBody;
import org.plasma4j.operator.rpc.methods.PlasmaGetBlockLeaves;
import org.plasma4j.operator.rpc.methods.PlasmaGetBlockNumber;
import org.plasma4j.operator.rpc.methods.PlasmaGetChainInfo;
import org.plasma4j.operator.rpc.methods.PlasmaGetChallengeData;
import org.plasma4j.operator.rpc.methods.PlasmaGetCoin;
import org.plasma4j.operator.rpc.methods.PlasmaGetCoinProofs;
import org.plasma4j.operator.rpc.methods.PlasmaGetExitData;
import org.plasma4j.operator.rpc.methods.PlasmaGetFeeSchedule;
import org.plasma4j.operator.rpc.methods.PlasmaGetTransaction;
import org.plasma4j.operator.rpc.methods.PlasmaGetUtxos;
import org.plasma4j.operator.rpc.methods.PlasmaSendCoinTransfer;
import org.plasma4j.operator.rpc.methods.PlasmaSendTransaction;
import org.plasma4j.operator.rpc.methods.PlasmaSendTransactions;
import org.plasma4j.operator.rpc.methods.PlasmaSendTransactionsCompact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's composition root: opens the store, wires ledger, block production, submission,
 * root-chain following and JSON-RPC, and starts and stops them in order. {@code new
 * OperatorNode.builder(config, rootChain).build().start()} is all a caller needs; {@link #close()}
 * stops cleanly.
 */
public final class OperatorNode implements AutoCloseable {

  /**
   * The layout of an operator's data directory: raise it when a column changes meaning, and read
   * the older ones.
   */
  public static final DataDirLayout LAYOUT = new DataDirLayout("operator", 2);

  private static final Logger LOG = LoggerFactory.getLogger(OperatorNode.class);
  private static final int UTXO_CACHE = 500_000;
  private static final int PROOF_CACHE_BLOCKS = 16;
  private static final int POLLS_BEFORE_FEE_BUMP = 5;

  private final OperatorConfig config;
  private final RootChain rootChain;
  private final BlockSubmissionPort submission;
  private final KeyValueStore store;
  private final LongSupplier clockMillis;
  private final BlockAssembly assembly;
  private final UnaryOperator<SubmissionPort> submissions;
  private final QueryFilter queryFilter;
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().name("rootchain-poller").daemon().unstarted(r));

  /** Names of the node's tasks in {@link #health()}. */
  public static final String POLLER_TASK = "rootchain-poller";

  public static final String FOLLOWER_TASK = "rootchain-follower";
  public static final String SUBMITTER_TASK = "block-submitter";

  private final Object pollLock = new Object();
  private final Supervisor supervisor;
  private LedgerWriter writer;
  private TxIntake intake;
  private LedgerQueries queries;
  private CoinQueries coinQueries;
  private CoinIntake coinIntake;
  private BlockProducer producer;
  private BlockSubmitter submitter;
  private RootChainFollower follower;
  private JsonRpcHttpServer rpc;
  private final OperatorMetrics metrics = new OperatorMetrics(new Metrics());
  private NodeEndpoints endpoints;
  private volatile boolean started;

  private OperatorNode(Builder b) {
    this.config = b.config;
    this.rootChain = b.rootChain;
    this.submission = b.submission;
    this.store = b.store != null ? b.store : new RocksDbStore(config.dataDir());
    try {
      LAYOUT.open(store);
    } catch (RuntimeException e) {
      if (b.store == null) {
        store.close(); // a refused data directory stays closed, and so unlocked
      }
      throw e;
    }
    this.clockMillis = b.clockMillis;
    this.assembly = b.assembly;
    this.submissions = b.submissions;
    this.queryFilter = b.queryFilter;
    this.supervisor = new Supervisor(config.fatal(), System::currentTimeMillis);
  }

  /**
   * A node for {@code config} on {@code rootChain}: by default on a RocksDB store in
   * {@code config.dataDir()}, on the wall clock, following the root chain's event stream (the
   * framework's and every game's events), submitting through {@code submission}, and assembling,
   * submitting and serving its blocks as they are.
   */
  public static Builder builder(
      OperatorConfig config, RootChain rootChain, BlockSubmissionPort submission) {
    return new Builder(config, rootChain, submission);
  }

  /** The node's ports and hooks; each has the production default until set. */
  public static final class Builder {
    private final OperatorConfig config;
    private final RootChain rootChain;
    private final BlockSubmissionPort submission;
    private KeyValueStore store;
    private LongSupplier clockMillis = System::currentTimeMillis;
    private BlockAssembly assembly = BlockAssembly.ACCEPTED_ONLY;
    private UnaryOperator<SubmissionPort> submissions = UnaryOperator.identity();
    private QueryFilter queryFilter = QueryFilter.EVERYTHING;

    private Builder(OperatorConfig config, RootChain rootChain, BlockSubmissionPort submission) {
      this.config = Objects.requireNonNull(config, "config");
      this.rootChain = Objects.requireNonNull(rootChain, "rootChain");
      this.submission = Objects.requireNonNull(submission, "submission");
    }

    /** On a given store (tests use an in-memory one); the node closes it. */
    public Builder store(KeyValueStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The clock blocks are stamped and paced with. */
    public Builder clock(LongSupplier clockMillis) {
      this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
      return this;
    }

    /** What formed blocks carry beyond the accepted transactions. */
    public Builder blockAssembly(BlockAssembly assembly) {
      this.assembly = Objects.requireNonNull(assembly, "assembly");
      return this;
    }

    /** Wraps the port blocks are submitted through (the root chain's own, by default). */
    public Builder submissions(UnaryOperator<SubmissionPort> decorator) {
      this.submissions = Objects.requireNonNull(decorator, "decorator");
      return this;
    }

    /** What the node's queries serve of what it holds. */
    public Builder queryFilter(QueryFilter filter) {
      this.queryFilter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /** The node, not started; it opens its store now. */
    public OperatorNode build() {
      return new OperatorNode(this);
    }
  }

  /**
   * Starts everything; blocks formed but not submitted before a restart are reconciled with the
   * contract on the first poll. Throws if the configured key is not the contract's operator.
   */
  public synchronized void start() {
    RootChain.ChainInfo info = rootChain.info();
    if (config.operatorKey() != null && !config.operatorKey().address().equals(info.operator())) {
      throw new IllegalStateException("the operator key's address "
          + config.operatorKey().address() + " is not the contract's operator " + info.operator());
    }
    Domain domain = new Domain(info.chainId(), info.framework());
    TxValidation validation = new TxValidation(domain, config.fees());
    ProofCache proofs = new ProofCache(PROOF_CACHE_BLOCKS);
    Ledger ledger = new Ledger(
        store,
        validation,
        new Ledger.Settings(
            domain,
            config.feeBeneficiary(),
            config.maxBlockSize(),
            UTXO_CACHE,
            config.coinBlockPeriod().toMillis()),
        new Ledger.BlockListener() {
          @Override
          public void formed(BlockRecord block, MerkleTree tree) {
            proofs.formed(block, tree);
            metrics.blockFormed(block, clockMillis.getAsLong());
          }

          @Override
          public void formedCoins(long blkNum, CoinTree coinTree) {
            proofs.formedCoins(blkNum, coinTree);
          }
        },
        assembly);
    metrics.mempool(ledger::pendingCount);
    writer = new LedgerWriter(ledger, clockMillis, supervisor);
    queries = new LedgerQueries(store, proofs, queryFilter::hidden);
    coinQueries = new CoinQueries(store, proofs, queryFilter::hidden);
    producer = new BlockProducer(writer, config.blockInterval(), supervisor);
    submitter = new BlockSubmitter(
        store,
        rootChain,
        submission,
        submissions.apply(SubmissionPort.of(submission)),
        new BlockSubmitter.Settings(
            config.maxFeePerGasCap(), POLLS_BEFORE_FEE_BUMP, config.startL1Block()),
        this::submitted);
    follower = new RootChainFollower(
        store,
        rootChain,
        writer,
        config.depositConfirmations(),
        config.startL1Block(),
        metrics::followed);
    writer.start();
    producer.start();
    long pollMs = config.pollInterval().toMillis();
    // the first poll reconciles with the contract: confirms or resubmits formed blocks
    poller.scheduleWithFixedDelay(
        supervisor.supervised(POLLER_TASK, this::pollRootChain),
        pollMs,
        pollMs,
        TimeUnit.MILLISECONDS);
    intake = new TxIntake(validation, writer, metrics);
    coinIntake = new CoinIntake(domain, writer, metrics);
    startRpc(intake, info);
    started = true;
    LOG.info(
        "operator started: chain {}, framework {}, RPC on {}:{}, {} blocks formed",
        info.chainId(),
        info.framework(),
        config.rpcHost(),
        rpc.port(),
        ledger.lastFormedBlock() / 1000);
  }

  /** Counts a confirmed block and, from its receipt, the gas its submission used. */
  private void submitted(BlockRecord block, Optional<Bytes32> l1TxHash) {
    metrics.blockConfirmed(block, clockMillis.getAsLong());
    l1TxHash.ifPresent(hash -> {
      try {
        submission.gasPaid(hash).ifPresent(metrics::gasPaid);
      } catch (RuntimeException e) {
        // a replaced attempt or a node that lost the receipt: the gas is simply not counted
        LOG.debug("no receipt for submission {}: {}", hash, e.getMessage());
      }
    });
  }

  /**
   * Serves /metrics, /health and /ready on {@code host:port} (0 for any free port) until the node
   * closes; ready while the root chain answers, the node follows it within {@code maxLagBlocks} of
   * its confirmed head, and submission has not halted. Returns the bound port.
   */
  public synchronized int serveEndpoints(String host, int port, long maxLagBlocks) {
    if (!started) {
      throw new IllegalStateException("start the node before its endpoints");
    }
    endpoints = NodeEndpoints.start(
        "operator",
        host,
        port,
        metrics.registry(),
        supervisor::health,
        () -> Readiness.evaluate(List.of(
            new Readiness.NamedCheck(
                "store",
                () -> started
                    ? Check.ok(
                        "store",
                        "open, last formed block "
                            // through the writer: a wedged writer shows as not ready
                            + writer
                                .call(Ledger::lastFormedBlock)
                                .orTimeout(2, TimeUnit.SECONDS)
                                .join())
                    : Check.failed("store", "closed")),
            new Readiness.NamedCheck("l1", () -> caughtUp(maxLagBlocks)),
            new Readiness.NamedCheck(
                "submission",
                () -> submitter
                    .haltReason()
                    .map(r -> Check.failed("submission", "halted: " + r))
                    .orElseGet(() -> Check.ok(
                        "submission", "last submitted block " + submitter.lastSubmitted()))))));
    return endpoints.port();
  }

  private Check caughtUp(long maxLagBlocks) {
    long head = rootChain.headBlockNumber();
    long confirmed = head - config.depositConfirmations();
    long behind = Math.max(0, confirmed - follower.lastFollowed());
    String detail = "L1 head " + head + ", followed to " + follower.lastFollowed() + ", " + behind
        + " confirmed blocks behind (at most " + maxLagBlocks + ")";
    return behind <= maxLagBlocks ? Check.ok("l1", detail) : Check.failed("l1", detail);
  }

  /** The node's metrics (what /metrics serves). */
  public OperatorMetrics metrics() {
    return metrics;
  }

  private void startRpc(TxIntake intake, RootChain.ChainInfo info) {
    List<JsonRpcMethod> methods = List.of(
        new PlasmaSendTransaction(intake),
        new PlasmaSendTransactions(intake),
        new PlasmaSendTransactionsCompact(intake),
        new PlasmaGetBlock(queries, config.rpcLimits().maxResponseBytes()),
        new PlasmaGetBlockBody(queries, config.rpcLimits().maxResponseBytes()),
        new PlasmaGetBlockLeaves(queries, config.rpcLimits().maxResponseBytes()),
        new PlasmaGetBlockNumber(queries),
        new PlasmaGetTransaction(queries),
        new PlasmaGetUtxos(queries),
        new PlasmaGetExitData(queries),
        new PlasmaGetChallengeData(queries),
        new PlasmaGetFeeSchedule(config.fees()),
        new PlasmaGetChainInfo(() -> queryFilter.announced(info), config.feeBeneficiary()),
        new PlasmaSendCoinTransfer(coinIntake),
        new PlasmaGetCoin(coinQueries),
        new PlasmaGetCoinProofs(coinQueries),
        new GetHealth(RpcMethod.GET_HEALTH, supervisor));
    ObjectMapper mapper =
        new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    try {
      rpc = new JsonRpcHttpServer(
          config.rpcHost(),
          config.rpcPort(),
          config.rpcThreads(),
          new JsonRpcDispatcher(mapper, methods),
          mapper,
          config.rpcLimits(),
          supervisor.fatal());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind JSON-RPC to " + config.rpcHost() + ":" + config.rpcPort(), e);
    }
    rpc.start();
  }

  /**
   * One round of root-chain work; public so tests and tools can drive it deterministically. The
   * follower and the submitter are tasks of their own: whatever one throws, the other still runs,
   * and both run again next poll.
   */
  public void pollRootChain() {
    synchronized (pollLock) { // the follower and submitter are single-threaded by design
      supervisor.run(FOLLOWER_TASK, follower::poll);
      supervisor.run(SUBMITTER_TASK, submitter::poll);
    }
  }

  /**
   * How every background task fares (block producer, ledger writer, root-chain poller, follower,
   * submitter): also served as plasma_getHealth, for monitoring.
   */
  public List<TaskHealth> health() {
    return supervisor.health();
  }

  /**
   * The supervisor the node's tasks run under (tests use it to run a task body as the node would).
   */
  public Supervisor supervisor() {
    return supervisor;
  }

  public BlockProducer producer() {
    return producer;
  }

  /** The bound JSON-RPC port (the configured one, or the one chosen for port 0). */
  public int rpcPort() {
    return rpc.port();
  }

  /** The acceptance pipeline, for callers that submit without JSON-RPC (tests, benchmarks). */
  public TxIntake intake() {
    return intake;
  }

  /** Coin-transfer acceptance, for callers that submit without JSON-RPC (tests). */
  public CoinIntake coinIntake() {
    return coinIntake;
  }

  public CoinQueries coinQueries() {
    return coinQueries;
  }

  public LedgerWriter writer() {
    return writer;
  }

  public LedgerQueries queries() {
    return queries;
  }

  public BlockSubmitter submitter() {
    return submitter;
  }

  public RootChainFollower follower() {
    return follower;
  }

  /**
   * Stops intake first, then background work, then the writer (finishing queued work), then
   * storage.
   */
  @Override
  public synchronized void close() {
    if (endpoints != null) {
      endpoints.close();
      endpoints = null;
    }
    if (started) {
      rpc.close();
      producer.close();
      poller.shutdownNow();
      awaitPoller();
      writer.close();
      started = false;
    }
    store.close();
    LOG.info("operator stopped");
  }

  private void awaitPoller() {
    try {
      poller.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
