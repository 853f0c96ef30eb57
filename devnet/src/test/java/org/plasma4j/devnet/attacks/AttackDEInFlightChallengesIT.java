package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.FEE;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.PROCESSOR;
import static org.plasma4j.devnet.attacks.AttackHarness.WATCHER;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents.PiggybackBlocked;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.guardian.Guardian;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.Utxo;
import org.plasma4j.watcher.events.EventType;

/**
 * Attacks d and e: in-flight exits and piggybacks that claim money already spent.
 *
 * <ul>
 *   <li>d: mallory pays bob half her deposit in a valid block, then exits in flight a second spend
 *       of the same deposit to herself (never sent to the operator) and piggybacks its output. Its
 *       priority is the deposit's, ahead of bob's exit, so unchallenged it would take the whole
 *       deposit. The watcher reports non_canonical_ife and shows the included payment to bob as an
 *       older competitor (commit, reveal), winning the in-flight exit bond; processed
 *       non-canonical, the exit pays only piggybacked inputs (none) and mallory's output piggyback
 *       gets just its bond back.
 *   <li>e, spent input: the same double spend, but mallory piggybacks its input, the deposit that
 *       already paid bob (paid if the exit turns out non-canonical). The watcher reports
 *       invalid_piggyback and shows the spend (challengeInFlightExitInputSpent): the piggyback is
 *       removed, its bond goes to the watcher (and, as in d, the exit's bond too).
 *   <li>e, spent output: mallory exits in flight alice's included payment to her and piggybacks her
 *       output, which she has since spent to bob. The watcher reports invalid_piggyback and shows
 *       the spend (challengeInFlightExitOutputSpent); alice's guardian piggybacks her change, which
 *       the canonical exit pays.
 * </ul>
 *
 * In every case bob's standard exit is paid in full.
 */
class AttackDEInFlightChallengesIT extends AttackTest {

