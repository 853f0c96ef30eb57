package org.plasma4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.concurrent.Callable;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.devnet.DevnetWatcher;
import org.plasma4j.explorer.Explorer;
import org.plasma4j.explorer.ExplorerConfig;
import org.plasma4j.watcher.WatcherNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plasma devnet}: a local chain to develop against, until Ctrl-C. */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description =
        "Start anvil, deploy the contracts, start an operator, print the endpoints, contract"
            + " addresses and funded dev accounts, and run until interrupted.")
public final class DevnetCommand implements Callable<Integer> {

  @Option(
      names = "--eth-port",
      defaultValue = "8545",
      description = "anvil's port (default ${DEFAULT-VALUE}).")
  int ethPort;

  @Option(
      names = "--rpc-port",
      defaultValue = "9545",
      description = "the operator's JSON-RPC port (default ${DEFAULT-VALUE}).")
  int rpcPort;

  @Option(
      names = "--watcher-port",
      defaultValue = "9657",
      description = "the devnet watcher's JSON-RPC port (default ${DEFAULT-VALUE}).")
  int watcherPort;

  @Option(
      names = "--explorer-port",
      defaultValue = "9680",
      description = "the explorer and web wallet's port (default ${DEFAULT-VALUE}).")
  int explorerPort;

  @Option(
      names = "--exit-period",
      defaultValue = "3600",
      description = "minimum exit period in seconds (default ${DEFAULT-VALUE}).")
  long exitPeriod;

  @Option(
      names = "--data-dir",
      paramLabel = "<dir>",
      description = "the operator's RocksDB directory: new or empty, since every"
          + " devnet starts a fresh chain (default: a new temporary directory).")
  java.nio.file.Path dataDir;

  @Override
  public Integer call() throws Exception {
    if (dataDir != null && java.nio.file.Files.isDirectory(dataDir)) {
      try (var entries = java.nio.file.Files.list(dataDir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "--data-dir " + dataDir + " is not empty: a devnet starts a fresh root chain,"
                  + " which an old operator ledger does not match; give a new or empty directory");
        }
      }
    }
    requireFree(watcherPort, "the watcher's JSON-RPC", "--watcher-port");
    requireFree(explorerPort, "the explorer", "--explorer-port");
    Devnet.Options options = new Devnet.Options(
        ethPort,
        rpcPort,
        exitPeriod,
        java.time.Duration.ofSeconds(1),
        65_536,
        java.util.Optional.ofNullable(dataDir),
        true);
    try (Devnet devnet = Devnet.start(options);
        WatcherNode watcher =
            DevnetWatcher.start(devnet, watcherPort, java.time.Duration.ofSeconds(60), true);
        Explorer explorer = Explorer.start(ExplorerConfig.local(
                java.net.URI.create(devnet.operatorRpcUrl()),
                java.net.URI.create("http://127.0.0.1:" + watcher.rpcPort()),
                java.net.URI.create(devnet.anvil().rpcUrl()),
                devnet.framework(),
                explorerPort)
            .startingAt(devnet.deployment().deployedAt())
            .withConfirmations(0))) {
      java.util.Map<String, Object> described = new java.util.LinkedHashMap<>(devnet.describe());
      described.put("watcherRpc", "http://127.0.0.1:" + watcher.rpcPort());
      described.put("explorer", explorer.url());
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      // the explorer command reads the watcher from here too
      java.nio.file.Path file =
          org.plasma4j.devtools.ToolPaths.home().resolve(DevnetConfig.RELATIVE_PATH);
      if (java.nio.file.Files.isRegularFile(file)) {
        json.writeValue(file.toFile(), described);
      }
      System.out.println(json.writeValueAsString(described));
      System.out.println("watcher API on http://127.0.0.1:" + watcher.rpcPort()
          + ", challenging invalid exits as dev account " + DevnetWatcher.CHALLENGER);
      System.out.println("explorer and web wallet on " + explorer.url());
      System.out.println(
          "devnet running; the wallet CLI reads .plasma/devnet.json. Ctrl-C stops it.");
      Shutdown.await();
    }
    return 0;
  }

  /**
   * Refuses, before anything starts, a port of the watcher or the explorer that something already
   * listens on: otherwise the devnet would deploy and start its operator first.
   */
  private static void requireFree(int port, String what, String option) {
    if (port == 0) {
      return;
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("port " + port + " (" + what
          + ") is in use: is another devnet running? Stop it, or choose another with " + option);
    }
  }
}
