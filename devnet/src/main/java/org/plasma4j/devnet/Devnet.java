package org.plasma4j.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.types.Address;
import org.plasma4j.devnet.hostile.Hostility;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.operator.service.OperatorConfig;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.FrameworkDeployer;
import org.plasma4j.rootchain.FrameworkDeployer.FrameworkParams;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.WalletKey;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A whole Plasma chain on one machine: a fresh anvil, the framework and a test token deployed on
 * it, the token minted to the dev accounts, and an operator node following the chain. Dev account 0
 * deploys, account 1 operates and collects fees, accounts 2.. are users.
 */
public final class Devnet implements AutoCloseable {

  public static final BigInteger ETHER = BigInteger.TEN.pow(18);
  /** Flat fees: 0.0001 ETH, or 1 token (18 decimals) for token payments. */
  public static final BigInteger ETH_FEE = ETHER.divide(BigInteger.valueOf(10_000));

  public static final BigInteger TOKEN_FEE = ETHER;

  /**
   * Owner of the fee outputs. Not the operator account: that one only submits blocks, because each
   * block's nonce is derived from its number, so it could not also send exits.
   */
  public static final int FEE_COLLECTOR = 9;

  private static final BigInteger MINTED_PER_USER = ETHER.multiply(BigInteger.valueOf(1_000_000));

  private final Options options;
  private final AnvilNode anvil;
  private final Web3j web3j;
  private final Address framework;
  private final FrameworkDeployer.Deployment deployment;
  private final Address token;
  private final FrameworkParams params;
  private final OperatorNode operator;
  private final int operatorMetricsPort;
  private final Path dataDir;

  /**
   * @param operatorPort 0 for any free port; minExitPeriod in seconds
   * @param hostility {@link Hostility#honest()} except for the hostile-operator demo and attack
   *     tests
   */
  public record Options(
      int anvilPort,
      int operatorPort,
      long minExitPeriodSeconds,
      Duration blockInterval,
      int maxBlockSize,
      Optional<Path> dataDir,
      boolean writeDevnetJson,
      Hostility hostility) {

    public Options(
        int anvilPort,
        int operatorPort,
        long minExitPeriodSeconds,
        Duration blockInterval,
        int maxBlockSize,
        Optional<Path> dataDir,
        boolean writeDevnetJson) {
      this(
          anvilPort,
          operatorPort,
          minExitPeriodSeconds,
          blockInterval,
          maxBlockSize,
          dataDir,
          writeDevnetJson,
          Hostility.honest());
    }

    public static Options defaults() {
      return new Options(0, 0, 3600, Duration.ofMillis(500), 65_536, Optional.empty(), false);
    }

    /**
     * These options with blocks formed only when a story asks ({@link Devnet#formBlock}), so each
     * step lands in a block of its own, and the given exit period and operator behaviour.
     */
    public Options storyPaced(long minExitPeriodSeconds, Hostility hostility) {
      return new Options(
          anvilPort,
          operatorPort,
          minExitPeriodSeconds,
          Duration.ofHours(1),
          maxBlockSize,
          dataDir,
          writeDevnetJson,
          hostility);
    }

    public Options withPorts(int anvil, int operator) {
      return new Options(
          anvil,
          operator,
          minExitPeriodSeconds,
          blockInterval,
          maxBlockSize,
          dataDir,
          writeDevnetJson,
          hostility);
    }

    public Options withBlocks(Duration interval, int maxSize) {
      return new Options(
          anvilPort,
          operatorPort,
          minExitPeriodSeconds,
          interval,
          maxSize,
          dataDir,
          writeDevnetJson,
          hostility);
    }

    public Options writingDevnetJson() {
      return new Options(
          anvilPort,
          operatorPort,
          minExitPeriodSeconds,
          blockInterval,
          maxBlockSize,
          dataDir,
          true,
          hostility);
    }

    public Options withHostility(Hostility h) {
      return new Options(
          anvilPort,
          operatorPort,
          minExitPeriodSeconds,
          blockInterval,
          maxBlockSize,
          dataDir,
          writeDevnetJson,
          h);
    }
  }

