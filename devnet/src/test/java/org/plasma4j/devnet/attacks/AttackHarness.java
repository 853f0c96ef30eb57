package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.devnet.ReplacementOperator;
import org.plasma4j.devnet.hostile.Hostility;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.guardian.GuardedWallet;
import org.plasma4j.guardian.Guardian;
import org.plasma4j.guardian.GuardianConfig;
import org.plasma4j.guardian.JournalFile;
import org.plasma4j.guardian.L1Executor;
import org.plasma4j.guardian.WatcherAdvice;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.MassExitClient;
import org.plasma4j.rootchain.Web3jL1Events;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.Utxo;
import org.plasma4j.watcher.WatcherConfig;
import org.plasma4j.watcher.WatcherNode;
import org.plasma4j.watcher.challenge.FrameworkExitChallenger;
import org.plasma4j.watcher.events.ByzantineEvent;
import org.plasma4j.watcher.events.EventType;
import org.web3j.crypto.Credentials;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * One hostile-operator attack's world: a fresh anvil with the framework deployed (short exit
 * period, time travelled with {@link AnvilNode#increaseTime}), a real operator node whose
 * {@link Hostility} the test controls and whose blocks and root-chain polls the test drives by hand
 * (timers off, so every step is deterministic), the dev accounts' wallets and the
 * {@link BalanceBook}.
 *
 * <p>Roles by dev account: {@link #ALICE}, {@link #BOB} and {@link #CAROL} are honest users,
 * {@link #MALLORY} a cheating user (or the operator's accomplice), {@link #COPYCAT} a front-runner,
 * {@link #PROCESSOR} processes exits for the bounties, {@link #WATCHER} is the watcher's key.
 */
final class AttackHarness implements AutoCloseable {

  static final int ALICE = 2;
  static final int BOB = 3;
  static final int CAROL = 4;
  static final int MALLORY = 5;
  static final int COPYCAT = 6;
  static final int PROCESSOR = 7;
  static final int WATCHER = 8;

  static final BigInteger ETHER = Devnet.ETHER;
  static final BigInteger FEE = Devnet.ETH_FEE;
  /** Short, so that exits mature with one jump of the clock. */
  static final long MIN_EXIT_PERIOD = 120;
  /**
   * How long a submitted block may stay unobtainable before the watcher reports block_withholding.
   */
  static final Duration WITHHOLDING_TIMEOUT = Duration.ofMillis(500);
  /**
   * How long a guardian waits for a sent transaction to reach a valid block before exiting it in
   * flight.
   */
  static final Duration INCLUSION_TIMEOUT = Duration.ofSeconds(1);

  private final Hostility hostility = Hostility.controllable();
  private final ReplacementOperator chain;
  private final Devnet devnet;
  private final OperatorNode operator;
  private final Web3jRootChain reader;
  private final BalanceBook book;
  private final Map<Integer, PlasmaWallet> wallets = new HashMap<>();
  private WatcherNode watcher;
  private final List<Guardian> guardians = new ArrayList<>();
  /** The guardians' wall clock, moved by the test: inclusion timeouts pass without sleeping. */
  private final java.util.concurrent.atomic.AtomicLong guardianClock =
      new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());

  private final List<String> guardianLog =
      java.util.Collections.synchronizedList(new ArrayList<>());

  private AttackHarness(int depositConfirmations) {
    Devnet fresh =
        Devnet.start(Devnet.Options.defaults().storyPaced(MIN_EXIT_PERIOD, Hostility.honest()));
    try {
      chain = ReplacementOperator.replace(
          fresh,
          ReplacementOperator.Settings.manual()
              .withHostility(hostility)
              .withConfirmations(depositConfirmations));
    } catch (RuntimeException e) {
      fresh.close();
      throw e;
    }
    devnet = chain.devnet();
    operator = chain.node();
    reader = new Web3jRootChain(devnet.web3j(), devnet.framework(), Optional.empty());
    book = new BalanceBook(devnet.web3j());
  }

  static AttackHarness start() {
    return new AttackHarness(0);
  }

  /**
   * With an operator that applies deposits only {@code depositConfirmations} root-chain blocks
   * deep.
   */
  static AttackHarness start(int depositConfirmations) {
    return new AttackHarness(depositConfirmations);
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Devnet devnet() {
    return devnet;
  }

  AnvilNode anvil() {
    return devnet.anvil();
  }

  Hostility hostility() {
    return hostility;
  }

  OperatorNode operator() {
    return operator;
  }

  String operatorUrl() {
    return chain.rpcUrl();
  }

  /** A read-only view of the root chain (events, commitments). */
  Web3jRootChain rootChain() {
    return reader;
  }

  BalanceBook book() {
    return book;
  }

  static String name(int account) {
    return switch (account) {
      case ALICE -> "alice";
      case BOB -> "bob";
      case CAROL -> "carol";
      case MALLORY -> "mallory";
      case COPYCAT -> "copycat";
      case PROCESSOR -> "processor";
      case WATCHER -> "watcher";
      default -> "account " + account;
    };
  }

  static Address address(int account) {
    return Devnet.address(account);
  }

  PlasmaWallet wallet(int account) {
    return wallets.computeIfAbsent(account, chain::wallet);
  }

  /** The framework as {@code account} sees it: its own L1 calls with their receipts. */
  FrameworkClient l1(int account) {
    return new FrameworkClient(devnet.web3j(), Devnet.credentials(account), devnet.framework());
  }

  BigInteger exitBond() {
    return devnet.params().exitBond();
  }

  BigInteger processBounty() {
    return devnet.params().processBounty();
  }

  BigInteger inFlightExitBond() {
    return devnet.params().inFlightExitBond();
  }

  BigInteger piggybackBond() {
    return devnet.params().piggybackBond();
  }

  BigInteger massExitBond() {
    return devnet.params().massExitBondPerOutput();
  }

  BigInteger massExitBounty() {
    return devnet.params().massExitBountyPerOutput();
  }

  /** Paid from each paid piggyback's bond to whoever processes it. */
  BigInteger ifeProcessBounty() {
    return devnet.params().ifeProcessBounty();
  }

  /**
   * The watcher, started on first use: it follows this root chain and operator with no
   * confirmations, challenges with the {@link #WATCHER} key, and is polled by hand with
   * {@link #watch()}.
   */
  WatcherNode watcher() {
    if (watcher == null) {
      WatcherConfig config = WatcherConfig.defaults(
              URI.create(operatorUrl()), tempDir("plasma-attack-watcher-"))
          .withRpc("127.0.0.1", 0)
          .withFollowing(0, Duration.ofHours(1), 0)
          .withTimeouts(WITHHOLDING_TIMEOUT, Duration.ofSeconds(10), Duration.ofSeconds(5))
          .watching(Set.of(address(ALICE), address(BOB), address(CAROL)));
      Credentials key = Devnet.credentials(WATCHER);
      FrameworkExitChallenger hands = new FrameworkExitChallenger(
          l1(WATCHER),
          InFlightExitClient.forFramework(devnet.web3j(), key, devnet.framework()),
          MassExitClient.forFramework(devnet.web3j(), key, devnet.framework()));
      watcher = WatcherNode.open(
          config,
          new Web3jRootChain(devnet.web3j(), devnet.framework(), Optional.empty()),
          Optional.of(hands));
      watcher.startWithoutPolling();
    }
    return watcher;
  }

  /** One watcher round: follow the root chain, re-validate new blocks, audit exits, challenge. */
  void watch() {
    watcher().pollOnce();
  }

  /** The byzantine events of {@code type} the watcher has reported so far. */
  List<ByzantineEvent> reported(EventType type) {
    return watcher().byzantineEvents(0).stream()
        .filter(e -> e.type().equals(type.wireName()))
        .toList();
  }

  /**
   * A guardian for the given accounts' keys, reading this harness's watcher, polled by hand with
   * {@link Guardian#pollOnce()}; its report lines are kept in {@link #guardianLog()}.
   */
  Guardian guardian(int... accounts) {
    return guardian(
        GuardianConfig.defaults(MIN_EXIT_PERIOD).withInclusionTimeout(INCLUSION_TIMEOUT), accounts);
  }

  /**
   * As {@link #guardian(int...)}, but an owner with two or more outputs of a token leaves in one
   * mass exit.
   */
  Guardian massExitingGuardian(int... accounts) {
    return guardian(
        GuardianConfig.defaults(MIN_EXIT_PERIOD)
            .withInclusionTimeout(INCLUSION_TIMEOUT)
            .withMassExitThreshold(2),
        accounts);
  }

  private Guardian guardian(GuardianConfig config, int... accounts) {
    List<Credentials> keys =
        java.util.Arrays.stream(accounts).mapToObj(Devnet::credentials).toList();
    L1Executor l1 = new L1Executor(
        new org.web3j.protocol.http.HttpService(devnet.anvil().rpcUrl()),
        devnet.framework(),
        devnet.deployment().deployedAt(),
        keys);
    Guardian guardian = new Guardian(
        config,
        l1.addresses(),
        new WatcherAdvice(watcher()),
        l1,
        l1,
        new JournalFile(tempDir("plasma-attack-guardian-")),
        guardianClock::get,
        guardianLog::add);
    guardians.add(guardian);
    return guardian;
  }

  /**
   * {@code account}'s wallet whose payments {@code guardian} records, to exit them in flight if
   * need be.
   */
  GuardedWallet guarded(int account, Guardian guardian) {
    return new GuardedWallet(wallet(account), guardian, guardianClock::get);
  }

  /** Moves the guardians' clock forward past their inclusion timeout. */
  void inclusionTimeoutPasses() {
    guardianClock.addAndGet(INCLUSION_TIMEOUT.toMillis() + 1);
  }

  List<String> guardianLog() {
    return List.copyOf(guardianLog);
  }

  /** The in-flight and mass exit games' events. */
  Web3jL1Events games() {
    return new Web3jL1Events(devnet.web3j(), devnet.framework());
  }

  /** The mass exit game as {@code account} sees it: its own L1 calls with their receipts. */
  MassExitClient massExits(int account) {
    return MassExitClient.forFramework(
        devnet.web3j(), Devnet.credentials(account), devnet.framework());
  }

  /**
   * Which open exit holds an output key: {@code kind} 0 standard, 1 in-flight, 2 mass; {@code id}
   * its id.
   */
  record Reservation(boolean reserved, int kind, BigInteger id) {}

  Reservation outputReservation(Bytes32 outputKey) {
    try {
      var r = PlasmaFramework.load(
              devnet.framework().toHex(),
              devnet.web3j(),
              new ReadonlyTransactionManager(devnet.web3j(), Address.ZERO.toHex()),
              new DefaultGasProvider())
          .outputReservation(outputKey.value())
          .send();
      return new Reservation(r.component1(), r.component2().intValueExact(), r.component3());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The root chain's latest block timestamp, in seconds. */
  long l1Timestamp() {
    try {
      return devnet
          .web3j()
          .ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code initiator} started a mass exit of {@code leaves} that nobody challenged: the book
   * expects each leaf's amount paid to its owner, and the bond per leaf back to the initiator less
   * the process bounty.
   */
  void expectPaidMassExit(int initiator, List<MassExitLeaf> leaves) {
    BigInteger n = BigInteger.valueOf(leaves.size());
    book.debit(address(initiator), "mass exit bonds", massExitBond().multiply(n));
    book.credit(
        address(initiator),
        "mass exit bond refunds (bond − process bounty)",
        massExitBond().subtract(massExitBounty()).multiply(n));
    leaves.forEach(l -> book.credit(l.owner(), "mass-exited output " + l.position(), l.amount()));
  }

  /** The in-flight exit of {@code tx} as the game stores it. */
  InFlightExitState inFlightExit(SignedTransaction tx) {
    return InFlightExitClient.forFramework(
            devnet.web3j(), Devnet.credentials(PROCESSOR), devnet.framework())
        .inFlightExit(InFlightExitId.of(tx.txBytes()));
  }

  /**
   * {@code account} piggybacked an output worth {@code amount} of a canonical in-flight exit: the
   * book expects the amount and the piggyback bond back less the in-flight process bounty.
   */
  void expectPaidPiggyback(int account, BigInteger amount) {
    book.debit(address(account), "piggyback bond", piggybackBond());
    book.credit(address(account), "piggybacked amount", amount);
    book.credit(
        address(account),
        "piggyback bond refund (bond − process bounty)",
        piggybackBond().subtract(ifeProcessBounty()));
  }

  /**
   * {@code account} piggybacked the side of an in-flight exit that is not paid: its bond comes back
   * whole.
   */
  void expectRefundedPiggyback(int account) {
    book.debit(address(account), "piggyback bond", piggybackBond());
    book.credit(
        address(account), "piggyback bond refunded whole (the side not paid)", piggybackBond());
  }

  /** {@code account} started an in-flight exit nobody challenged: its bond comes back whole. */
  void expectUnchallengedInFlightExit(int account) {
    book.debit(address(account), "in-flight exit bond", inFlightExitBond());
    book.credit(address(account), "in-flight exit bond refund", inFlightExitBond());
  }

  /** ETH the vault owes {@code who} but could not push to it (a failed payout). */
  BigInteger withdrawable(Address who) {
    try {
      return PlasmaFramework.load(
              devnet.framework().toHex(),
              devnet.web3j(),
              new ReadonlyTransactionManager(devnet.web3j(), who.toHex()),
              new DefaultGasProvider())
          .withdrawable(who.toHex(), Address.ETH.toHex())
          .send();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An ETH deposit the operator has seen (its output is spendable on the child chain). */
  Deposit deposit(int account, BigInteger amount) {
    Deposit d = wallet(account).deposit(Address.ETH, amount);
    operator.pollRootChain();
    return d;
  }

  /**
   * Forms the next child block from what is pending (and injected) and, unless submission is
   * stopped, polls until the operator has seen its root on the root chain (only then does it serve
   * exit data).
   */
  BlockRecord nextBlock() {
    BlockRecord block = Devnet.formBlock(operator);
    if (!hostility.submissionStopped()) {
      assertThat(reader.blockCommitment(block.blkNum()))
          .as("block %d submitted", block.blkNum())
          .isPresent();
    }
    return block;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code account} starts the standard exit of its output {@code u}; the book expects the output's
   * amount and the bond back less the process bounty (the processor's pay) once it is processed.
   */
  void exitExpectingPayment(int account, Utxo u) {
    wallet(account).exit(u.position());
    expectPaidExit(account, u);
  }

  /**
   * The guardian has started the standard exit of {@code account}'s output {@code u}: the book
   * expects it paid.
   */
  void expectGuardianExit(int account, Utxo u) {
    assertThat(reader.events(0, devnet.anvil().blockNumber(), RootChain.ExitStartedEvent.class))
        .as("the guardian's standard exit of %d", u.position())
        .anySatisfy(e -> {
          assertThat(e.position()).isEqualTo(u.position());
          assertThat(e.owner()).isEqualTo(address(account));
        });
    expectPaidExit(account, u);
  }

  private void expectPaidExit(int account, Utxo u) {
    book.credit(address(account), "exit of " + u.position(), u.amount());
    book.debit(address(account), "exit bond", exitBond());
    book.credit(
        address(account),
        "bond refund (bond − process bounty)",
        exitBond().subtract(processBounty()));
  }

  /** Moves the root chain's clock past the exit period of any output already exiting. */
  void exitPeriodPasses() {
    devnet.anvil().increaseTime(2 * MIN_EXIT_PERIOD + 1);
  }

  @Override
  public void close() {
    try {
      guardians.forEach(Guardian::close);
      if (watcher != null) {
        watcher.close();
      }
    } finally {
      chain.close();
    }
  }
}
