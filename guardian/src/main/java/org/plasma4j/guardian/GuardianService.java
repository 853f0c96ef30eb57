package org.plasma4j.guardian;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.plasma4j.core.types.Address;
import org.plasma4j.guardian.cash.CoinGuard;
import org.plasma4j.guardian.cash.GameCoinWatch;
import org.plasma4j.node.config.RecordEdit;
import org.plasma4j.node.metrics.Check;
import org.plasma4j.node.metrics.Metrics;
import org.plasma4j.node.metrics.NodeEndpoints;
import org.plasma4j.node.metrics.Readiness;
import org.plasma4j.node.supervision.Fatal;
import org.plasma4j.node.supervision.Supervisor;
import org.plasma4j.node.supervision.TaskHealth;
import org.plasma4j.rootchain.DeploymentBlock;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.MassExitClient;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.WalletKey;
import org.plasma4j.watcher.WatcherConfig;
import org.plasma4j.watcher.WatcherNode;
import org.plasma4j.watcher.WatcherQueries;
import org.plasma4j.watcher.challenge.ExitChallenger;
import org.plasma4j.watcher.challenge.FrameworkExitChallenger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * A running guardian with everything it needs: a web3j connection, its keys' executor, and either
 * an embedded watcher (its state under {@code dataDir/watcher}) or a remote one. What
 * {@code ./plasma wallet guard} starts.
 *
 * <p>The embedded watcher challenges with a key unless told not to: invalid exits and piggybacks,
 * non-canonical in-flight exits, and answers false canonicity challenges against the keys' own
 * in-flight exits, each as soon as it is found. That is what keeps an outsider's invalid exit from
 * ever reaching {@code unchallenged_exit}, the event that makes every guardian exit.
 */
public final class GuardianService implements AutoCloseable {

  /**
   * @param framework the pinned PlasmaFramework (never the operator's word: the guardian checks it
   *     against its domainSeparator() on the root chain and defends under that domain)
   * @param watcherUrl a remote watcher's API; empty to embed one
   * @param confirmations root-chain confirmations the embedded watcher waits for
   * @param toleratedLoss the most an unchallenged theft may cost the keys in one token and only
   *     inform
   * @param startL1Block the root-chain block the framework was deployed in: the watcher, the
   *     recovery of sent actions and the coin watch read its events from there (checked on chain)
   */
  public record Settings(
      String operatorRpc,
      String ethRpc,
      Address framework,
      Optional<URI> watcherUrl,
      Path dataDir,
      int confirmations,
      Duration inclusionTimeout,
      Duration pollInterval,
      int massExitThreshold,
      java.math.BigInteger toleratedLoss,
      long startL1Block) {

    /**
     * The settings {@code plasma wallet guard} starts from: an embedded watcher waiting for 12
     * confirmations, a five-minute inclusion timeout, a look every 2 s, mass exits from 3 outputs
     * on, and no tolerated loss.
     */
    public static Settings of(
        String operatorRpc, String ethRpc, Address framework, long startL1Block, Path dataDir) {
      return new Settings(
          operatorRpc,
          ethRpc,
          framework,
          Optional.empty(),
          dataDir,
          12,
          Duration.ofMinutes(5),
          Duration.ofSeconds(2),
          3,
          java.math.BigInteger.ZERO,
          startL1Block);
    }

    /** These settings with the values {@code change} sets on a copy of them. */
    public Settings with(Consumer<Values> change) {
      return RecordEdit.with(this, new Values(), change);
    }

    /** The values of {@link Settings} while they are being changed; see {@link #with}. */
    public static final class Values {
      public String operatorRpc;
      public String ethRpc;
      public Address framework;
      public Optional<URI> watcherUrl;
      public Path dataDir;
      public int confirmations;
      public Duration inclusionTimeout;
      public Duration pollInterval;
      public int massExitThreshold;
      public java.math.BigInteger toleratedLoss;
      public long startL1Block;

      private Values() {}
    }
  }

  private final Web3j web3j;
  private final Optional<WatcherNode> embedded;
  private final Optional<FrameworkExitChallenger> challenger;
  private final Guardian guardian;
  private final Duration pollInterval;
  private final Settings settings;
  private NodeEndpoints endpoints;
  private final Address framework;
  private final List<CoinGuard> coinGuards = new java.util.concurrent.CopyOnWriteArrayList<>();
  private java.util.concurrent.ScheduledExecutorService coinLoop;
  private final Supervisor supervisor =
      new Supervisor(Fatal.exitProcess(), System::currentTimeMillis);

