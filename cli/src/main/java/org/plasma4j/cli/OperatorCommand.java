package org.plasma4j.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.types.Address;
import org.plasma4j.operator.service.FeeScheduleFile;
import org.plasma4j.operator.service.OperatorConfig;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.rootchain.Web3jRootChain;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code plasma operator}: the child-chain node against any Ethereum JSON-RPC endpoint. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description =
        "Run a Plasma operator against a deployed framework on any Ethereum JSON-RPC node.")
public final class OperatorCommand implements Callable<Integer> {

  static final String DEFAULT_KEY_ENV = "PLASMA_OPERATOR_KEY";

  @ParentCommand
  PlasmaCli root;

  @Option(
      names = "--eth-rpc",
      required = true,
      paramLabel = "<url>",
      description =
          "Root-chain JSON-RPC URL: any Ethereum node (geth, Nethermind, Erigon, a provider's endpoint, anvil).")
  String ethRpc;

  @Option(
      names = "--framework",
      required = true,
      paramLabel = "<0x..>",
      description =
          "The deployed PlasmaFramework's address; its operator() must be the key's account.")
  String framework;

  @Option(
      names = "--key-env",
      defaultValue = DEFAULT_KEY_ENV,
      paramLabel = "<name>",
      description =
          "Environment variable holding the operator's private key (default ${DEFAULT-VALUE}); keys never go on the command line.")
  String keyEnv;

