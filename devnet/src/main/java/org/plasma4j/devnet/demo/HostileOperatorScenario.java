package org.plasma4j.devnet.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.devnet.hostile.Hostility;
import org.plasma4j.guardian.GuardedWallet;
import org.plasma4j.guardian.Guardian;
import org.plasma4j.guardian.GuardianConfig;
import org.plasma4j.guardian.JournalFile;
import org.plasma4j.guardian.L1Executor;
import org.plasma4j.guardian.WatcherAdvice;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.MassExitClient;
import org.plasma4j.rootchain.Web3jL1Events;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.watcher.WatcherConfig;
import org.plasma4j.watcher.WatcherNode;
import org.plasma4j.watcher.challenge.FrameworkExitChallenger;
import org.plasma4j.watcher.events.ByzantineEvent;

/**
 * The hostile-operator story. The operator colludes with Mallory: Mallory exits a deposit she
 * already spent, the operator slips a second spend of that deposit into a block it serves, and then
 * withholds the block that holds Alice's payment to Bob. The watcher re-validates every block,
 * raises invalid_exit, invalid_block and block_withholding, and challenges Mallory's exit for her
 * bond. The guardians of Alice and Bob exit everything they own: standard exits for outputs in
 * valid blocks, an in-flight exit with piggybacks for the withheld payment. After the exit period
 * the honest exits are paid first; Mallory's forged exit comes last and finds the vault short.
 * Alice and Bob end whole.
 */
public final class HostileOperatorScenario implements Scenario {

  private static final int ALICE = 2;
  private static final int BOB = 3;
  private static final int MALLORY = 4;
  private static final int WATCHER = 6;
  private static final int PROCESSOR = 7;
  private static final long MEP = 3600;
  private static final Duration WITHHOLDING_TIMEOUT = Duration.ofSeconds(2);
  private static final BigInteger ETHER = Devnet.ETHER;
  private static final BigInteger FEE = Devnet.ETH_FEE;

  private final Hostility hostility = Hostility.controllable();
  private PrintStream out;
  private Checks checks;
  private Devnet devnet;
  private L1GasMeter gas;
  private FrameworkClient reader;
  private WatcherNode watcher;
  private final List<Guardian> guardians = new ArrayList<>();
  private final List<String> guardianLines = new ArrayList<>();

  @Override
  public String name() {
    return "hostile-operator";
  }

  @Override
  public String description() {
    return "the operator turns hostile: the watcher raises the alarm and challenges, the guardians exit, "
        + "honest users end whole";
  }

  @Override
  public Devnet.Options options(Devnet.Options defaults) {
    return defaults.storyPaced(MEP, hostility);
  }