  private GuardianService(
      Web3j web3j,
      Optional<WatcherNode> embedded,
      Optional<FrameworkExitChallenger> challenger,
      Guardian guardian,
      Settings settings,
      Address framework) {
    this.web3j = web3j;
    this.embedded = embedded;
    this.challenger = challenger;
    this.guardian = guardian;
    this.pollInterval = settings.pollInterval();
    this.settings = settings;
    this.framework = framework;
  }

  /**
   * Also watches the coins each key holds in {@code walletRoot} (docs/guardian.md, coin watch): one
   * {@link CoinGuard} per key, journaled beside the guardian's journal, polled with it.
   */
  public GuardianService watchingCoins(
      Path walletRoot, List<WalletKey> keys, Consumer<String> out) {
    for (WalletKey key : keys) {
      coinGuards.add(GameCoinWatch.guard(
          key,
          settings.operatorRpc(),
          web3j,
          framework,
          settings.startL1Block(),
          walletRoot,
          settings.dataDir(),
          out));
    }
    return this;
  }

  /**
   * Connects, opens the journal and (unless remote) the embedded watcher, which challenges with the
   * first guarded key; does not poll yet.
   */
  public static GuardianService open(Settings s, List<Credentials> keys, Consumer<String> out) {
    return open(s, keys, keys.stream().findFirst(), out);
  }

