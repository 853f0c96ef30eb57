package org.plasma4j.devnet.attacks.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ACCOMPLICE;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.BOB;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.CAROL;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.GRIEFER;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.MALLORY;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinEvidence;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.devnet.attacks.BalanceBook;
import org.plasma4j.rootchain.CashGameClient;

/**
 * Cash attack c: a forged history, and its mirror, a false challenge of an honest history.
 *
 * <p>Forged: the operator puts into block 1000 a transfer of Alice's coin to Mallory that Alice
 * never signed; Mallory spends it on to her accomplice in block 2000 (the operator's view follows
 * its forgery, so it accepts that spend), and the accomplice exits with the last two transfers,
 * which are both included. Defence: Alice's coin watch (the guardian's) holds a history in which
 * the coin never left her (her wallet will not sync the forgery), so the exit descends from nothing
 * of hers: it challenges before from the origin, bonded, and exits the coin from her verified
 * history beside the accomplice's exit. Only a spend signed by Alice could answer the challenge;
 * there is none, so once both exits mature her watch finalizes hers, which wins the coin, and the
 * accomplice's, which fails: its bond is forfeited to the coin's exited owner, Alice, and her
 * challenge bond comes back, both pulled by the watch, which withdraws the coin.
 *
 * <p>Answered: a griefer challenges the honest exit of Carol (who got the coin from Alice through
 * Bob) from the origin; Carol's coin watch answers with Alice's transfer from its history, the
 * challenge closes, the griefer's bond is Carol's, and Carol's watch finalizes her exit and
 * withdraws the coin.
 */
class CashAttackCForgedHistoryIT extends CashAttackTest {

