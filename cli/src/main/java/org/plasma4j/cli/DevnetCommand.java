package org.plasma4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.concurrent.Callable;
import org.plasma4j.devnet.Devnet;
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
    Devnet.Options options = new Devnet.Options(
        ethPort,
        rpcPort,
        exitPeriod,
        java.time.Duration.ofSeconds(1),
        65_536,
        java.util.Optional.ofNullable(dataDir),
        true);
    try (Devnet devnet = Devnet.start(options)) {
      System.out.println(new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(devnet.describe()));
      System.out.println(
          "devnet running; the wallet CLI reads .plasma/devnet.json. Ctrl-C stops it.");
      Shutdown.await();
    }
    return 0;
  }
}
