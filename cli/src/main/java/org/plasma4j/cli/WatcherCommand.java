package org.plasma4j.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.MassExitClient;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.watcher.WatcherConfig;
import org.plasma4j.watcher.WatcherNode;
import org.plasma4j.watcher.challenge.ExitChallenger;
import org.plasma4j.watcher.challenge.FrameworkExitChallenger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code plasma watcher}: re-validates the child chain against the root chain and reports byzantine
 * events (docs/watcher.md). With a key in {@code PLASMA_WATCHER_KEY} it also challenges invalid
 * exits and collects their bonds; keys never go on the command line.
 */
@Command(
    name = "watcher",
    mixinStandardHelpOptions = true,
    description =
        "Watch a Plasma chain: follow the root chain and the operator, re-validate every block, report and challenge.")
public final class WatcherCommand implements Callable<Integer> {

  static final String KEY_ENV = "PLASMA_WATCHER_KEY";

  @ParentCommand
  PlasmaCli root;

  @Option(
      names = "--eth-rpc",
      description = "root-chain JSON-RPC URL (default: the running devnet's)")
  String ethRpc;

  @Option(names = "--rpc", description = "operator JSON-RPC URL (default: the running devnet's)")
  String operatorRpc;

  @Option(
      names = "--framework",
      description = "PlasmaFramework address (default: the running devnet's)")
  String framework;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "interface of the watcher's API (default ${DEFAULT-VALUE})")
  String host;

  @Option(
      names = "--port",
      defaultValue = "9657",
      description = "port of the watcher's JSON-RPC API (default ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--data-dir",
      description =
          "RocksDB directory (default: .plasma/watcher under PLASMA_HOME, which git ignores)")
  Path dataDir;

  @Option(
      names = "--confirmations",
      description = "root-chain confirmations before acting on an event (default: 0 on the"
          + " running devnet, whose anvil never reorganizes, else 12)")
  Integer confirmations;

  @Option(
      names = "--withholding-timeout",
      defaultValue = "60",
      description =
          "seconds a submitted block may stay unobtainable before block_withholding (default ${DEFAULT-VALUE})")
  long withholdingSeconds;

  @Option(
      names = "--unchallenged-margin",
      defaultValue = "86400",
      description =
          "seconds before exitableAt from which an open invalid exit is unchallenged_exit (default ${DEFAULT-VALUE})")
  long marginSeconds;

  @Option(
      names = "--start-block",
      description = "root-chain block the framework was deployed in (default: the devnet file's,"
          + " when the framework is the running devnet's, else 0); checked on chain")
  Long startBlock;

  @Option(
      names = "--watch",
      split = ",",
      description = "owner addresses to report piggyback_available for")
  List<String> watch = List.of();

  @Option(
      names = "--mirror",
      split = ",",
      paramLabel = "<url>",
      description = "further endpoints serving the same"
          + " chain (the operator's replicas, another watcher's cache): a block body that does not match its root is"
          + " fetched again from each before mismatched_root is reported")
  List<URI> mirrors = List.of();

  @Mixin
  RpcLimitOptions rpcLimits;

  @Mixin
  MetricsOptions metrics;

  @Mixin
  ConfigOption config;

  @Override
  public Integer call() throws Exception {
    DevnetConfig devnet = DevnetConfig.load(root.env());
    String eth = pick(ethRpc, devnet.ethRpc(), "--eth-rpc");
    int confirmations = confirmations(this.confirmations, ethRpc, devnet);
    Path dataDir = this.dataDir != null
        ? this.dataDir
        : DevnetConfig.path(root.env()).resolveSibling("watcher");
    String operator = pick(operatorRpc, devnet.operatorRpc(), "--rpc");
    Address frameworkAddress =
        WalletOptions.address(pick(framework, devnet.framework(), "--framework"), "--framework");
    Set<Address> watched = new HashSet<>();
    watch.forEach(a -> watched.add(WalletOptions.address(a, "--watch")));
    long start = StartBlock.resolve(startBlock, framework == null, devnet);
    WatcherConfig config = WatcherConfig.defaults(URI.create(operator), dataDir)
        .withRpc(host, port)
        .withFollowing(confirmations, Duration.ofSeconds(1), start)
        .withTimeouts(
            Duration.ofSeconds(withholdingSeconds),
            Duration.ofSeconds(marginSeconds),
            Duration.ofSeconds(10))
        .watching(watched)
        .withOperatorMirrors(mirrors)
        .withRpcLimits(rpcLimits.limits());
    Web3j web3j = Web3j.build(new HttpService(eth));
    StartBlock.check(web3j, frameworkAddress, start);
    try (WatcherNode node = WatcherNode.open(
        config,
        new Web3jRootChain(web3j, frameworkAddress, Optional.empty()),
        challenger(web3j, frameworkAddress))) {
      node.start();
      System.out.printf(
          "watcher API on http://%s:%d; %s%n",
          host,
          node.rpcPort(),
          node.status().challenger() == null
              ? "reporting only (set " + KEY_ENV + " to challenge)"
              : "challenging as " + node.status().challenger());
      if (metrics.enabled()) {
        int metricsPort = node.serveEndpoints(metrics.host, metrics.port, metrics.maxLagBlocks);
        System.out.printf(
            "metrics on http://%s:%d/metrics, health on /health, readiness on /ready%n",
            metrics.host, metricsPort);
      }
      Shutdown.await();
    } finally {
      web3j.shutdown();
    }
    return 0;
  }

  /**
   * The confirmations to wait for: as given, else none on the devnet (its root chain is the running
   * devnet's anvil, which never reorganizes), else 12 against a real chain.
   */
  static int confirmations(Integer given, String ethRpcOption, DevnetConfig devnet) {
    if (given != null) {
      if (given < 0) {
        throw new IllegalArgumentException("--confirmations must not be negative, got " + given);
      }
      return given;
    }
    boolean devnetChain = devnet.ethRpc().isPresent()
        && (ethRpcOption == null || devnet.ethRpc().get().equals(ethRpcOption));
    return devnetChain ? 0 : 12;
  }

  private Optional<ExitChallenger> challenger(Web3j web3j, Address frameworkAddress) {
    String key = root.env().get(KEY_ENV);
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    Credentials credentials = Credentials.create(key.trim());
    return Optional.of(new FrameworkExitChallenger(
        new FrameworkClient(web3j, credentials, frameworkAddress),
        InFlightExitClient.forFramework(web3j, credentials, frameworkAddress),
        MassExitClient.forFramework(web3j, credentials, frameworkAddress)));
  }

  private static String pick(String given, Optional<String> fromDevnet, String option) {
    if (given != null) {
      return given;
    }
    return fromDevnet.orElseThrow(() -> new IllegalArgumentException(
        option + " is required (no running devnet: .plasma/devnet.json not found)"));
  }
}
