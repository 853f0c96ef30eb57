package org.plasma4j.devnet.demo;

import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.wallet.OperatorClient;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.Utxo;

/**
 * The payments story: Alice and Bob deposit ETH and a token and pay each other dozens of times
 * across several blocks; Mallory exits an output she already spent and Carol, watching, challenges
 * and takes her bond; Alice exits everything she has left after the exit period. Every step checks
 * L1 and L2 balances to the wei.
 */
public final class PaymentsScenario implements Scenario {

  private static final int ALICE = 2;
  private static final int BOB = 3;
  private static final int MALLORY = 4;
  private static final int CAROL = 5;
  private static final Duration INCLUSION = Duration.ofSeconds(30);

  private PrintStream out;
  private Checks checks;
  private Devnet devnet;
  private L1GasMeter gas;
  /** Reads the framework and L1 balances; Carol's key, though nothing here is signed with it. */
  private FrameworkClient l1;

  private Address token;
  private final Map<String, Map<Address, BigInteger>> expectedL2 = new HashMap<>();
  private final Map<String, PlasmaWallet> wallets = new HashMap<>();
  private final Map<Address, BigInteger> feesPaid = new HashMap<>();

  @Override
  public String name() {
    return "payments";
  }

  @Override
  public String description() {
    return "deposits, dozens of payments, a challenged exit of a spent output, exits after the exit period";
  }

  @Override
  public void run(Devnet devnet, PrintStream out, Checks checks) {
    this.devnet = devnet;
    this.out = out;
    this.checks = checks;
    this.gas = new L1GasMeter(devnet.web3j());
    this.l1 = new FrameworkClient(devnet.web3j(), Devnet.credentials(CAROL), devnet.framework());
    this.token = devnet.token();
    wallets.put("Alice", devnet.wallet(ALICE));
    wallets.put("Bob", devnet.wallet(BOB));
    wallets.put("Mallory", devnet.wallet(MALLORY));
    wallets.put("Carol", devnet.wallet(CAROL));
    wallets.keySet().forEach(name -> expectedL2.put(name, new HashMap<>()));

    deposits();
    payments();
    mallorysSpentExit();
    alicesExits();
    feeCollectorExits();
  }

  private void feeCollectorExits() {
    step("5. The operator's fee collector exits the fees it collected in fee transactions");
    PlasmaWallet collector = devnet.wallet(Devnet.FEE_COLLECTOR);
    List<Utxo> feeOutputs = List.copyOf(collector.utxos());
    BigInteger ethFees = sum(feeOutputs, Address.ETH);
    BigInteger pdtFees = sum(feeOutputs, token);
    checks.equal(
        "fee outputs hold every ETH fee paid",
        feesPaid.getOrDefault(Address.ETH, BigInteger.ZERO),
        ethFees);
    checks.equal(
        "fee outputs hold every PDT fee paid",
        feesPaid.getOrDefault(token, BigInteger.ZERO),
        pdtFees);
    long start = gas.head();
    BigInteger ethBefore = collector.l1Balance(Address.ETH);
    BigInteger pdtBefore = collector.l1Balance(token);
    feeOutputs.forEach(u -> collector.exit(u.position()));
    devnet.anvil().increaseTime(2 * devnet.params().minExitPeriodSeconds() + 1);
    collector.processExits(Address.ETH, 100);
    collector.processExits(token, 100);
    // the collector processed its own exits, so it paid the bounties to itself
    checks.equal(
        "collector L1 ETH = before + ETH fees − gas",
        ethBefore.add(ethFees).subtract(gas.gasPaid(collector.address(), start)),
        collector.l1Balance(Address.ETH));
    checks.equal(
        "collector L1 PDT = before + PDT fees", pdtBefore.add(pdtFees), collector.l1Balance(token));
    out.printf(
        "    %d fee outputs exited: %s ETH and %s PDT%n",
        feeOutputs.size(), Money.eth(ethFees), Money.eth(pdtFees));
  }

