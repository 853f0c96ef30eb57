package org.plasma4j.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.types.Address;
import org.plasma4j.operator.hostile.Hostility;
import org.plasma4j.operator.service.FeeScheduleFile;
import org.plasma4j.operator.service.OperatorConfig;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.rootchain.Web3jCashGameEvents;
import org.plasma4j.rootchain.Web3jExitGameEvents;
import org.plasma4j.rootchain.Web3jRootChain;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plasma operator}: the child-chain node against any Ethereum JSON-RPC endpoint. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = "Run a Plasma operator against a deployed framework on any Ethereum JSON-RPC node.")
public final class OperatorCommand implements Callable<Integer> {

  @Option(names = "--eth-rpc", required = true, description = "root-chain JSON-RPC URL")
  String ethRpc;

  @Option(names = "--framework", required = true, description = "PlasmaFramework contract address")
  String framework;

  @Option(names = "--key-env", defaultValue = "PLASMA_OPERATOR_KEY",
      description = "environment variable holding the operator's private key (default ${DEFAULT-VALUE}); keys never go on the command line")
  String keyEnv;

  @Option(names = "--data-dir", defaultValue = "plasma-data", description = "RocksDB directory (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--rpc-host", defaultValue = "127.0.0.1") String rpcHost;

  @Option(names = "--rpc-port", defaultValue = "9545") int rpcPort;

  @Option(names = "--fees", required = true,
      description = "fee schedule: a JSON file {token: amount} or token=amount[,token=amount] in base units")
  String fees;

  @Option(names = "--fee-beneficiary", description = "owner of collected fees (default: the operator)")
  String feeBeneficiary;

  @Option(names = "--block-interval-ms", defaultValue = "1000") long blockIntervalMs;

  @Option(names = "--max-block-size", defaultValue = "65536") int maxBlockSize;

  @Option(names = "--coin-block-period-ms", defaultValue = "0",
      description = "carry coin transfers only in a block at least this long after the last that did; "
          + "fewer coin blocks, smaller coin histories (default ${DEFAULT-VALUE}: every block)")
  long coinBlockPeriodMs;

  @Option(names = "--confirmations", defaultValue = "12", description = "root-chain confirmations before deposits count (default ${DEFAULT-VALUE})")
  int confirmations;

  @Option(names = "--start-block", defaultValue = "0", description = "root-chain block the framework was deployed in")
  long startBlock;

  @Option(names = "--max-fee-gwei", defaultValue = "500", description = "cap on the max fee per gas of block submissions")
  long maxFeeGwei;

  @Override
  public Integer call() throws Exception {
    String keyHex = System.getenv(keyEnv);
    if (keyHex == null || keyHex.isBlank()) {
      throw new IllegalArgumentException("set " + keyEnv + " to the operator's private key");
    }
    PrivateKey key = PrivateKey.fromHex(keyHex.trim());
    Address beneficiary = feeBeneficiary == null ? key.address() : Address.fromHex(feeBeneficiary);
    FeeSchedule schedule = Path.of(fees).toFile().isFile() ? FeeScheduleFile.read(Path.of(fees)) : FeeScheduleFile.parse(fees);
    OperatorConfig defaults = OperatorConfig.devnet(dataDir, schedule, beneficiary, key);
    OperatorConfig config =
        new OperatorConfig(rpcHost, rpcPort, defaults.rpcThreads(), dataDir, Duration.ofMillis(blockIntervalMs),
            maxBlockSize, confirmations, schedule, beneficiary, key, defaults.pollInterval(),
            BigInteger.valueOf(maxFeeGwei).multiply(BigInteger.TEN.pow(9)), startBlock, Hostility.honest(),
            Duration.ofMillis(coinBlockPeriodMs));
    Web3j web3j = Web3j.build(new HttpService(ethRpc));
    Web3jRootChain rootChain =
        new Web3jRootChain(web3j, Address.fromHex(framework), Optional.of(Credentials.create(keyHex.trim())));
    // the operator stops serving outputs that leave through in-flight or mass exits
    try (OperatorNode node = new OperatorNode(config, rootChain,
        Optional.of(Web3jExitGameEvents.forFramework(web3j, Address.fromHex(framework))),
        Optional.of(Web3jCashGameEvents.forFramework(web3j, Address.fromHex(framework))))) {
      node.start();
      System.out.printf("operator serving JSON-RPC on http://%s:%d for framework %s%n", rpcHost, node.rpcPort(), framework);
      Shutdown.await();
    } finally {
      web3j.shutdown();
    }
    return 0;
  }
}