  /**
   * As {@link #open(Settings, List, Consumer)}, with the embedded watcher's challenge key: any key
   * with ETH for gas (the bonds of the exits it challenges are paid to it), or none, and then
   * invalid exits are left to others and reach {@code unchallenged_exit} if nobody else challenges
   * them. A remote watcher challenges with its own key, if it has one.
   */
  public static GuardianService open(
      Settings s,
      List<Credentials> keys,
      Optional<Credentials> challengeKey,
      Consumer<String> out) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("the guardian needs at least one key");
    }
    Web3j web3j = Web3j.build(new HttpService(s.ethRpc()));
    Optional<WatcherNode> embedded = Optional.empty();
    Optional<FrameworkExitChallenger> challenger = Optional.empty();
    try {
      Address framework = s.framework();
      // events before the framework's deployment cannot exist; a later start would miss some
      if (!DeploymentBlock.check(web3j, framework, s.startL1Block()).verified()) {
        out.accept("start block " + s.startL1Block()
            + " not checked: the root-chain node keeps no state that old");
      }
      Web3jRootChain reader = new Web3jRootChain(web3j, framework, Optional.empty());
      long mep = reader.info().minExitPeriodSeconds();
      L1Executor l1 =
          new L1Executor(new HttpService(s.ethRpc()), framework, s.startL1Block(), keys);
      WatcherQueries watcher;
      if (s.watcherUrl().isPresent()) {
        watcher = new WatcherRpcClient(s.watcherUrl().get(), Duration.ofSeconds(10));
      } else {
        WatcherConfig defaults =
            WatcherConfig.defaults(URI.create(s.operatorRpc()), s.dataDir().resolve("watcher"));
        WatcherConfig config = defaults
            .withRpc("127.0.0.1", 0)
            .withTimeouts(
                defaults.withholdingTimeout(), unchallengedMargin(mep), defaults.operatorTimeout())
            .withFollowing(s.confirmations(), Duration.ofMillis(500), s.startL1Block())
            .watching(java.util.Set.copyOf(l1.addresses()));
        challenger = challengeKey.map(k -> new FrameworkExitChallenger(
            new FrameworkClient(web3j, k, framework),
            InFlightExitClient.forFramework(web3j, k, framework),
            MassExitClient.forFramework(web3j, k, framework)));
        WatcherNode node =
            WatcherNode.open(config, reader, challenger.map(c -> (ExitChallenger) c));
        node.start();
        embedded = Optional.of(node);
        watcher = node;
      }
      GuardianConfig config = GuardianConfig.defaults(mep)
          .withInclusionTimeout(s.inclusionTimeout())
          .withMassExitThreshold(s.massExitThreshold())
          .withConfirmations(Math.max(1, s.confirmations()))
          .withToleratedLoss(s.toleratedLoss());
      Guardian guardian = new Guardian(
          config,
          l1.addresses(),
          new WatcherAdvice(watcher),
          l1,
          l1,
          new JournalFile(s.dataDir()),
          System::currentTimeMillis,
          out);
      return new GuardianService(web3j, embedded, challenger, guardian, s, framework);
    } catch (RuntimeException e) {
      embedded.ifPresent(WatcherNode::close);
      web3j.shutdown();
      throw e;
    }
  }

  /**
   * How close to its exitableAt an invalid exit must come to be unchallenged: a day, but never more
   * than a quarter of the exit period, so that on a chain with a short period an exit is challenged
   * before it is called unchallenged, and the alarm it raises is a real emergency.
   */
  static Duration unchallengedMargin(long minExitPeriodSeconds) {
    return Duration.ofSeconds(
        Math.min(Duration.ofDays(1).toSeconds(), Math.max(1, minExitPeriodSeconds / 4)));
  }

  public Guardian guardian() {
    return guardian;
  }

  /**
   * The key the embedded watcher challenges with; empty with a remote watcher or with challenges
   * off.
   */
  public Optional<Address> challenger() {
    return challenger.map(FrameworkExitChallenger::address);
  }

  /**
   * Every root-chain transaction the embedded watcher's challenges sent, in order (their gas, the
   * bonds won).
   */
  public List<TransactionReceipt> challengeReceipts() {
    return challenger.map(FrameworkExitChallenger::receipts).orElse(List.of());
  }

  /**
   * Serves /metrics (the guardian's actions and, when embedded, its watcher's metrics), /health and
   * /ready on {@code host:port} until closed; ready while the root chain answers and an embedded
   * watcher is within {@code maxLagBlocks} of the chain. Returns the bound port.
   */
  public synchronized int serveEndpoints(String host, int port, long maxLagBlocks) {
    List<Metrics> registries = new ArrayList<>();
    registries.add(guardian.metrics().registry());
    embedded.ifPresent(w -> registries.add(w.metrics().registry()));
    endpoints = NodeEndpoints.start(
        "guardian",
        host,
        port,
        registries,
        () -> {
          List<TaskHealth> all = new ArrayList<>(supervisor.health());
          embedded.ifPresent(w -> all.addAll(w.health()));
          return all;
        },
        () -> Readiness.evaluate(List.of(
            new Readiness.NamedCheck("l1", () -> {
              long head;
              try {
                head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              return Check.ok("l1", "L1 head " + head);
            }),
            new Readiness.NamedCheck(
                "watcher",
                () -> embedded
                    .map(w -> {
                      long behind = Math.max(
                          w.metrics().childLagBlocks(),
                          w.metrics().l1LagBlocks() - settings.confirmations());
                      String detail = "embedded watcher " + behind + " blocks behind (at most "
                          + maxLagBlocks + ")";
                      return behind <= maxLagBlocks
                          ? Check.ok("watcher", detail)
                          : Check.failed("watcher", detail);
                    })
                    .orElseGet(() -> Check.ok("watcher", "remote watcher"))))));
    return endpoints.port();
  }

  /** The embedded watcher's API port, if one is embedded. */
  public Optional<Integer> watcherPort() {
    return embedded.map(WatcherNode::rpcPort);
  }

  /**
   * One round now: the embedded watcher's first (so a fresh one has synced), then the guardian's.
   */
  public Plan pollOnce() {
    embedded.ifPresent(WatcherNode::pollOnce);
    Plan plan = guardian.pollOnce();
    coinGuards.forEach(CoinGuard::pollOnce);
    return plan;
  }

  /** Starts polling in the background (the coin watch on its own thread). */
  public void start() {
    guardian.start(pollInterval, supervisor);
    if (!coinGuards.isEmpty() && coinLoop == null) {
      coinLoop = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "coin-watch");
        t.setDaemon(true);
        return t;
      });
      coinLoop.scheduleWithFixedDelay(
          supervisor.supervised("coin-watch", () -> coinGuards.forEach(CoinGuard::pollOnce)),
          0,
          pollInterval.toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    if (endpoints != null) {
      endpoints.close();
    }
    if (coinLoop != null) {
      coinLoop.shutdownNow();
    }
    guardian.close();
    embedded.ifPresent(WatcherNode::close);
    web3j.shutdown();
  }
}