  private Devnet(Options options) {
    requireFree(options.anvilPort(), "anvil");
    requireFree(options.operatorPort(), "the operator's JSON-RPC");
    this.options = options;
    this.anvil = AnvilNode.start(new AnvilNode.Options(options.anvilPort(), 0));
    try {
      this.web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
      Credentials operatorKey = credentials(DevAccounts.OPERATOR);
      Address operatorAddress = Address.fromHex(operatorKey.getAddress());
      this.params = FrameworkParams.defaults(operatorAddress)
          .withMinExitPeriod(options.minExitPeriodSeconds());
      FrameworkDeployer deployer = new FrameworkDeployer(web3j, credentials(DevAccounts.DEPLOYER));
      this.deployment = deployer.deploy(params);
      this.framework = deployment.framework();
      this.token = deployer.deployDevToken("Plasma Dev Token", "PDT");
      FrameworkClient minter =
          new FrameworkClient(web3j, credentials(DevAccounts.DEPLOYER), framework);
      for (int i = 2; i < DevAccounts.COUNT; i++) {
        minter.mint(token, address(i), MINTED_PER_USER);
      }
      this.dataDir = options.dataDir().orElseGet(Devnet::tempDir);
      this.operator = startOperator(web3j, framework, token, dataDir, options);
      this.operatorMetricsPort = operator.serveEndpoints("127.0.0.1", 0, 10);
      if (options.writeDevnetJson()) {
        writeDevnetJson();
      }
    } catch (RuntimeException e) {
      anvil.close();
      throw e;
    }
  }

  /**
   * The devnet's operator: account 1, flat fees in ETH and the dev token, no confirmations (anvil
   * has no reorgs unless a test asks for one), polling every 200 ms, following the exit games
   * registered with the framework, the cash game's coins included. Tests use it to restart an
   * operator on the same data directory.
   */
  public static OperatorNode startOperator(
      Web3j web3j, Address framework, Address token, Path dataDir, Options options) {
    Credentials operatorKey = credentials(DevAccounts.OPERATOR);
    FeeSchedule fees = new FeeSchedule(Map.of(Address.ETH, ETH_FEE, token, TOKEN_FEE));
    OperatorConfig config = OperatorConfig.devnet(
            dataDir,
            fees,
            address(FEE_COLLECTOR),
            PrivateKey.fromHex(DevAccounts.privateKey(DevAccounts.OPERATOR)))
        .withRpc("127.0.0.1", options.operatorPort())
        .withBlocks(options.blockInterval(), options.maxBlockSize())
        .withRootChainFollowing(0, Duration.ofMillis(200), 0);
    Web3jRootChain rootChain = new Web3jRootChain(web3j, framework, Optional.of(operatorKey));
    OperatorNode node = options
        .hostility()
        .wire(OperatorNode.builder(config, rootChain, rootChain))
        .build();
    node.start();
    return node;
  }

