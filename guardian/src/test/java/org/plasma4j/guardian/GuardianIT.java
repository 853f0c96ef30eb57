package org.plasma4j.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.operator.chain.SubmissionPort;
import org.plasma4j.operator.ledger.BlockAssembly;
import org.plasma4j.operator.service.OperatorConfig;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.rootchain.FrameworkDeployer;
import org.plasma4j.rootchain.FrameworkDeployer.FrameworkParams;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.WalletKey;
import org.plasma4j.watcher.WatcherConfig;
import org.plasma4j.watcher.WatcherNode;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Attack j on a real anvil with a real operator and watcher: the operator stops submitting blocks
 * (and, in a second run, stops answering too) while Alice has a payment to Bob in flight. Alice's
 * guardian notices the payment is never included, exits her other deposit, starts the in-flight
 * exit and piggybacks her input and change; Bob's guardian piggybacks his output; after the exit
 * period Alice's guardian processes the exits. Both end whole on the root chain, to the wei.
 */
class GuardianIT {

  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final BigInteger FEE = ETHER.divide(BigInteger.valueOf(10_000));
  private static final long MEP = 3600;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration INCLUSION_TIMEOUT = Duration.ofSeconds(3);

  @TempDir
  Path dir;

  private AnvilNode anvil;
  private Web3j web3j;
  private Address framework;
  /** The root-chain block the framework was deployed in, where every reader of it starts. */
  private long deployedAt;

  private FrameworkParams params;
  private OperatorNode operator;
  private WatcherNode watcher;
  private final List<String> aliceLines = new ArrayList<>();
  private final List<String> bobLines = new ArrayList<>();
  /** Transactions the operator's next block carries without validating them. */
  private final Queue<SignedTransaction> injected = new ConcurrentLinkedQueue<>();
  /** Whether the operator holds its formed blocks back from the root chain. */
  private final AtomicBoolean submissionsHeld = new AtomicBoolean();