  @Option(
      names = "--data-dir",
      defaultValue = "plasma-data",
      paramLabel = "<dir>",
      description =
          "RocksDB directory: the ledger, every block and every acknowledged payment; back it up (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--rpc-host",
      defaultValue = "127.0.0.1",
      paramLabel = "<host>",
      description =
          "Interface the JSON-RPC server binds (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String rpcHost;

  @Option(
      names = "--rpc-port",
      defaultValue = "9545",
      paramLabel = "<port>",
      description = "Port of the JSON-RPC server (default ${DEFAULT-VALUE}; 0 for any free port).")
  int rpcPort;

  @Option(
      names = "--rpc-threads",
      defaultValue = "64",
      paramLabel = "<n>",
      description =
          "Request threads; a send holds one until its group commit, so many let sends share an fsync (default ${DEFAULT-VALUE}).")
  int rpcThreads;

  @Mixin
  RpcLimitOptions rpcLimits;

  @Mixin
  MetricsOptions metrics;

  @Mixin
  ConfigOption config;

  @Option(
      names = "--keystore",
      paramLabel = "<file>",
      description = "Read the operator's key from this Ethereum V3 keystore instead of --key-env;"
          + " its password from --password-file.")
  Path keystore;

  @Option(
      names = "--password-file",
      paramLabel = "<file>",
      description = "File holding the --keystore password.")
  Path passwordFile;

  @Option(
      names = "--fees",
      required = true,
      paramLabel = "<file|token=amount,..>",
      description =
          "Fee schedule: a JSON file {token: amount} or token=amount[,token=amount], in base units (wei); 1 to 4 tokens, 0x0 is ETH.")
  String fees;

  @Option(
      names = "--fee-beneficiary",
      required = true,
      paramLabel = "<0x..>",
      description =
          "Owner of the collected fees on the child chain. Not the operator's account: that key only submits blocks, and"
              + " should hold no more than their gas.")
  String feeBeneficiary;

  @Option(
      names = "--block-interval-ms",
      defaultValue = "1000",
      paramLabel = "<ms>",
      description =
          "How often a block is formed while payments are pending (default ${DEFAULT-VALUE}).")
  long blockIntervalMs;

  @Option(
      names = "--max-block-size",
      defaultValue = "65536",
      paramLabel = "<n>",
      description =
          "Transactions per block, the fee transaction included: 2 to 65536 (default ${DEFAULT-VALUE}).")
  int maxBlockSize;

  @Option(
      names = "--coin-block-period-ms",
      defaultValue = "0",
      paramLabel = "<ms>",
      description =
          "Carry coin transfers only in a block at least this long after the last that did; "
              + "fewer coin blocks, smaller coin histories (default ${DEFAULT-VALUE}: every block).")
  long coinBlockPeriodMs;

  @Option(
      names = "--confirmations",
      defaultValue = "12",
      paramLabel = "<n>",
      description =
          "Root-chain confirmations before deposits and exit events count: deeper than any reorg you expect (default ${DEFAULT-VALUE}).")
  int confirmations;

  @Option(
      names = "--start-block",
      paramLabel = "<n>",
      description =
          "Root-chain block the framework was deployed in, where following starts (default: the devnet file's, when"
              + " --framework and --eth-rpc are the running devnet's, else 0); checked on chain.")
  Long startBlock;

  @Option(
      names = "--max-fee-gwei",
      defaultValue = "500",
      paramLabel = "<gwei>",
      description =
          "Cap on the max fee per gas a block submission may offer (default ${DEFAULT-VALUE}).")
  long maxFeeGwei;

  /**
   * The operator's key: from a keystore if one is given, else from the {@code --key-env} variable.
   */
  private Credentials credentials() {
    if (keystore != null) {
      if (passwordFile == null) {
        throw new IllegalArgumentException("--keystore needs --password-file");
      }
      return org.plasma4j.wallet.WalletKey.fromKeystore(keystore, passwordFile).credentials();
    }
    String keyHex = root.env().get(keyEnv);
    if (keyHex == null || keyHex.isBlank()) {
      throw new IllegalArgumentException(
          "set " + keyEnv + " to the operator's private key, or give --keystore");
    }
    return Credentials.create(keyHex.trim());
  }

  /**
   * {@code --start-block}, else the devnet file's deployment block when this operator runs the
   * devnet's framework on the devnet's root chain.
   */
  long startBlock(DevnetConfig devnet, Address frameworkAddress) {
    boolean devnetContracts = devnet.ethRpc().filter(ethRpc::equals).isPresent()
        && devnet
            .framework()
            .filter(f ->
                WalletOptions.address(f, "the devnet file's framework").equals(frameworkAddress))
            .isPresent();
    return StartBlock.resolve(startBlock, devnetContracts, devnet);
  }

  @Override
  public Integer call() throws Exception {
    // every argument is checked before the node touches its data or the root chain
    Credentials credentials = credentials();
    PrivateKey key = PrivateKey.fromHex(org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(
        credentials.getEcKeyPair().getPrivateKey(), 64));
    Address frameworkAddress = WalletOptions.address(framework, "--framework");
    Address beneficiary = WalletOptions.address(feeBeneficiary, "--fee-beneficiary");
    if (beneficiary.equals(key.address())) {
      throw new IllegalArgumentException(
          "--fee-beneficiary is the operator's own account " + beneficiary
              + ": that key submits blocks and should hold no more than their gas; name another account");
    }
    FeeSchedule schedule = Path.of(fees).toFile().isFile()
        ? FeeScheduleFile.read(Path.of(fees))
        : FeeScheduleFile.parse(fees);
    long start = startBlock(DevnetConfig.load(root.env()), frameworkAddress);
    OperatorConfig config = OperatorConfig.devnet(dataDir, schedule, beneficiary, key)
        .with(c -> {
          c.rpcHost = rpcHost;
          c.rpcPort = rpcPort;
          c.rpcThreads = rpcThreads;
          c.blockInterval = Duration.ofMillis(blockIntervalMs);
          c.maxBlockSize = maxBlockSize;
          c.depositConfirmations = confirmations;
          c.maxFeePerGasCap = BigInteger.valueOf(maxFeeGwei).multiply(BigInteger.TEN.pow(9));
          c.startL1Block = start;
          c.coinBlockPeriod = Duration.ofMillis(coinBlockPeriodMs);
          c.rpcLimits = rpcLimits.limits();
        });
    Web3j web3j = Web3j.build(new HttpService(ethRpc));
    StartBlock.check(web3j, frameworkAddress, start);
    Web3jRootChain rootChain =
        new Web3jRootChain(web3j, frameworkAddress, Optional.of(credentials));
    // the operator follows every game's events: outputs that leave through in-flight or mass exits,
    // and coins that leave through the cash game, stop being served
    try (OperatorNode node = OperatorNode.builder(config, rootChain, rootChain).build()) {
      node.start();
      System.out.printf(
          "operator serving JSON-RPC on http://%s:%d for framework %s; fees to %s%n",
          rpcHost, node.rpcPort(), frameworkAddress, beneficiary);
      if (metrics.enabled()) {
        int port = node.serveEndpoints(metrics.host, metrics.port, metrics.maxLagBlocks);
        System.out.printf(
            "metrics on http://%s:%d/metrics, health on /health, readiness on /ready%n",
            metrics.host, port);
      }
      Shutdown.await();
    } finally {
      web3j.shutdown();
    }
    return 0;
  }
}
