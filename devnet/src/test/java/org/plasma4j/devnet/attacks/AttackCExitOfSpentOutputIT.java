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
import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.Utxo;
import org.plasma4j.watcher.events.ByzantineEvent;
import org.plasma4j.watcher.events.EventType;

/**
 * Attack c: a user exits an output she has already spent on the child chain (here: her deposit,
 * after paying from it). Left alone, the vault would pay her deposit twice and the last honest exit
 * would come up short. Defence: the watcher sees the spend in a block it validated, reports
 * invalid_exit and challenges with the spending transaction and its signature (commit, then
 * reveal), which cancels the exit and pays the exit bond to the watcher. Every honest exit is then
 * paid in full.
 */
class AttackCExitOfSpentOutputIT extends AttackTest {

  @Test
  void theWatcherChallengesTheExitOfASpentOutputAndEveryHonestExitIsPaid() {
    BalanceBook book = book(ALICE, BOB, WATCHER);
    h.watch();
    PlasmaWallet alice = h.wallet(ALICE);
    PlasmaWallet bob = h.wallet(BOB);
    PlasmaWallet mallory = h.wallet(MALLORY);
    BigInteger bond = h.exitBond();
    BigInteger tenth = ETHER.divide(BigInteger.TEN);

    h.deposit(ALICE, ETHER);
    book.debit(address(ALICE), "deposit", ETHER);
    Deposit spent = h.deposit(MALLORY, ETHER);
    mallory.send(bob.address(), Address.ETH, tenth.multiply(BigInteger.valueOf(4)));
    alice.send(bob.address(), Address.ETH, tenth);
    h.nextBlock();

    // the attack: mallory exits the deposit she just spent
    mallory.exit(spent.position());
    h.watch();

    List<ByzantineEvent> invalid = h.reported(EventType.INVALID_EXIT);
    assertThat(invalid)
        .singleElement()
        .satisfies(e ->
            assertThat(e.details()).containsEntry("position", Long.toString(spent.position())));
    expectOneChallengeByTheWatcher(spent.position(), book, bond);
    assertThat(h.reported(EventType.INVALID_BLOCK)).isEmpty();

    // every valid output exits: bob's two payments, alice's change, and mallory's own change
    List<Utxo> bobs = bob.utxos();
    assertThat(bobs)
        .extracting(Utxo::amount)
        .containsExactlyInAnyOrder(tenth.multiply(BigInteger.valueOf(4)), tenth);
    bobs.forEach(u -> h.exitExpectingPayment(BOB, u));
    Utxo change = only(alice.utxos());
    assertThat(change.amount()).isEqualTo(ETHER.subtract(tenth).subtract(FEE));
    h.exitExpectingPayment(ALICE, change);
    mallory.exit(only(mallory.utxos()).position());

    h.exitPeriodPasses();
    FrameworkClient processor = h.l1(PROCESSOR);
    processor.processExits(Address.ETH, 10);
    assertThat(processor.exitQueueLength(Address.ETH)).isZero();
    assertThat(processor.isExited(spent.position())).as("the challenged exit").isFalse();
    assertThat(processor.isExited(change.position())).isTrue();
    assertThat(bobs)
        .allSatisfy(u -> assertThat(processor.isExited(u.position())).isTrue());
    // what the vault still holds is the operator's two fees, which nobody exited
    assertThat(book.balance(h.devnet().framework())).isEqualTo(FEE.add(FEE));

    book.assertAllWhole();
  }
}
