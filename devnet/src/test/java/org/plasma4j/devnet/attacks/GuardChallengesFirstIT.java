package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.FEE;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.types.Address;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.guardian.GuardianService;
import org.plasma4j.guardian.Plan;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * An outsider's invalid exit against a chain of guards. Mallory deposits, pays herself from the
 * deposit and exits the spent deposit: one cheap transaction that, left unchallenged, would make
 * every guardian exit everything a day before it matures. Defence: each guard's embedded watcher
 * challenges with the guard's own key as soon as it sees the exit, so it never becomes
 * unchallenged_exit; the first guard wins Mallory's bond, no guardian raises an alarm or starts any
 * exit, and the honest chain carries on.
 */
class GuardChallengesFirstIT extends AttackTest {

  private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
  private GuardianService closeLater;

  @org.junit.jupiter.api.AfterEach
  void closeGuard() {
    if (closeLater != null) {
      closeLater.close();
    }
  }

  private GuardianService guard(int account, String name) {
    GuardianService.Settings settings = GuardianService.Settings.of(
            h.operatorUrl(),
            h.anvil().rpcUrl(),
            h.devnet().framework(),
            h.devnet().deployment().deployedAt(),
            AttackHarness.tempDir("plasma-guard-" + name + "-"))
        .with(s -> {
          s.confirmations = 0;
          s.inclusionTimeout = Duration.ofHours(1);
          s.pollInterval = Duration.ofHours(1);
        });
    return GuardianService.open(
        settings, List.of(Devnet.credentials(account)), line -> lines.add(name + ": " + line));
  }

  @Test
  void anOutsidersInvalidExitIsChallengedByTheGuardAndNoGuardianExits() {
    BalanceBook book = book(ALICE, BOB, MALLORY);
    h.deposit(ALICE, ETHER);
    book.debit(address(ALICE), "deposit", ETHER);
    h.deposit(BOB, ETHER);
    book.debit(address(BOB), "deposit", ETHER);
    BigInteger bond = h.exitBond();

    try (GuardianService alices = guard(ALICE, "alice")) {
      assertThat(alices.challenger())
          .as("challenges by default, with the guarded key")
          .contains(address(ALICE));
      assertThat(alices.pollOnce().alarm()).isEmpty();

      // the attack: a deposit paid to herself, then the exit of the spent deposit
      PlasmaWallet mallory = h.wallet(MALLORY);
      BigInteger stake = FEE.add(BigInteger.valueOf(100));
      long attackFrom = h.anvil().blockNumber();
      Deposit spent = h.deposit(MALLORY, stake);
      book.debit(address(MALLORY), "deposit", stake);
      mallory.send(mallory.address(), Address.ETH, BigInteger.valueOf(100));
      h.nextBlock();
      mallory.exit(spent.position());
      book.debit(address(MALLORY), "exit bond", bond);
      long attackTo = h.anvil().blockNumber();

      Plan alicePlan = alices.pollOnce();
      // Bob's guard starts only now: a fresh guardian judges the chain as it is, not its history
      GuardianService bobs = guard(BOB, "bob");
      closeLater = bobs;
      assertThat(bobs.challenger()).contains(address(BOB));
      Plan bobPlan = bobs.pollOnce();

      List<ExitChallengedEvent> challenged =
          h.rootChain().events(0, h.anvil().blockNumber(), RootChain.ExitChallengedEvent.class);
      assertThat(challenged).singleElement().satisfies(c -> {
        assertThat(c.position()).isEqualTo(spent.position());
        assertThat(c.challenger()).as("the guard's own key").isEqualTo(address(ALICE));
      });
      book.credit(address(ALICE), "Mallory's exit bond, won by the challenge", bond);
      assertThat(alices.challengeReceipts())
          .as("commit, then reveal")
          .hasSize(2)
          .allSatisfy(r -> assertThat(r.isStatusOK()).isTrue());
      assertThat(bobs.challengeReceipts())
          .as("nothing left to challenge once it is challenged")
          .isEmpty();

      for (Plan plan : List.of(alicePlan, bobPlan)) {
        assertThat(plan.alarm()).isEmpty();
        assertThat(plan.actions()).isEmpty();
      }
      // past the exit's maturity nothing is unchallenged, and nobody has exited anything
      h.exitPeriodPasses();
      assertThat(alices.pollOnce().alarm()).isEmpty();
      assertThat(bobs.pollOnce().alarm()).isEmpty();
      assertThat(alices.guardian().journal().alarm()).isEmpty();
      assertThat(alices.guardian().journal().report()).isEmpty();
      assertThat(bobs.guardian().journal().report()).isEmpty();
      long head = h.anvil().blockNumber();
      assertThat(h.rootChain().events(0, head, RootChain.ExitStartedEvent.class))
          .as("Mallory's exit is the only one")
          .singleElement()
          .extracting(ExitStartedEvent::owner)
          .isEqualTo(address(MALLORY));
      assertThat(h.games().events(0, head, ExitGameEvents.InFlightExitStarted.class))
          .isEmpty();
      assertThat(h.games().events(0, head, ExitGameEvents.MassExitStarted.class))
          .isEmpty();
      assertThat(lines).noneMatch(l -> l.contains("ALARM"));

      long attackGas = gasUnits(address(MALLORY), attackFrom + 1, attackTo);
      long defenceGas = alices.challengeReceipts().stream()
          .mapToLong(r -> r.getGasUsed().longValueExact())
          .sum();
      System.out.printf(
          "griefing: attacker %d gas (deposit + exit) and a %s wei bond lost; defence %d gas (%s) by one"
              + " guard, which wins the bond; 0 gas by every other guard%n",
          attackGas,
          bond,
          defenceGas,
          alices.challengeReceipts().stream()
              .map(r -> r.getGasUsed().toString())
              .toList());
      assertThat(defenceGas).isPositive();
      book.assertAllWhole();
    }
  }

  /** Gas units {@code who} used in blocks {@code from..to}, from the receipts. */
  private long gasUnits(Address who, long from, long to) {
    long sum = 0;
    try {
      for (long n = from; n <= to; n++) {
        EthBlock.Block block = h.devnet()
            .web3j()
            .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), true)
            .send()
            .getBlock();
        List<String> hashes = new ArrayList<>();
        for (EthBlock.TransactionResult<?> r : block.getTransactions()) {
          EthBlock.TransactionObject tx = (EthBlock.TransactionObject) r.get();
          if (Address.fromHex(tx.getFrom()).equals(who)) {
            hashes.add(tx.getHash());
          }
        }
        for (String hash : hashes) {
          TransactionReceipt receipt = h.devnet()
              .web3j()
              .ethGetTransactionReceipt(hash)
              .send()
              .getTransactionReceipt()
              .orElseThrow();
          sum += receipt.getGasUsed().longValueExact();
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return sum;
  }
}
