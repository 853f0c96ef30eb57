package org.plasma4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plasma4j.core.types.Address;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.guardian.GuardianService;
import org.plasma4j.guardian.JournalFile;
import org.plasma4j.wallet.WalletException.InvalidInput;
import org.plasma4j.wallet.WalletKey;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plasma wallet guard}: watches on behalf of a set of keys and, when the chain turns bad,
 * exits every owned output on its own (docs/guardian.md). One line per action; Ctrl-C stops it.
 */
@Command(
    name = "guard",
    mixinStandardHelpOptions = true,
    description =
        "Watch for a set of keys and exit their funds on your own when the chain turns bad.")
final class GuardCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(
      names = "--dev-account",
      paramLabel = "<n>",
      description = "Guard anvil's development account n (repeatable; development chains only).")
  List<Integer> devAccounts = new ArrayList<>();

  @Option(
      names = "--key",
      paramLabel = "<hex>",
      description = "Guard this private key (repeatable; or set PLASMA_KEY).")
  List<String> keys = new ArrayList<>();

  @Option(
      names = "--keystore",
      paramLabel = "<file>",
      description =
          "Guard the key of this Ethereum V3 keystore (repeatable, one --password-file for all).")
  List<Path> keystores = new ArrayList<>();

  @Option(
      names = "--password-file",
      paramLabel = "<file>",
      description = "File holding the keystore password.")
  Path passwordFile;

  @Option(
      names = "--rpc",
      paramLabel = "<url>",
      description = "Operator JSON-RPC URL (default: the running devnet's, else "
          + WalletOptions.DEFAULT_OPERATOR_RPC + ").")
  String rpc;

  @Option(
      names = "--eth-rpc",
      paramLabel = "<url>",
      description = "Root-chain JSON-RPC URL (default: the running devnet's, else "
          + WalletOptions.DEFAULT_ETH_RPC + ").")
  String ethRpc;

  @Option(
      names = "--framework",
      paramLabel = "<0x..>",
      description =
          "The PlasmaFramework address (default: the running devnet's, when --eth-rpc is the devnet's). Never taken from the operator.")
  String framework;

  @Option(
      names = "--watcher",
      paramLabel = "<url>",
      description = "Use this running watcher's API instead of embedding one.")
  URI watcher;

  @Option(
      names = "--data-dir",
      paramLabel = "<dir>",
      description = "Journal (and embedded watcher) directory (default: .plasma/guardian).")
  Path dataDir;

  @Option(
      names = "--inclusion-timeout",
      defaultValue = "300",
      paramLabel = "<seconds>",
      description =
          "A sent transaction out of every valid block this long means the operator is gone (default: ${DEFAULT-VALUE}).")
  long inclusionTimeoutSeconds;

  @Option(
      names = "--poll-interval",
      defaultValue = "2000",
      paramLabel = "<ms>",
      description = "How often to look (default: ${DEFAULT-VALUE}).")
  long pollMillis;

  @Option(
      names = "--confirmations",
      paramLabel = "<n>",
      description =
          "Root-chain confirmations for the embedded watcher (default: 0 on the devnet, else 12).")
  Integer confirmations;

  @Option(
      names = "--start-block",
      paramLabel = "<n>",
      description =
          "Root-chain block the framework was deployed in, where reading its events starts"
              + " (default: the devnet file's, else 0); checked on chain.")
  Long startBlock;

  @Option(
      names = "--mass-exit-threshold",
      defaultValue = "3",
      paramLabel = "<n>",
      description =
          "Exit an owner's outputs of one token in one mass exit from this many on (default: ${DEFAULT-VALUE}).")
  int massExitThreshold;

  @Option(
      names = "--challenge-key",
      paramLabel = "<hex>",
      description =
          "The embedded watcher challenges invalid exits with this key (default: the first guarded key). It pays the gas and wins the bonds.")
  String challengeKey;

  @Option(
      names = "--no-challenges",
      description =
          "Do not challenge invalid exits. You give up the first line of defence: an invalid exit nobody else challenges is paid, and a day before that the guard exits every output of yours.")
  boolean noChallenges;

  @Option(
      names = "--tolerated-loss",
      defaultValue = "0",
      paramLabel = "<amount>",
      description =
          "An unchallenged theft that can cost the keys at most this much of a token (base units) only informs (default: ${DEFAULT-VALUE}: any loss raises the alarm).")
  java.math.BigInteger toleratedLoss;

  @Option(
      names = "--wallet-dir",
      paramLabel = "<dir>",
      description = "Also watch the keys' coins kept here (default: .plasma/wallet, if it exists).")
  Path walletDir;

  @picocli.CommandLine.Mixin
  MetricsOptions metrics;

  @picocli.CommandLine.Mixin
  ConfigOption config;

  @Option(names = "--once", description = "Look once, act, and stop.")
  boolean once;

  @Option(
      names = "--report",
      description = "Print the report of what the guardian did (JSON) and stop.")
  boolean report;

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir != null ? dataDir : DevnetConfig.path(env()).resolveSibling("guardian");
    PrintWriter out = spec.commandLine().getOut();
    if (report) {
      out.println(new ObjectMapper()
          .writerWithDefaultPrettyPrinter()
          .writeValueAsString(JournalFile.reportJson(new JournalFile(dir).load())));
      out.flush();
      return 0;
    }
    if (inclusionTimeoutSeconds <= 0 || pollMillis <= 0) {
      throw new InvalidInput("--inclusion-timeout and --poll-interval must be positive");
    }
    if (toleratedLoss.signum() < 0) {
      throw new InvalidInput("--tolerated-loss must not be negative");
    }
    if (noChallenges && challengeKey != null) {
      throw new InvalidInput("--no-challenges and --challenge-key exclude each other");
    }
    List<WalletKey> keys = keys();
    DevnetConfig devnet = DevnetConfig.load(env());
    boolean onDevnet = rpc == null && ethRpc == null;
    GuardianService.Settings settings = GuardianService.Settings.of(
            rpc != null ? rpc : devnet.operatorRpc().orElse(WalletOptions.DEFAULT_OPERATOR_RPC),
            ethRpc != null ? ethRpc : devnet.ethRpc().orElse(WalletOptions.DEFAULT_ETH_RPC),
            WalletOptions.pinnedFramework(framework, ethRpc, devnet),
            StartBlock.resolve(startBlock, framework == null, devnet),
            dir)
        .with(s -> {
          s.watcherUrl = Optional.ofNullable(watcher);
          s.confirmations = confirmations != null
              ? confirmations
              : onDevnet && devnet.ethRpc().isPresent() ? 0 : 12;
          s.inclusionTimeout = Duration.ofSeconds(inclusionTimeoutSeconds);
          s.pollInterval = Duration.ofMillis(pollMillis);
          s.massExitThreshold = massExitThreshold;
          s.toleratedLoss = toleratedLoss;
        });
    List<Credentials> credentials = keys.stream().map(WalletKey::credentials).toList();
    java.util.function.Consumer<String> print = line -> {
      out.println(line);
      out.flush();
    };
    Path coins = walletDir != null ? walletDir : DevnetConfig.path(env()).resolveSibling("wallet");
    Optional<Credentials> challenger = noChallenges
        ? Optional.empty()
        : Optional.of(
            challengeKey != null
                ? WalletKey.fromHex(challengeKey).credentials()
                : credentials.getFirst());
    try (GuardianService service = GuardianService.open(settings, credentials, challenger, print)) {
      if (walletDir != null || java.nio.file.Files.isDirectory(coins)) {
        service.watchingCoins(coins, keys, print);
        out.println("watching coins in " + coins);
      }
      out.println(
          "guarding " + credentials.stream().map(Credentials::getAddress).toList() + ", journal "
              + new JournalFile(dir).path()
              + (watcher == null ? ", embedded watcher" : ", watcher " + watcher));
      if (watcher == null) {
        out.println(service
            .challenger()
            .map(a -> "challenging invalid exits with " + a.toHex()
                + " (it pays the gas and wins the bonds)")
            .orElse(
                "NOT challenging invalid exits (--no-challenges): an invalid exit nobody else challenges is paid, and"
                    + " the guard then exits every output of these keys"));
      }
      out.flush();
      if (once) {
        out.println(summary(service.pollOnce()));
        out.flush();
        return 0;
      }
      RunningGuard running = RunningGuard.mark(dir);
      try {
        service.start();
        if (metrics.enabled()) {
          int port = service.serveEndpoints(metrics.host, metrics.port, metrics.maxLagBlocks);
          out.println("metrics on http://" + metrics.host + ":" + port
              + "/metrics, health on /health, readiness on /ready");
          out.flush();
        }
        Shutdown.await();
      } finally {
        running.clear();
      }
    }
    return 0;
  }

  /** One line on what a single look found, also when all is well (silence reads as a hang). */
  static String summary(org.plasma4j.guardian.Plan plan) {
    if (plan.alarm().isPresent()) {
      return "checked once: ALARM " + plan.alarm().get() + "; " + plan.actions().size()
          + " action(s) taken, " + plan.missed().size() + " missed";
    }
    if (plan.actions().isEmpty() && plan.missed().isEmpty()) {
      return "checked once: all well, no alarm and nothing to do";
    }
    return "checked once: no alarm; " + plan.actions().size() + " action(s) taken, "
        + plan.missed().size() + " missed";
  }

  private Map<String, String> env() {
    return ((PlasmaCli) spec.root().userObject()).env();
  }

  private List<WalletKey> keys() {
    List<WalletKey> all = new ArrayList<>();
    for (int n : devAccounts) {
      if (n < 0 || n >= DevAccounts.COUNT) {
        throw new InvalidInput("--dev-account must be 0 to " + (DevAccounts.COUNT - 1));
      }
      all.add(WalletKey.fromHex(DevAccounts.privateKey(n)));
    }
    keys.forEach(k -> all.add(WalletKey.fromHex(k)));
    if (!keystores.isEmpty() && passwordFile == null) {
      throw new InvalidInput("--keystore needs --password-file");
    }
    keystores.forEach(k -> all.add(WalletKey.fromKeystore(k, passwordFile)));
    String envKey = env().get("PLASMA_KEY");
    if (all.isEmpty() && envKey != null && !envKey.isBlank()) {
      all.add(WalletKey.fromHex(envKey));
    }
    if (all.isEmpty()) {
      throw new InvalidInput(
          "no key: give --dev-account, --key or --keystore with --password-file");
    }
    Map<Address, WalletKey> unique = new java.util.LinkedHashMap<>();
    all.forEach(k -> unique.putIfAbsent(k.address(), k));
    return List.copyOf(unique.values());
  }
}