  @Override
  public void run(Devnet devnet, PrintStream out, Checks checks) {
    this.devnet = devnet;
    this.out = out;
    this.checks = checks;
    this.gas = new L1GasMeter(devnet.web3j());
    this.reader =
        new FrameworkClient(devnet.web3j(), Devnet.credentials(PROCESSOR), devnet.framework());
    long startBlock = gas.head();
    Map<String, BigInteger> initial = new TreeMap<>();
    initial.put("Alice", reader.ethBalance(Devnet.address(ALICE)));
    initial.put("Bob", reader.ethBalance(Devnet.address(BOB)));
    BigInteger watcherInitial = reader.ethBalance(Devnet.address(WATCHER));
    try {
      watcher = startWatcher();
      Guardian aliceGuardian = guardian(ALICE);
      Guardian bobGuardian = guardian(BOB);
      PlasmaWallet alice = devnet.wallet(ALICE);
      PlasmaWallet bob = devnet.wallet(BOB);
      PlasmaWallet mallory = devnet.wallet(MALLORY);

      step("Alice deposits 1 ETH, Bob 0.5 ETH, Mallory 1 ETH");
      deposit(alice, ETHER);
      deposit(bob, ETHER.divide(BigInteger.TWO));
      Deposit malloryDeposit = deposit(mallory, ETHER);

      step("honest payments: Mallory pays Bob 0.5 ETH, Alice pays Bob 0.2 ETH");
      mallory.send(bob.address(), Address.ETH, ETHER.divide(BigInteger.TWO));
      alice.send(bob.address(), Address.ETH, ETHER.divide(BigInteger.valueOf(5)));
      BlockRecord honest = nextBlock();
      poll();
      checks.isTrue("no byzantine event while the operator is honest", events().isEmpty());
      checks.isTrue(
          "no guardian alarm while the operator is honest",
          aliceGuardian.journal().alarm().isEmpty()
              && bobGuardian.journal().alarm().isEmpty());
      out.printf("    block %d valid; watcher and guardians quiet%n", honest.blkNum());

      step("attack 1: Mallory exits her deposit although she spent it");
      mallory.exit(malloryDeposit.position());
      poll();
      checks.isTrue("watcher reports invalid_exit", reported("invalid_exit"));
      checks.equal(
          "Mallory's exit was challenged by the watcher (state Challenged)",
          2,
          reader.standardExitState(malloryDeposit.position()));

      step(
          "attack 2: the operator puts a second spend of Mallory's deposit into a block it serves");
      hostility.inject(mallory.sign(Transaction.payment(
          List.of(OutputPosition.decode(malloryDeposit.position())),
          List.of(new Output(mallory.address(), Address.ETH, ETHER)))));
      BlockRecord invalid = nextBlock();
      long forged = OutputPosition.of(invalid.blkNum(), 0, 0).encode();
      mallory.exit(forged);
      out.printf(
          "    block %d holds the double spend; Mallory exits its 1 ETH output %d%n",
          invalid.blkNum(), forged);

      step("attack 3: the operator withholds the block with Alice's next payment to Bob (0.1 ETH)");
      hostility.startWithholding();
      new GuardedWallet(alice, aliceGuardian, System::currentTimeMillis)
          .send(bob.address(), Address.ETH, ETHER.divide(BigInteger.TEN));
      BlockRecord withheld = nextBlock();
      out.printf("    block %d submitted to the root chain but never served%n", withheld.blkNum());
      poll(); // the watcher sees the block's root on the root chain and cannot get its body
      sleep(WITHHOLDING_TIMEOUT.plusMillis(500));
      poll();
      checks.isTrue("watcher reports invalid_block", reported("invalid_block"));
      checks.isTrue("watcher reports block_withholding", reported("block_withholding"));
      events().forEach(e -> out.printf("    watcher: %s %s%n", e.type(), e.details()));

      step("the guardians raise the alarm and exit everything Alice and Bob own");
      aliceGuardian.pollOnce();
      bobGuardian.pollOnce();
      poll();
      bobGuardian.pollOnce();
      guardianLines.forEach(l -> out.println("    guardian: " + l));
      checks.isTrue(
          "Alice's guardian raised the alarm", aliceGuardian.journal().alarm().isPresent());
      checks.isTrue(
          "Bob's guardian raised the alarm", bobGuardian.journal().alarm().isPresent());

      step("the exit period passes; a processor pays the queue in priority order");
      devnet.anvil().increaseTime(2 * MEP + 60);
      devnet.anvil().mine(1);
      int processed = 0;
      while (reader.exitQueueLength(Address.ETH).signum() > 0 && processed < 10) {
        reader.processExits(Address.ETH, 20);
        processed++;
      }
      aliceGuardian.pollOnce();
      bobGuardian.pollOnce();
      checks.equal("ETH exit queue is empty", BigInteger.ZERO, reader.exitQueueLength(Address.ETH));
      checks.isTrue("Mallory's forged exit was processed", reader.isExited(forged));
      checks.equal(
          "it came last and found the vault short: nothing paid, nothing credited",
          BigInteger.ZERO,
          reader.withdrawable(mallory.address(), Address.ETH));

      step("final balances");
      BigInteger aliceOwed = ETHER
          .subtract(ETHER.divide(BigInteger.valueOf(5)))
          .subtract(ETHER.divide(BigInteger.TEN))
          .subtract(FEE.multiply(BigInteger.TWO));
      BigInteger bobOwed = ETHER
          .divide(BigInteger.TWO)
          .multiply(BigInteger.TWO)
          .add(ETHER.divide(BigInteger.valueOf(5)))
          .add(ETHER.divide(BigInteger.TEN));
      whole("Alice", ALICE, initial.get("Alice"), ETHER, aliceOwed, startBlock);
      whole("Bob", BOB, initial.get("Bob"), ETHER.divide(BigInteger.TWO), bobOwed, startBlock);
      BigInteger watcherGain = reader
          .ethBalance(Devnet.address(WATCHER))
          .subtract(watcherInitial)
          .add(gas.gasPaid(Devnet.address(WATCHER), startBlock));
      checks.equal(
          "the watcher earned Mallory's exit bond", devnet.params().exitBond(), watcherGain);
    } finally {
      guardians.forEach(Guardian::close);
      if (watcher != null) {
        watcher.close();
      }
    }
  }