  @Test
  void aForgedHistoryIsChallengedBeforeUnanswerablyAndTheOwnerWithdrawsTheCoin() {
    BalanceBook book = h.book(ALICE, ACCOMPLICE);
    BigInteger bond = exitBond();
    BigInteger challengeBond = challengeBond();
    long slot = depositEthCoin(ALICE, ETHER);
    long origin = originBlock(slot);
    CashAttackHarness.CoinWatch guard = h.guard(ALICE);

    // the attack: a transfer alice never signed, then a real spend of it, then an exit of both
    h.hostility().injectCoin(h.sign(MALLORY, slot, origin, MALLORY));
    long forgedAt = h.nextBlock().blkNum();
    h.operatorCoins()
        .sendCoinTransfer(h.sign(MALLORY, slot, forgedAt, ACCOMPLICE).encode());
    long spentAt = h.nextBlock().blkNum();
    CoinHistory.Included forged = h.included(slot, forgedAt);
    CashGameClient accomplice = h.l1(ACCOMPLICE);
    accomplice.startExit(
        slot, CashAttackHarness.claim(Optional.of(forged), h.included(slot, spentAt)));
    book.debit(address(ACCOMPLICE), "exit bond", bond);

    assertThat(guard.poll()).as("commit, her own exit, then the reveal").isEqualTo(3);
    assertThat(guard.lastLine())
        .startsWith("done   challenge-before-from-origin the exit of coin " + slot)
        .contains("bond " + challengeBond + " wei");
    book.debit(address(ALICE), "challenge bond", challengeBond);
    book.debit(address(ALICE), "exit bond", bond);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinChallenged.class))
        .singleElement()
        .satisfies(c -> {
          assertThat(c.slot()).isEqualTo(slot);
          assertThat(c.claimant()).isEqualTo(address(ACCOMPLICE));
          assertThat(c.onCheckpoint()).isFalse();
          assertThat(c.challengeTxHash()).isEqualTo(Bytes32.ZERO);
          assertThat(c.claimedOwner()).isEqualTo(address(ALICE));
          assertThat(c.blk()).isEqualTo(origin);
          assertThat(c.challenger()).isEqualTo(address(ALICE));
        });
    assertThat(accomplice.exitOf(slot).openChallenges()).isEqualTo(1);
    CashGameClient alice = h.l1(ALICE);
    assertThat(alice.exitOf(slot).exitBlock()).as("alice exits from the origin").isEqualTo(origin);
    assertThat(alice.pendingClaims(slot).exits()).as("side by side").isEqualTo(2);

    // the accomplice cannot answer with the forgery: alice did not sign it
    assertThatThrownBy(() -> accomplice.respondChallengeBefore(
            slot, address(ACCOMPLICE), false, CoinEvidence.of(forged)))
        .isInstanceOf(RuntimeException.class);
    assertThat(accomplice.evidenceOf(slot, address(ACCOMPLICE), false, origin).open())
        .isTrue();

    h.timePasses(CashAttackHarness.MIN_EXIT_PERIOD + 1);
    assertThat(guard.poll())
        .as("her exit wins, the still-challenged one fails, the coin is withdrawn")
        .isEqualTo(3);
    assertThat(guard.lastLine()).startsWith("done   withdraw coin " + slot);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinExitCancelled.class))
        .singleElement()
        .satisfies(c -> {
          assertThat(c.owner()).isEqualTo(address(ACCOMPLICE));
          assertThat(c.challenger())
              .as("no challenger wins a forfeited bond")
              .isEqualTo(Address.ZERO);
          assertThat(c.reason()).as("an open challenge-before at its end").isEqualTo(3);
        });
    book.credit(address(ALICE), "the coin's ether", ETHER);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinExitFinalized.class))
        .singleElement()
        .satisfies(f -> assertThat(f.owner()).isEqualTo(address(ALICE)));
    assertThat(alice.coin(slot).state()).as("withdrawn").isEqualTo(3);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinWithdrawn.class))
        .singleElement()
        .satisfies(w -> assertThat(w.owner()).isEqualTo(address(ALICE)));

    bondsPulledByTheWatch(
        ALICE,
        bond.add(challengeBond).add(bond),
        "the accomplice's forfeited exit bond, her challenge bond refunded, her exit bond refunded");
    assertThat(accomplice.bonds(address(ACCOMPLICE))).isZero();
    book.assertAllWhole();
  }

  @Test
  void aFalseChallengeBeforeIsAnsweredByTheOwnersGuardAndTheHonestExitFinalizes() {
    BalanceBook book = h.book(CAROL, GRIEFER);
    BigInteger bond = exitBond();
    BigInteger challengeBond = challengeBond();
    long slot = depositEthCoin(ALICE, ETHER);
    long origin = originBlock(slot);
    long toBob = h.sendCoin(ALICE, slot, BOB);
    h.sendCoin(BOB, slot, CAROL);
    CashAttackHarness.CoinWatch guard = h.guard(CAROL);
    h.coins(CAROL).exitCoin(slot);
    book.debit(address(CAROL), "exit bond", bond);
    assertThat(h.l1(CAROL).exitOf(slot).prevBlock()).isEqualTo(toBob);

    // the attack: a bonded claim that the coin never left its origin owner
    CashGameClient griefer = h.l1(GRIEFER);
    griefer.challengeBeforeFromOrigin(slot, address(CAROL), false);
    book.debit(address(GRIEFER), "challenge bond", challengeBond);
    assertThat(griefer.exitOf(slot, address(CAROL)).openChallenges()).isEqualTo(1);

    assertThat(guard.poll()).as("commit, then reveal the answer").isEqualTo(2);
    assertThat(guard.lastLine())
        .startsWith("done   answer challenge " + Bytes32.ZERO + " on coin " + slot);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinChallengeAnswered.class))
        .singleElement()
        .satisfies(a -> {
          assertThat(a.slot()).isEqualTo(slot);
          assertThat(a.claimant()).isEqualTo(address(CAROL));
          assertThat(a.blk()).isEqualTo(origin);
          assertThat(a.responder()).isEqualTo(address(CAROL));
          assertThat(a.amount()).isEqualTo(challengeBond);
        });
    assertThat(griefer.evidenceOf(slot, address(CAROL), false, origin).open()).isFalse();
    assertThat(griefer.exitOf(slot, address(CAROL)).openChallenges()).isZero();
    assertThat(griefer.coin(slot).originBlock()).isEqualTo(origin);

    h.timePasses(CashAttackHarness.MIN_EXIT_PERIOD + 1);
    assertThat(guard.poll()).as("finalize, then withdraw").isEqualTo(2);
    assertThat(h.coins(CAROL).coins()).as("the withdrawn coin left the wallet").isEmpty();
    book.credit(address(CAROL), "the coin's ether", ETHER);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinExitFinalized.class))
        .singleElement()
        .satisfies(f -> assertThat(f.owner()).isEqualTo(address(CAROL)));

    bondsPulledByTheWatch(
        CAROL, bond.add(challengeBond), "her exit bond refunded and the griefer's challenge bond");
    assertThat(griefer.bonds(address(GRIEFER))).isZero();
    book.assertAllWhole();
  }
}
