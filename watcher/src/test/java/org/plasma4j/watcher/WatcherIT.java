package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.operator.service.OperatorConfig;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.FrameworkDeployer;
import org.plasma4j.rootchain.FrameworkDeployer.FrameworkParams;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.MassExitClient;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.WalletKey;
import org.plasma4j.watcher.challenge.FrameworkExitChallenger;
import org.plasma4j.watcher.childchain.LocalHttp;
import org.plasma4j.watcher.events.ByzantineEvent;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * The watcher against a real anvil and a real operator: the former owner of a spent output exits
 * it; the watcher reports invalid_exit, challenges with its own key and collects the bond; a
 * restart on the same data directory resumes without reporting anything twice.
 */
class WatcherIT {

  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final BigInteger FEE = ETHER.divide(BigInteger.valueOf(10_000));
  static final int ALICE = 2;
  static final int BOB = 3;
  static final int WATCHER = 5;

  AnvilNode anvil;
  Web3j web3j;
  Address framework;
  FrameworkParams params;
  OperatorNode operator;
  Path watcherDir;

  @BeforeEach
  void chain() throws Exception {
    anvil = AnvilNode.start();
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    Credentials operatorKey = creds(DevAccounts.OPERATOR);
    FrameworkParams defaults = FrameworkParams.defaults(address(DevAccounts.OPERATOR));
    params = new FrameworkParams(
        defaults.operator(), 3600, defaults.exitBond(), defaults.processBounty());
    framework = new FrameworkDeployer(web3j, creds(DevAccounts.DEPLOYER)).deployFramework(params);
    OperatorConfig config = OperatorConfig.devnet(
            Files.createTempDirectory("watcher-it-operator-"),
            FeeSchedule.of(Address.ETH, FEE),
            address(9),
            PrivateKey.fromHex(DevAccounts.privateKey(DevAccounts.OPERATOR)))
        .withRpc("127.0.0.1", 0)
        .withBlocks(Duration.ofMillis(200), 65_536)
        .withRootChainFollowing(0, Duration.ofMillis(200), 0);
    Web3jRootChain operatorChain = new Web3jRootChain(web3j, framework, Optional.of(operatorKey));
    operator = OperatorNode.builder(config, operatorChain, operatorChain).build();
    operator.start();
    watcherDir = Files.createTempDirectory("watcher-it-");
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    if (web3j != null) {
      web3j.shutdown();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  @Test
  void anExitOfASpentOutputIsChallengedByTheWatcherWhichCollectsTheBondAndResumesAfterARestart()
      throws Exception {
    String operatorUrl = "http://127.0.0.1:" + operator.rpcPort();
    PlasmaWallet alice = PlasmaWallet.connect(
        WalletKey.fromHex(DevAccounts.privateKey(ALICE)), operatorUrl, anvil.rpcUrl(), framework);
    Web3jRootChain reader = new Web3jRootChain(web3j, framework, Optional.empty());

    long deposit = alice.deposit(Address.ETH, ETHER).position();
    awaitTrue(
        "the operator to see the deposit", () -> alice.l2Balance(Address.ETH).signum() > 0);
    var spend = alice.awaitInclusion(
        alice.send(address(BOB), Address.ETH, ETHER.divide(BigInteger.TWO)),
        Duration.ofSeconds(30));
    awaitTrue(
        "the block to be submitted",
        () -> reader.blockCommitment(spend.blkNum()).isPresent());

    // Alice exits the deposit she already spent
    DepositEvent d =
        reader.events(0, reader.headBlockNumber(), RootChain.DepositEvent.class).stream()
            .filter(e -> OutputPosition.of(e.blkNum(), 0, 0).encode() == deposit)
            .findFirst()
            .orElseThrow();
    byte[] txBytes = Deposit.transaction(d.owner(), d.token(), d.amount()).encode();
    new FrameworkClient(web3j, creds(ALICE), framework)
        .startStandardExit(
            deposit, txBytes, MerkleTree.build(List.of(txBytes)).proof(0).toArray(), d.timestamp());

    FrameworkClient watcherL1 = new FrameworkClient(web3j, creds(WATCHER), framework);
    FrameworkExitChallenger challenger = new FrameworkExitChallenger(
        watcherL1,
        InFlightExitClient.forFramework(web3j, creds(WATCHER), framework),
        MassExitClient.forFramework(web3j, creds(WATCHER), framework));
    BigInteger before = watcherL1.ethBalance(address(WATCHER));
    // the watcher reaches the operator through a proxy that records the methods it asks for
    List<String> methods = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.net.http.HttpClient forward = java.net.http.HttpClient.newHttpClient();
    com.sun.net.httpserver.HttpServer proxy = LocalHttp.serve(ex -> {
      try (ex) {
        byte[] request = ex.getRequestBody().readAllBytes();
        methods.add(new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(request)
            .path("method")
            .asText());
        byte[] answer = forward
            .send(
                java.net.http.HttpRequest.newBuilder(URI.create(operatorUrl))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(request))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray())
            .body();
        ex.sendResponseHeaders(200, answer.length);
        ex.getResponseBody().write(answer);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    WatcherConfig config = WatcherConfig.defaults(LocalHttp.uri(proxy), watcherDir)
        .withRpc("127.0.0.1", 0)
        .withFollowing(0, Duration.ofMillis(200), 0)
        .withTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(5));

    List<ByzantineEvent> events;
    WatcherStatus status;
    try (WatcherNode watcher = WatcherNode.open(config, reader, Optional.of(challenger))) {
      watcher.startWithoutPolling();
      awaitTrue("the watcher to challenge", () -> {
        watcher.pollOnce();
        return watcher.status().challengesSent() == 1;
      });
      watcher.pollOnce(); // sees its own ExitChallenged: nothing more to do
      events = watcher.byzantineEvents(0);
      status = watcher.status();
    }

    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo("invalid_exit");
      assertThat(e.details())
          .containsEntry("position", Long.toString(deposit))
          .containsEntry("owner", address(ALICE).toHex())
          .containsEntry(
              "spentAt",
              Long.toString(
                  OutputPosition.of(spend.blkNum(), spend.txIndex(), 0).encode()));
    });
    assertThat(status.lastValidatedBlock()).isEqualTo(spend.blkNum());
    // the blocks were read in the packed form only
    assertThat(methods).contains("plasma_getBlockBody").doesNotContain("plasma_getBlock");
    assertThat(status.firstBadBlock()).isZero();
    assertThat(status.challenger()).isEqualTo(address(WATCHER).toHex());
    // the bond arrived, to the wei, net of the gas of the commit and the reveal
    List<TransactionReceipt> receipts = challenger.receipts();
    assertThat(receipts).hasSize(2);
    BigInteger gas = receipts.stream()
        .map(r -> r.getGasUsed().multiply(Numeric.decodeQuantity(r.getEffectiveGasPrice())))
        .reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(watcherL1.ethBalance(address(WATCHER)).subtract(before))
        .isEqualTo(params.exitBond().subtract(gas));
    PlasmaFramework view = PlasmaFramework.load(
        framework.toHex(),
        web3j,
        new ReadonlyTransactionManager(web3j, address(WATCHER).toHex()),
        new StaticGasProvider(BigInteger.ZERO, BigInteger.valueOf(3_000_000)));
    assertThat(view.exits(BigInteger.valueOf(deposit)).send().component4())
        .isEqualTo(BigInteger.TWO); // Challenged

    // a restart on the same data directory resumes: same status, nothing reported twice
    try (WatcherNode watcher = WatcherNode.open(config, reader, Optional.of(challenger))) {
      watcher.startWithoutPolling();
      assertThat(watcher.status().lastValidatedBlock()).isEqualTo(status.lastValidatedBlock());
      watcher.pollOnce();
      assertThat(watcher.byzantineEvents(0)).isEqualTo(events);
      WatcherStatus resumed = watcher.status();
      assertThat(resumed.lastValidatedBlock()).isEqualTo(status.lastValidatedBlock());
      assertThat(resumed.lastValidBlock()).isEqualTo(status.lastValidBlock());
      assertThat(resumed.firstBadBlock()).isEqualTo(status.firstBadBlock());
      assertThat(resumed.byzantineEvents()).isEqualTo(1);
      assertThat(resumed.syncedL1Block()).isGreaterThanOrEqualTo(status.syncedL1Block());
      assertThat(resumed.challengesSent())
          .isZero(); // the chain shows it challenged: nothing to send
    }
    assertThat(challenger.receipts()).hasSize(2);
    proxy.stop(0);
  }

  static Credentials creds(int account) {
    return Credentials.create(DevAccounts.privateKey(account));
  }

  static Address address(int account) {
    return Address.fromHex(creds(account).getAddress());
  }

  static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}