  /**
   * Forms {@code operator}'s next block from what is pending (and injected) and, unless it has
   * stopped submitting, polls until its submission is confirmed: only then does the operator serve
   * the block's exit data. For stories and tests that form blocks by hand.
   */
  public static BlockRecord formBlock(OperatorNode operator) {
    BlockRecord block = operator.writer().formBlock().join().orElseThrow();
    operator.pollRootChain();
    for (int polls = 1;
        operator.submitter().open() && operator.submitter().lastSubmitted() < block.blkNum();
        polls++) {
      if (polls >= 50) {
        throw new IllegalStateException(
            "block " + block.blkNum() + " not confirmed after " + polls + " polls");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      operator.pollRootChain();
    }
    return block;
  }

  public static Devnet start(Options options) {
    return new Devnet(options);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("plasma-devnet-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Credentials credentials(int account) {
    return Credentials.create(DevAccounts.privateKey(account));
  }

  public static Address address(int account) {
    return Address.fromHex(credentials(account).getAddress());
  }

  public AnvilNode anvil() {
    return anvil;
  }

  public Web3j web3j() {
    return web3j;
  }

  public Address framework() {
    return framework;
  }

  public Address token() {
    return token;
  }

  /** The framework and the in-flight and mass exit games registered with it. */
  public FrameworkDeployer.Deployment deployment() {
    return deployment;
  }

  public FrameworkParams params() {
    return params;
  }

  public OperatorNode operator() {
    return operator;
  }

  public String operatorRpcUrl() {
    return "http://127.0.0.1:" + operator.rpcPort();
  }

  /** The operator's monitoring port: /metrics, /health and /ready (docs/operations.md). */
  public String operatorMetricsUrl() {
    return "http://127.0.0.1:" + operatorMetricsPort;
  }

  /** A wallet for dev account {@code account} on this devnet. */
  public PlasmaWallet wallet(int account) {
    return PlasmaWallet.connect(
        WalletKey.fromHex(DevAccounts.privateKey(account)),
        operatorRpcUrl(),
        anvil.rpcUrl(),
        framework);
  }

  /** What `./plasma devnet` prints and writes to .plasma/devnet.json for the wallet CLI. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ethRpc", anvil.rpcUrl());
    out.put("operatorRpc", operatorRpcUrl());
    out.put("operatorMetrics", operatorMetricsUrl() + "/metrics");
    out.put("chainId", AnvilNode.CHAIN_ID);
    out.put("framework", framework.toHex());
    out.put("deployedAt", deployment.deployedAt());
    out.put("inFlightExitGame", deployment.inFlightExitGame().toHex());
    out.put("massExitGame", deployment.massExitGame().toHex());
    out.put("token", token.toHex());
    out.put("operator", params.operator().toHex());
    out.put("minExitPeriodSeconds", params.minExitPeriodSeconds());
    out.put("exitBondWei", params.exitBond().toString());
    out.put("dataDir", dataDir.toString());
    List<Map<String, String>> accounts = IntStream.range(0, DevAccounts.COUNT)
        .mapToObj(i -> Map.of(
            "role", role(i),
            "address", address(i).toHex(),
            "privateKey", DevAccounts.privateKey(i)))
        .toList();
    out.put("accounts", accounts);
    return out;
  }

  /**
   * What a dev account does on the devnet: the fee collector receives every block's fees on the
   * child chain.
   */
  public static String role(int account) {
    return account == DevAccounts.DEPLOYER
        ? "deployer"
        : account == DevAccounts.OPERATOR
            ? "operator (submits blocks)"
            : account == FEE_COLLECTOR ? "fee collector (the operator's fees)" : "user";
  }

  /**
   * Refuses, before anything starts, ports that something already listens on: a devnet started
   * twice would otherwise deploy onto the anvil of the one running and fail only when its operator
   * cannot bind.
   */
  static void requireFree(int port, String what) {
    if (port == 0) {
      return;
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new PortInUse(port, what);
    }
  }

  /** A devnet port already in use: another devnet (or node) runs there. */
  public static final class PortInUse extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PortInUse(int port, String what) {
      super("port " + port + " (" + what
          + ") is in use: is another devnet running? Stop it, or choose other ports"
          + " with --eth-port and --rpc-port");
    }
  }

  private void writeDevnetJson() {
    try {
      Path file = org.plasma4j.devtools.ToolPaths.home().resolve(".plasma/devnet.json");
      Files.createDirectories(file.getParent());
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(file.toFile(), describe());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write devnet.json", e);
    }
  }

  @Override
  public void close() {
    try {
      operator.close();
    } finally {
      web3j.shutdown();
      anvil.close();
    }
  }
}