  private static final BigInteger HALF = ETHER.divide(BigInteger.TWO);
  private static final BigInteger THREE_TENTHS =
      ETHER.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN);

  @Test
  void dANonCanonicalInFlightExitLosesItsBondAndPaysNothing() {
    BalanceBook book = book(BOB, WATCHER);
    SignedTransaction doubleSpend = malloryDoubleSpendsHerDeposit();
    h.wallet(MALLORY).startInFlightExit(doubleSpend);
    h.wallet(MALLORY).piggybackOutput(doubleSpend.tx(), 0);

    h.watch();
    assertThat(h.reported(EventType.NON_CANONICAL_IFE))
        .singleElement()
        .satisfies(e ->
            assertThat(e.details()).containsEntry("txHash", doubleSpend.txHash().toString()));
    theWatcherWonTheInFlightExitBond(doubleSpend, book);

    bobExitsAndEveryoneIsWhole(false);
  }

  @Test
  void eAPiggybackOnASpentInputIsChallengedForItsBond() {
    BalanceBook book = book(BOB, WATCHER);
    SignedTransaction doubleSpend = malloryDoubleSpendsHerDeposit();
    h.wallet(MALLORY).startInFlightExit(doubleSpend);
    h.wallet(MALLORY).piggybackInput(doubleSpend, 0);

    h.watch();
    assertThat(h.reported(EventType.INVALID_PIGGYBACK))
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("piggyback", "in:0"));
    assertThat(blocked()).singleElement().satisfies(b -> {
      assertThat(b.output()).isFalse();
      assertThat(b.challenger()).isEqualTo(address(WATCHER));
    });
    assertThat(h.inFlightExit(doubleSpend).isInputPiggybacked(0)).isFalse();
    book.credit(address(WATCHER), "piggyback bond of the spent input", h.piggybackBond());
    theWatcherWonTheInFlightExitBond(doubleSpend, book);

    bobExitsAndEveryoneIsWhole(false);
  }

  @Test
  void eAPiggybackOnASpentOutputIsChallengedForItsBond() {
    BalanceBook book = book(ALICE, BOB, WATCHER);
    Guardian guardian = h.guardian(ALICE, BOB);
    PlasmaWallet alice = h.wallet(ALICE);
    PlasmaWallet mallory = h.wallet(MALLORY);
    h.deposit(ALICE, ETHER);
    book.debit(address(ALICE), "deposit", ETHER);
    SignedTransaction payment = alice
        .sentTransaction(alice.send(mallory.address(), Address.ETH, THREE_TENTHS))
        .orElseThrow();
    h.nextBlock();
    mallory.send(address(BOB), Address.ETH, THREE_TENTHS.subtract(FEE));
    h.nextBlock();
    h.watch();

    // the attack: alice's included payment exited in flight, mallory's spent output piggybacked
    mallory.startInFlightExit(payment);
    mallory.piggybackOutput(payment.tx(), 0);
    h.watch();
    guardian.pollOnce();
    h.watch();

    assertThat(h.reported(EventType.INVALID_PIGGYBACK))
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("piggyback", "out:0"));
    assertThat(blocked()).singleElement().satisfies(b -> {
      assertThat(b.output()).isTrue();
      assertThat(b.index()).isZero();
      assertThat(b.challenger()).isEqualTo(address(WATCHER));
    });
    InFlightExitState ife = h.inFlightExit(payment);
    assertThat(ife.isOutputPiggybacked(0)).isFalse();
    assertThat(ife.isOutputPiggybacked(1))
        .as("alice's change, piggybacked by her guardian")
        .isTrue();
    book.credit(address(WATCHER), "piggyback bond of the spent output", h.piggybackBond());
    h.expectPaidPiggyback(ALICE, ETHER.subtract(THREE_TENTHS).subtract(FEE));

    bobExitsAndEveryoneIsWhole(true);
  }

  /**
   * Mallory deposits, pays bob half in a valid block, and signs a second spend of the deposit to
   * herself.
   */
  private SignedTransaction malloryDoubleSpendsHerDeposit() {
    PlasmaWallet mallory = h.wallet(MALLORY);
    Deposit deposit = h.deposit(MALLORY, ETHER);
    mallory.send(address(BOB), Address.ETH, HALF);
    h.nextBlock();
    h.watch();
    return mallory.sign(Transaction.payment(
        List.of(OutputPosition.decode(deposit.position())),
        List.of(new Output(mallory.address(), Address.ETH, ETHER))));
  }

  private void theWatcherWonTheInFlightExitBond(SignedTransaction tx, BalanceBook book) {
    assertThat(h.games()
            .events(0, h.anvil().blockNumber(), ExitGameEvents.InFlightExitChallenged.class))
        .singleElement()
        .satisfies(c -> assertThat(c.challenger()).isEqualTo(address(WATCHER)));
    InFlightExitState ife = h.inFlightExit(tx);
    assertThat(ife.isCanonical()).isFalse();
    assertThat(ife.bondOwner()).isEqualTo(address(WATCHER));
    book.credit(
        address(WATCHER), "in-flight exit bond of the non-canonical exit", h.inFlightExitBond());
  }

  /**
   * Bob exits what mallory paid him; the exit period passes and the processor empties the queue,
   * finalizing the in-flight exit; bob's exit is paid and every tracked party is whole.
   */
  private void bobExitsAndEveryoneIsWhole(boolean canonical) {
    Utxo received = only(h.wallet(BOB).utxos());
    h.exitExpectingPayment(BOB, received);
    h.exitPeriodPasses();
    FrameworkClient processor = h.l1(PROCESSOR);
    processor.processExits(Address.ETH, 10);
    assertThat(processor.exitQueueLength(Address.ETH)).isZero();
    assertThat(h.games()
            .events(0, h.anvil().blockNumber(), ExitGameEvents.InFlightExitFinalized.class))
        .singleElement()
        .satisfies(f -> assertThat(f.canonical()).isEqualTo(canonical));
    assertThat(processor.isExited(received.position())).isTrue();
    h.book().assertAllWhole();
  }

  private List<PiggybackBlocked> blocked() {
    return h.games().events(0, h.anvil().blockNumber(), ExitGameEvents.PiggybackBlocked.class);
  }
}