  /**
   * Whole: the L1 balance is what it was, less the deposit, plus everything the user owned on the
   * child chain, less gas and the processing bounties of the user's own exits (what the processor
   * is paid for paying them).
   */
  private void whole(
      String name,
      int account,
      BigInteger initial,
      BigInteger deposited,
      BigInteger owed,
      long from) {
    Address who = Devnet.address(account);
    BigInteger gasPaid = gas.gasPaid(who, from);
    BigInteger bounties = bountiesPaidBy(who, from);
    BigInteger expected =
        initial.subtract(deposited).add(owed).subtract(gasPaid).subtract(bounties);
    BigInteger actual = reader.ethBalance(who);
    out.printf(
        "    %s: L1 %s ETH (deposited %s, owned %s on the child chain, gas %s, bounties %s)%n",
        name,
        Money.eth(actual),
        Money.eth(deposited),
        Money.eth(owed),
        Money.eth(gasPaid),
        Money.eth(bounties));
    checks.equal(name + " is whole to the wei", expected, actual);
  }

  /**
   * Bounties of the user's processed standard exits and winning piggybacks, read from the events.
   */
  private BigInteger bountiesPaidBy(Address who, long from) {
    long to = gas.head();
    RootChain rootChain = new Web3jRootChain(devnet.web3j(), devnet.framework(), Optional.empty());
    long standard = rootChain.events(from, to, RootChain.ExitFinalizedEvent.class).stream()
        .filter(e -> e.owner().equals(who))
        .count();
    Web3jL1Events games = new Web3jL1Events(devnet.web3j(), devnet.framework());
    List<InFlightExitFinalized> finalized =
        games.events(from, to, ExitGameEvents.InFlightExitFinalized.class);
    long piggybacks = 0;
    for (Piggybacked p : games.events(from, to, ExitGameEvents.Piggybacked.class)) {
      boolean paidSide = finalized.stream()
          .anyMatch(f -> f.ifeId().equals(p.ifeId()) && f.canonical() == p.output());
      if (p.owner().equals(who) && paidSide) {
        piggybacks++;
      }
    }
    return devnet
        .params()
        .processBounty()
        .multiply(BigInteger.valueOf(standard))
        .add(devnet.params().ifeProcessBounty().multiply(BigInteger.valueOf(piggybacks)));
  }

  private WatcherNode startWatcher() {
    WatcherConfig config = WatcherConfig.defaults(
            URI.create(devnet.operatorRpcUrl()), tempDir("plasma-demo-watcher-"))
        .withRpc("127.0.0.1", 0)
        .withFollowing(0, Duration.ofHours(1), 0)
        .withTimeouts(WITHHOLDING_TIMEOUT, Duration.ofSeconds(10), Duration.ofSeconds(5))
        .watching(Set.of(Devnet.address(ALICE), Devnet.address(BOB)));
    var key = Devnet.credentials(WATCHER);
    FrameworkExitChallenger hands = new FrameworkExitChallenger(
        new FrameworkClient(devnet.web3j(), key, devnet.framework()),
        InFlightExitClient.forFramework(devnet.web3j(), key, devnet.framework()),
        MassExitClient.forFramework(devnet.web3j(), key, devnet.framework()));
    WatcherNode node = WatcherNode.open(
        config,
        new Web3jRootChain(devnet.web3j(), devnet.framework(), Optional.empty()),
        Optional.of(hands));
    node.startWithoutPolling();
    out.printf(
        "    watcher API on http://127.0.0.1:%d, challenging as account %d%n",
        node.rpcPort(), WATCHER);
    return node;
  }

  private Guardian guardian(int account) {
    L1Executor l1 = new L1Executor(
        new org.web3j.protocol.http.HttpService(devnet.anvil().rpcUrl()),
        devnet.framework(),
        devnet.deployment().deployedAt(),
        List.of(Devnet.credentials(account)));
    // one standard exit per output: this story has too few outputs for a mass exit to pay off
    GuardianConfig config = GuardianConfig.defaults(MEP).withMassExitThreshold(64);
    Guardian guardian = new Guardian(
        config,
        l1.addresses(),
        new WatcherAdvice(watcher),
        l1,
        l1,
        new JournalFile(tempDir("plasma-demo-guardian-")),
        System::currentTimeMillis,
        guardianLines::add);
    guardians.add(guardian);
    return guardian;
  }

  private Deposit deposit(PlasmaWallet wallet, BigInteger amount) {
    Deposit d = wallet.deposit(Address.ETH, amount);
    devnet.operator().pollRootChain();
    return d;
  }

  private BlockRecord nextBlock() {
    return Devnet.formBlock(devnet.operator());
  }

  private void poll() {
    watcher.pollOnce();
  }

  private List<ByzantineEvent> events() {
    return watcher.byzantineEvents(0);
  }

  private boolean reported(String type) {
    return events().stream().anyMatch(e -> e.type().equals(type));
  }

  private void step(String what) {
    out.println("-- " + what);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