  @BeforeEach
  void start() {
    anvil = AnvilNode.start();
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    Credentials operatorKey = credentials(DevAccounts.OPERATOR);
    params =
        FrameworkParams.defaults(Address.fromHex(operatorKey.getAddress())).withMinExitPeriod(MEP);
    FrameworkDeployer.Deployment deployment =
        new FrameworkDeployer(web3j, credentials(DevAccounts.DEPLOYER)).deploy(params);
    framework = deployment.framework();
    deployedAt = deployment.deployedAt();
    OperatorConfig config = OperatorConfig.devnet(
            dir.resolve("operator"),
            new FeeSchedule(Map.of(Address.ETH, FEE)),
            address(9),
            PrivateKey.fromHex(DevAccounts.privateKey(DevAccounts.OPERATOR)))
        .withRpc("127.0.0.1", 0)
        .withBlocks(Duration.ofMillis(300), 65_536)
        .withRootChainFollowing(0, Duration.ofMillis(200), 0);
    Web3jRootChain operatorChain = new Web3jRootChain(web3j, framework, Optional.of(operatorKey));
    operator = OperatorNode.builder(config, operatorChain, operatorChain)
        .blockAssembly(new BlockAssembly() {
          @Override
          public boolean wantsBlock() {
            return !injected.isEmpty();
          }

          @Override
          public List<SignedTransaction> extraTransactions(long blkNum) {
            List<SignedTransaction> out = new ArrayList<>();
            for (SignedTransaction tx; (tx = injected.poll()) != null; ) {
              out.add(tx);
            }
            return out;
          }
        })
        .submissions(port -> new SubmissionPort() {
          // the operator withholds by not submitting while the test says so
          @Override
          public boolean open() {
            return !submissionsHeld.get() && port.open();
          }

          @Override
          public Bytes32 submitBlock(Bytes32 root, BigInteger nonce, BigInteger maxFeePerGas) {
            return port.submitBlock(root, nonce, maxFeePerGas);
          }

          @Override
          public Bytes32 submitBlockWithCoins(
              Bytes32 root, Bytes32 coinRoot, BigInteger nonce, BigInteger maxFeePerGas) {
            return port.submitBlockWithCoins(root, coinRoot, nonce, maxFeePerGas);
          }
        })
        .build();
    operator.start();
    WatcherConfig watcherConfig = WatcherConfig.defaults(
            URI.create(operatorUrl()), dir.resolve("watcher"))
        .withRpc("127.0.0.1", 0)
        .withFollowing(0, Duration.ofMillis(200), 0)
        .watching(Set.of(address(2), address(3)));
    watcher = WatcherNode.open(
        watcherConfig, new Web3jRootChain(web3j, framework, Optional.empty()), Optional.empty());
    watcher.start();
  }

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    if (operator != null) {
      operator.close();
    }
    web3j.shutdown();
    anvil.close();
  }

  /** Attack j; with {@code operatorGoesDown} the operator then stops answering altogether. */
  @ParameterizedTest(name = "operator down: {0}")
  @ValueSource(booleans = {false, true})
  void whenTheOperatorStopsSubmittingBothSidesOfAnInFlightPaymentEndWhole(boolean operatorGoesDown)
      throws Exception {
    PlasmaWallet aliceWallet = wallet(2);
    Guardian alice = guardian(2, aliceLines, new WatcherAdvice(watcher));
    // Bob's guardian reads the same watcher through its JSON-RPC API, as `wallet guard --watcher`
    // does
    Guardian bob = guardian(
        3,
        bobLines,
        new WatcherAdvice(new WatcherRpcClient(
            URI.create("http://127.0.0.1:" + watcher.rpcPort()), Duration.ofSeconds(5))));
    BigInteger aliceStart = balance(address(2));
    BigInteger bobStart = balance(address(3));

    Deposit first = aliceWallet.deposit(Address.ETH, ETHER);
    Deposit second = aliceWallet.deposit(Address.ETH, ETHER.divide(BigInteger.TWO));
    BigInteger deposited = first.amount().add(second.amount());
    BigInteger depositGas =
        gas(first.receipt().txHash()).add(gas(second.receipt().txHash()));
    await(
        "the operator and the watcher see both deposits",
        () -> aliceWallet.utxos().size() == 2
            && new WatcherAdvice(watcher).advice(address(2)).outputs().size() == 2);

    submissionsHeld.set(true);
    BigInteger paid = ETHER.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN);
    Bytes32 payment = new GuardedWallet(aliceWallet, alice, System::currentTimeMillis)
        .send(address(3), Address.ETH, paid);
    long spentPosition = aliceWallet
        .sentTransaction(payment)
        .orElseThrow()
        .tx()
        .inputs()
        .getFirst()
        .encode();
    Deposit spent = spentPosition == first.position() ? first : second;
    Deposit kept = spent == first ? second : first;
    BigInteger change = spent.amount().subtract(paid).subtract(FEE);
    if (operatorGoesDown) {
      operator.close();
      operator = null;
    }
    assertThat(alice.pollOnce().actions())
        .as("within the inclusion timeout all is well")
        .isEmpty();
    assertThat(bob.pollOnce().actions()).isEmpty();

    Thread.sleep(INCLUSION_TIMEOUT.toMillis());
    Plan alarm = alice.pollOnce();
    assertThat(alarm.alarm()).hasValueSatisfying(a -> assertThat(a).contains(payment.toString()));
    assertThat(alarm.actions())
        .extracting(Action::key)
        .containsExactly(
            "ife:" + payment,
            "piggyback:" + payment + ":in:0",
            "piggyback:" + payment + ":out:1",
            "exit:" + kept.position());
    assertThat(alice.journal().report()).hasSize(4).allMatch(ActionRecord::ok);
    await("Bob's guardian piggybacks his output", () -> {
      bob.pollOnce();
      return bob.journal().isDone("piggyback:" + payment + ":out:0");
    });
    InFlightExitState ife = ifeClient()
        .inFlightExit(
            InFlightExitId.of(aliceWallet.sentTransaction(payment).orElseThrow().txBytes()));
    assertThat(ife.piggybackedInputs()).isEqualTo(0b1);
    assertThat(ife.piggybackedOutputs()).isEqualTo(0b11);

    anvil.increaseTime(MEP + 1);
    Plan processing = alice.pollOnce();
    assertThat(processing.actions())
        .containsExactly(
            new Action.ProcessExits(Address.ETH, GuardianConfig.defaults(MEP).processMaxExits()));
    assertThat(ifeClient()
            .inFlightExit(InFlightExitId.of(
                aliceWallet.sentTransaction(payment).orElseThrow().txBytes()))
            .finalized())
        .isTrue();
    assertThat(alice.pollOnce().actions()).as("nothing left to do").isEmpty();
    assertThat(bob.pollOnce().actions()).isEmpty();

    BigInteger bounty = params.ifeProcessBounty();
    BigInteger aliceGas = depositGas.add(reportGas(alice));
    // Alice: the kept deposit back by standard exit (its bond back: her own processing earned its
    // bounty), her change by her output piggyback (its bounty to the processor, herself, as is
    // Bob's),
    // her input piggyback's and the in-flight exit's bonds back in full
    assertThat(balance(address(2)))
        .isEqualTo(aliceStart
            .subtract(deposited)
            .add(kept.amount())
            .add(change)
            .add(bounty)
            .subtract(aliceGas));
    assertThat(balance(address(3)))
        .isEqualTo(bobStart.add(paid).subtract(bounty).subtract(reportGas(bob)));
    assertThat(aliceLines)
        .anyMatch(l -> l.startsWith("ALARM"))
        .anyMatch(l -> l.contains("in-flight exit of " + payment));
    assertThat(bobLines)
        .noneMatch(l -> l.startsWith("ALARM"))
        .anyMatch(l -> l.contains("piggyback on output 0"));
  }

  @Test
  void afterAnInvalidBlockManyOutputsLeaveInOneMassExitAndArePaidOut() throws Exception {
    PlasmaWallet carolWallet = wallet(4);
    L1Executor l1 = new L1Executor(
        new HttpService(anvil.rpcUrl()), framework, deployedAt, List.of(credentials(4)));
    GuardianConfig config = GuardianConfig.defaults(MEP).withMassExitThreshold(3);
    Guardian carol = new Guardian(
        config,
        List.of(address(4)),
        new WatcherAdvice(watcher),
        l1,
        l1,
        new JournalFile(dir.resolve("guardian-4")),
        System::currentTimeMillis,
        aliceLines::add);
    BigInteger carolStart = balance(address(4));
    BigInteger depositGas = BigInteger.ZERO;
    for (int i = 1; i <= 3; i++) {
      depositGas = depositGas.add(gas(carolWallet
          .deposit(Address.ETH, ETHER.divide(BigInteger.valueOf(i)))
          .receipt()
          .txHash()));
    }
    await(
        "the watcher sees the deposits",
        () -> new WatcherAdvice(watcher).advice(address(4)).outputs().size() == 3);
    assertThat(carol.pollOnce().actions()).isEmpty();

    // attack i: an output nothing funds, in a block the operator submits
    injected.add(TransactionSigner.sign(
        Transaction.payment(List.of(), List.of(new Output(address(9), Address.ETH, ETHER))),
        new Domain(AnvilNode.CHAIN_ID, framework)));
    await("the watcher reports the invalid block and the guardian exits", () -> {
      carol.pollOnce();
      return carol.journal().alarm().isPresent();
    });
    assertThat(carol.journal().alarm().orElseThrow()).contains("invalid_block");
    assertThat(carol.journal().report()).singleElement().satisfies(r -> {
      assertThat(r.ok()).isTrue();
      assertThat(r.description()).startsWith("mass exit of 3 outputs");
      assertThat(r.bondWei())
          .isEqualTo(params.massExitBondPerOutput().multiply(BigInteger.valueOf(3)));
    });

    anvil.increaseTime(MEP + 1);
    assertThat(carol.pollOnce().actions()).singleElement().isInstanceOf(Action.ProcessExits.class);
    assertThat(carol.pollOnce().actions())
        .singleElement()
        .isInstanceOf(Action.WithdrawMassExit.class);
    assertThat(carol.pollOnce().actions()).isEmpty();
    assertThat(carol.journal().report()).allMatch(ActionRecord::ok).hasSize(3);

    // the deposits back, every bond back (the bounties to the processor: Carol herself), gas paid
    assertThat(balance(address(4)))
        .isEqualTo(carolStart.subtract(depositGas).subtract(reportGas(carol)));
  }

  @Test
  void theServiceOfWalletGuardEmbedsAWatcherAndKnowsTheKeysOutputs() throws Exception {
    Deposit deposit = wallet(5).deposit(Address.ETH, ETHER);
    GuardianService.Settings settings = GuardianService.Settings.of(
            operatorUrl(), anvil.rpcUrl(), framework, deployedAt, dir.resolve("service"))
        .with(s -> {
          s.confirmations = 0;
          s.pollInterval = Duration.ofMillis(200);
          s.massExitThreshold = 8;
        });
    List<String> lines = new ArrayList<>();
    try (GuardianService service =
        GuardianService.open(settings, List.of(credentials(5)), lines::add)) {
      assertThat(service.watcherPort()).isPresent();
      service.start();
      await(
          "the embedded watcher shows the deposit to the guardian",
          () -> service.guardian().journal().knownOutputs().stream()
              .anyMatch(o -> o.position() == deposit.position()));
      assertThat(service.guardian().journal().alarm()).isEmpty();
    }
    assertThat(lines).isEmpty();
    assertThat(new JournalFile(dir.resolve("service")).load().knownOutputs()).hasSize(1);
  }

  private InFlightExitClient ifeClient() {
    return InFlightExitClient.forFramework(web3j, credentials(4), framework);
  }

  private Guardian guardian(int account, List<String> lines, WatcherView view) throws IOException {
    L1Executor l1 = new L1Executor(
        new HttpService(anvil.rpcUrl()), framework, deployedAt, List.of(credentials(account)));
    GuardianConfig config = GuardianConfig.defaults(MEP).withInclusionTimeout(INCLUSION_TIMEOUT);
    Path journal = Files.createDirectories(dir.resolve("guardian-" + account));
    return new Guardian(
        config,
        List.of(address(account)),
        view,
        l1,
        l1,
        new JournalFile(journal),
        System::currentTimeMillis,
        lines::add);
  }

  private PlasmaWallet wallet(int account) {
    return PlasmaWallet.connect(
        WalletKey.fromHex(DevAccounts.privateKey(account)),
        operatorUrl(),
        anvil.rpcUrl(),
        framework);
  }

  private String operatorUrl() {
    return "http://127.0.0.1:" + operator.rpcPort();
  }

  private static BigInteger reportGas(Guardian g) {
    return g.journal().report().stream()
        .map(ActionRecord::gasWei)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  private BigInteger gas(String txHash) throws IOException {
    TransactionReceipt r =
        web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt().orElseThrow();
    return r.getGasUsed().multiply(Numeric.decodeQuantity(r.getEffectiveGasPrice()));
  }

  private BigInteger balance(Address who) throws IOException {
    return web3j
        .ethGetBalance(who.toHex(), DefaultBlockParameterName.LATEST)
        .send()
        .getBalance();
  }

  private static Credentials credentials(int account) {
    return Credentials.create(DevAccounts.privateKey(account));
  }

  private static Address address(int account) {
    return Address.fromHex(credentials(account).getAddress());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within " + WAIT).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
