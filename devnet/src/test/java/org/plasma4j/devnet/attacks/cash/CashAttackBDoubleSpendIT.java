package org.plasma4j.devnet.attacks.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ACCOMPLICE;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.BOB;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.MALLORY;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.devnet.attacks.BalanceBook;
import org.plasma4j.rootchain.CashGameClient;

/**
 * Cash attack b: a double spend slipped into a block. Mallory sells her ETH coin to Bob (block
 * 1000, Bob's light client accepts it), then signs a second transfer of the same state to her
 * accomplice, which the hostile operator puts into block 2000 without validating it; the accomplice
 * exits with it. Defence: Bob's coin watch (the guardian's) sees that the exit's previous owner,
 * Mallory, spent that state earlier (to Bob, between the two blocks) and challenges between: the
 * exit is cancelled and the watch pulls its bond. A double spend in a block means the operator
 * cheats with Bob's coin, so the watch also exits it, from the history Bob verified (his wallet
 * will not sync past the double spend); at maturity it finalizes the exit, withdraws the coin's
 * ether and pulls his refunded bond.
 */
class CashAttackBDoubleSpendIT extends CashAttackTest {

  @Test
  void theReceiversGuardChallengesBetweenAndTheReceiverWithdrawsTheCoin() {
    BalanceBook book = h.book(BOB, ACCOMPLICE);
    BigInteger bond = exitBond();
    long slot = depositEthCoin(MALLORY, ETHER);
    long origin = originBlock(slot);
    long sold = h.sendCoin(MALLORY, slot, BOB);
    CashAttackHarness.CoinWatch guard = h.guard(BOB);

    // the attack: a second spend of mallory's origin state, injected by the operator
    SignedCoinTransfer second = h.sign(MALLORY, slot, origin, ACCOMPLICE);
    h.hostility().injectCoin(second);
    long doubleSpent = h.nextBlock().blkNum();
    assertThat(doubleSpent).isGreaterThan(sold);
    CoinHistory.Included injected = h.included(slot, doubleSpent);
    assertThat(injected.transfer()).isEqualTo(second);
    CashGameClient accomplice = h.l1(ACCOMPLICE);
    accomplice.startExit(slot, CashAttackHarness.claim(Optional.empty(), injected));
    book.debit(address(ACCOMPLICE), "exit bond", bond);
    assertThat(accomplice.exitOf(slot).prevBlock()).isEqualTo(origin);

    long verifiedTo = h.coins(BOB).coin(slot).stored().syncedTo();
    assertThat(guard.poll()).as("commit, his own exit, then the reveal").isEqualTo(3);
    assertThat(guard.lines()).anySatisfy(l -> assertThat(l).startsWith("done   exit coin " + slot));
    assertThat(guard.lastLine()).startsWith("done   challenge-between the exit of coin " + slot);
    book.debit(address(BOB), "exit bond", bond);
    assertThat(h.coins(BOB).coin(slot).stored().syncedTo())
        .as("his exit rests on the history verified before")
        .isEqualTo(verifiedTo);
    assertThat(h.l1(BOB).exitOf(slot).prevBlock())
        .as("bob's claim: mallory's transfer to him")
        .isEqualTo(origin);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinExitCancelled.class))
        .singleElement()
        .satisfies(c -> {
          assertThat(c.slot()).isEqualTo(slot);
          assertThat(c.owner()).isEqualTo(address(ACCOMPLICE));
          assertThat(c.challenger()).isEqualTo(address(BOB));
          assertThat(c.reason()).as("challenged between").isEqualTo(2);
        });
    assertThat(accomplice.exitOf(slot).exists()).isFalse();
    assertThat(guard.poll()).as("his own exit, not yet mature").isZero();
    h.timePasses(CashAttackHarness.MIN_EXIT_PERIOD + 1);
    assertThat(guard.poll()).as("finalize, then withdraw").isEqualTo(2);
    CashGameClient bob = h.l1(BOB);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinExitFinalized.class))
        .singleElement()
        .satisfies(f -> assertThat(f.owner()).isEqualTo(address(BOB)));
    assertThat(bob.coin(slot).state()).as("withdrawn").isEqualTo(3);
    book.credit(address(BOB), "the coin's ether", ETHER);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinWithdrawn.class))
        .singleElement()
        .satisfies(w -> assertThat(w.owner()).isEqualTo(address(BOB)));

    bondsPulledByTheWatch(
        BOB, bond.add(bond), "the accomplice's exit bond and his own bond refunded");
    assertThat(accomplice.bonds(address(ACCOMPLICE))).isZero();
    book.assertAllWhole();
  }
}
