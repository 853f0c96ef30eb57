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

  @Option(names = "--eth-port", defaultValue = "8545", description = "anvil's port (default ${DEFAULT-VALUE}).")
  int ethPort;

  @Option(names = "--rpc-port", defaultValue = "9545", description = "the operator's JSON-RPC port (default ${DEFAULT-VALUE}).")
  int rpcPort;

  @Option(names = "--exit-period", defaultValue = "3600", description = "minimum exit period in seconds (default ${DEFAULT-VALUE}).")
  long exitPeriod;

  @Override
  public Integer call() throws Exception {
    Devnet.Options options =
        new Devnet.Options(ethPort, rpcPort, exitPeriod, java.time.Duration.ofSeconds(1), 65_536, java.util.Optional.empty(), true);
    try (Devnet devnet = Devnet.start(options)) {
      System.out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(devnet.describe()));
      System.out.println("devnet running; the wallet CLI reads .plasma/devnet.json. Ctrl-C stops it.");
      Shutdown.await();
    }
    return 0;
  }
}