  private static BigInteger sum(List<Utxo> utxos, Address tokenAddress) {
    return utxos.stream()
        .filter(u -> u.token().equals(tokenAddress))
        .map(Utxo::amount)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  private void deposits() {
    step("1. Deposits: Alice 10 ETH + 1000 PDT, Bob 5 ETH + 100 PDT, Mallory 1 ETH");
    long start = gas.head();
    Map<String, BigInteger[]> before = l1Snapshot();
    BigInteger vaultBefore = l1.ethBalance(devnet.framework());
    deposit("Alice", Address.ETH, "10");
    deposit("Alice", token, "1000");
    deposit("Bob", Address.ETH, "5");
    deposit("Bob", token, "100");
    deposit("Mallory", Address.ETH, "1");
    for (String name : List.of("Alice", "Bob", "Mallory")) {
      awaitL2(name);
    }
    checks.equal(
        "framework holds the 16 ETH deposited",
        vaultBefore.add(Money.units("16")),
        l1.ethBalance(devnet.framework()));
    checkL1AfterDeposits("Alice", before, start, "10", "1000");
    checkL1AfterDeposits("Bob", before, start, "5", "100");
    checkL1AfterDeposits("Mallory", before, start, "1", "0");
    checkL2All();
    printBalances();
  }

  private void deposit(String name, Address tokenAddress, String amount) {
    wallets.get(name).deposit(tokenAddress, Money.units(amount));
    credit(name, tokenAddress, Money.units(amount));
  }

  private void checkL1AfterDeposits(
      String name, Map<String, BigInteger[]> before, long start, String eth, String pdt) {
    PlasmaWallet w = wallets.get(name);
    BigInteger gasPaid = gas.gasPaid(w.address(), start);
    checks.equal(
        name + " L1 ETH = before − deposits − gas",
        before.get(name)[0].subtract(Money.units(eth)).subtract(gasPaid),
        w.l1Balance(Address.ETH));
    checks.equal(
        name + " L1 PDT = before − deposits",
        before.get(name)[1].subtract(Money.units(pdt)),
        w.l1Balance(token));
  }

  private void payments() {
    step("2. Payments: 36 off-chain payments between Alice and Bob, in ETH and PDT");
    long firstBlock = operator().getBlockNumber();
    String[][] round = {
      {"Alice", "Bob", "eth", "0.25"},
      {"Bob", "Alice", "eth", "0.1"},
      {"Alice", "Bob", "pdt", "12"},
      {"Bob", "Alice", "pdt", "3"},
      {"Alice", "Bob", "eth", "0.05"},
      {"Bob", "Alice", "eth", "0.3"},
    };
    int made = 0;
    for (int r = 0; r < 6; r++) {
      for (String[] p : round) {
        pay(p[0], p[1], p[2].equals("eth") ? Address.ETH : token, Money.units(p[3]));
        made++;
      }
      out.printf(
          "    round %d: %d payments so far, child block %d%n",
          r + 1, made, operator().getBlockNumber());
    }
    long lastBlock = operator().getBlockNumber();
    checks.isTrue(
        "payments spread over several child blocks", (lastBlock - firstBlock) / 1000 >= 3);
    checkL2All();
    printBalances();
  }

  private void pay(String from, String to, Address tokenAddress, BigInteger amount) {
    PlasmaWallet payer = wallets.get(from);
    PlasmaWallet.Payment payment =
        payer.buildPayment(wallets.get(to).address(), tokenAddress, amount);
    payer.awaitInclusion(payer.submit(payment), INCLUSION);
    debit(from, tokenAddress, amount);
    debit(from, payment.feeToken(), payment.fee());
    feesPaid.merge(payment.feeToken(), payment.fee(), BigInteger::add);
    credit(to, tokenAddress, amount);
  }

  private void mallorysSpentExit() {
    step("3. Mallory pays Bob 0.5 ETH, then tries to exit the output she spent; Carol challenges");
    PlasmaWallet mallory = wallets.get("Mallory");
    Utxo spent = mallory.utxos().get(0);
    pay("Mallory", "Bob", Address.ETH, Money.units("0.5"));
    checks.isTrue(
        "Mallory's deposit output is spent on the child chain",
        mallory.utxos().stream().noneMatch(u -> u.position() == spent.position()));

    long start = gas.head();
    BigInteger malloryBefore = mallory.l1Balance(Address.ETH);
    PlasmaWallet carol = wallets.get("Carol");
    BigInteger carolBefore = carol.l1Balance(Address.ETH);
    BigInteger bond = devnet.params().exitBond();

    // Mallory needs no operator help: a deposit's transaction and proof follow from the deposit
    // itself.
    FrameworkClient malloryL1 =
        new FrameworkClient(devnet.web3j(), Devnet.credentials(MALLORY), devnet.framework());
    var exitData = depositExitData(spent);
    malloryL1.startStandardExit(
        spent.position(), exitData.txBytes(), exitData.proof(), exitData.timestamp());
    out.printf(
        "    Mallory started an exit of spent output %d with a %s ETH bond%n",
        spent.position(), Money.eth(bond));

    carol.challenge(spent.position());
    out.printf("    Carol committed and revealed the spending transaction%n");
    checks.equal(
        "Mallory's exit is gone (output not exited)", false, l1.isExited(spent.position()));
    checks.equal(
        "Carol L1 ETH = before + Mallory's bond − gas",
        carolBefore.add(bond).subtract(gas.gasPaid(carol.address(), start)),
        carol.l1Balance(Address.ETH));
    checks.equal(
        "Mallory L1 ETH = before − bond − gas",
        malloryBefore.subtract(bond).subtract(gas.gasPaid(mallory.address(), start)),
        mallory.l1Balance(Address.ETH));
    checkL2All();
    printBalances();
  }

  private record DepositExit(byte[] txBytes, byte[] proof, long timestamp) {}

  private DepositExit depositExitData(Utxo utxo) {
    var rootChain = new org.plasma4j.rootchain.Web3jRootChain(
        devnet.web3j(), devnet.framework(), java.util.Optional.empty());
    var event =
        rootChain.events(0, rootChain.headBlockNumber(), RootChain.DepositEvent.class).stream()
            .filter(d -> OutputPosition.of(d.blkNum(), 0, 0).encode() == utxo.position())
            .findFirst()
            .orElseThrow();
    var deposit = new org.plasma4j.core.block.Deposit(
        event.blkNum(), event.owner(), event.token(), event.amount());
    byte[] txBytes = deposit.transaction().encode();
    return new DepositExit(
        txBytes, MerkleTree.build(List.of(txBytes)).proof(0).toArray(), event.timestamp());
  }

  private void alicesExits() {
    step("4. Alice exits all her outputs; after the exit period Bob processes the queue");
    PlasmaWallet alice = wallets.get("Alice");
    PlasmaWallet bob = wallets.get("Bob");
    long start = gas.head();
    BigInteger aliceEth = alice.l1Balance(Address.ETH);
    BigInteger alicePdt = alice.l1Balance(token);
    BigInteger bobEth = bob.l1Balance(Address.ETH);
    List<Utxo> outputs = new ArrayList<>(alice.utxos());
    BigInteger ethOut = BigInteger.ZERO;
    BigInteger pdtOut = BigInteger.ZERO;
    for (Utxo u : outputs) {
      alice.exit(u.position());
      if (u.token().isZero()) {
        ethOut = ethOut.add(u.amount());
      } else {
        pdtOut = pdtOut.add(u.amount());
      }
    }
    out.printf(
        "    Alice started %d exits (%s ETH, %s PDT)%n",
        outputs.size(), Money.eth(ethOut), Money.eth(pdtOut));
    devnet.anvil().increaseTime(2 * devnet.params().minExitPeriodSeconds() + 1);
    out.printf(
        "    anvil time travel: %d s (twice the exit period)%n",
        2 * devnet.params().minExitPeriodSeconds() + 1);
    bob.processExits(Address.ETH, 50);
    bob.processExits(token, 50);
    BigInteger bounties =
        devnet.params().processBounty().multiply(BigInteger.valueOf(outputs.size()));
    checks.equal(
        "Alice L1 ETH = before + ETH exits − bounties − gas",
        aliceEth.add(ethOut).subtract(bounties).subtract(gas.gasPaid(alice.address(), start)),
        alice.l1Balance(Address.ETH));
    checks.equal("Alice L1 PDT = before + PDT exits", alicePdt.add(pdtOut), alice.l1Balance(token));
    checks.equal(
        "Bob L1 ETH = before + bounties − gas",
        bobEth.add(bounties).subtract(gas.gasPaid(bob.address(), start)),
        bob.l1Balance(Address.ETH));
    checks.isTrue(
        "every exited output is marked exited on L1",
        outputs.stream().allMatch(u -> l1.isExited(u.position())));
    awaitOperatorSeesExits(alice);
    expectedL2.get("Alice").clear();
    checkL2All();
    printBalances();
  }

  private void awaitOperatorSeesExits(PlasmaWallet alice) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!alice.utxos().isEmpty() && System.nanoTime() < deadline) {
      sleep(200);
    }
  }

  private OperatorClient operator() {
    return wallets.get("Alice").operator();
  }

  private void credit(String name, Address tokenAddress, BigInteger amount) {
    expectedL2.get(name).merge(tokenAddress, amount, BigInteger::add);
  }

  private void debit(String name, Address tokenAddress, BigInteger amount) {
    expectedL2.get(name).merge(tokenAddress, amount.negate(), BigInteger::add);
  }

  private void awaitL2(String name) {
    long deadline = System.nanoTime() + INCLUSION.toNanos();
    while (System.nanoTime() < deadline) {
      if (expected(name, Address.ETH).equals(wallets.get(name).l2Balance(Address.ETH))
          && expected(name, token).equals(wallets.get(name).l2Balance(token))) {
        return;
      }
      sleep(200);
    }
  }

  private BigInteger expected(String name, Address tokenAddress) {
    return expectedL2.get(name).getOrDefault(tokenAddress, BigInteger.ZERO);
  }

  private void checkL2All() {
    for (String name : List.of("Alice", "Bob", "Mallory")) {
      checks.equal(
          name + " L2 ETH", expected(name, Address.ETH), wallets.get(name).l2Balance(Address.ETH));
      checks.equal(name + " L2 PDT", expected(name, token), wallets.get(name).l2Balance(token));
    }
  }

  private Map<String, BigInteger[]> l1Snapshot() {
    Map<String, BigInteger[]> snapshot = new HashMap<>();
    wallets.forEach((name, w) ->
        snapshot.put(name, new BigInteger[] {w.l1Balance(Address.ETH), w.l1Balance(token)}));
    return snapshot;
  }

  private void printBalances() {
    out.printf("    %-8s %16s %16s %16s %16s%n", "", "L1 ETH", "L2 ETH", "L1 PDT", "L2 PDT");
    for (String name : List.of("Alice", "Bob", "Mallory", "Carol")) {
      PlasmaWallet w = wallets.get(name);
      out.printf(
          "    %-8s %16s %16s %16s %16s%n",
          name,
          Money.eth(w.l1Balance(Address.ETH)),
          Money.eth(w.l2Balance(Address.ETH)),
          Money.eth(w.l1Balance(token)),
          Money.eth(w.l2Balance(token)));
    }
  }

  private void step(String title) {
    out.println();
    out.println(title);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
