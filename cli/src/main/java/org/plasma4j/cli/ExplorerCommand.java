package org.plasma4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plasma4j.explorer.Explorer;
import org.plasma4j.explorer.ExplorerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code plasma explorer}: the block explorer and web wallet (docs/explorer.md) on a local port,
 * reading an operator, a watcher and the root chain. Without URLs it reads the running devnet's.
 */
@Command(
    name = "explorer",
    mixinStandardHelpOptions = true,
    description = "Serve the block explorer and web wallet for a Plasma chain.")
public final class ExplorerCommand implements Callable<Integer> {

  @ParentCommand
  PlasmaCli root;

  @Option(names = "--operator", description = "operator JSON-RPC URL (default: the devnet's)")
  String operator;

  @Option(
      names = "--watcher",
      description = "watcher JSON-RPC URL (default: the devnet's, else http://127.0.0.1:9657)")
  String watcher;

  @Option(names = "--l1", description = "root-chain JSON-RPC URL (default: the devnet's)")
  String l1;

  @Option(names = "--framework", description = "PlasmaFramework address (default: the devnet's)")
  String framework;

  @Option(
      names = "--devnet-file",
      paramLabel = "<file>",
      description = "a devnet.json to take the defaults from (default: .plasma/devnet.json under"
          + " PLASMA_HOME)")
  Path devnetFile;

  @Option(
      names = "--start-block",
      description = "root-chain block the framework was deployed in (default: the devnet file's"
          + " deployedAt when the framework is the devnet's, else 0)")
  Long startBlock;

  @Option(
      names = "--confirmations",
      description = "root-chain confirmations before an event is shown (default: 0 on the"
          + " devnet's root chain, else 12)")
  Integer confirmations;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "interface to listen on (default ${DEFAULT-VALUE})")
  String host;

  @Option(
      names = "--port",
      defaultValue = "9680",
      description = "port to listen on (default ${DEFAULT-VALUE})")
  int port;

  @Override
  public Integer call() throws Exception {
    try (Explorer explorer = Explorer.start(config())) {
      System.out.println("explorer and web wallet on " + explorer.url());
      Shutdown.await();
    }
    return 0;
  }

  /** What the options and the devnet file say to serve. */
  ExplorerConfig config() {
    Path file = devnetFile != null ? devnetFile : DevnetConfig.path(root.env());
    JsonNode devnet = read(file);
    return new ExplorerConfig(
        URI.create(pick(operator, devnet, "operatorRpc", "--operator")),
        URI.create(
            watcher != null
                ? watcher
                : field(devnet, "watcherRpc").orElse("http://127.0.0.1:9657")),
        URI.create(pick(l1, devnet, "ethRpc", "--l1")),
        WalletOptions.address(pick(framework, devnet, "framework", "--framework"), "--framework"),
        StartBlock.resolve(startBlock, framework == null, DevnetConfig.load(file)),
        WatcherCommand.confirmations(confirmations, l1, DevnetConfig.load(file)),
        host,
        port,
        java.time.Duration.ofSeconds(5));
  }

  private static JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static Optional<String> field(JsonNode json, String name) {
    JsonNode n = json == null ? null : json.get(name);
    return n == null || n.isNull() || n.asText().isBlank()
        ? Optional.empty()
        : Optional.of(n.asText());
  }

  private static String pick(String given, JsonNode devnet, String field, String option) {
    if (given != null) {
      return given;
    }
    return field(devnet, field)
        .orElseThrow(() -> new IllegalArgumentException(
            option + " is required (no devnet file with '" + field + "' found)"));
  }
}
