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
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.devnet.attacks.BalanceBook;
import org.plasma4j.rootchain.CashGameClient;

/**
 * Cash attack c: a forged history, and its mirror, a false challenge of an honest history.
 *
 * <p>Forged: the operator puts into block 1000 a transfer of Alice's coin to Mallory that Alice never
 * signed; Mallory spends it on to her accomplice in block 2000 (the operator's view follows its
 * forgery, so it accepts that spend), and the accomplice exits with the last two transfers, which are
 * both included. Defence: Alice's coin watch (the guardian's) holds a history in which the coin never
 * left her (her wallet will not sync the forgery), so the exit descends from nothing of hers: it
 * challenges before from the origin, bonded. Only a spend signed by Alice could answer it; there is
 * none, so once the exit matures her watch finalizes it, which cancels it: its bond goes to Alice and
 * her challenge bond comes back, both pulled by the watch. Alice exits the coin from her verified
 * history and her watch finalizes and withdraws it.
 *
 * <p>Answered: a griefer challenges the honest exit of Carol (who got the coin from Alice through Bob)
 * from the origin; Carol's coin watch answers with Alice's transfer from its history, the challenge
 * closes, the griefer's bond is Carol's, and Carol's watch finalizes her exit and withdraws the coin.
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
    h.operatorCoins().sendCoinTransfer(h.sign(MALLORY, slot, forgedAt, ACCOMPLICE).encode());
    long spentAt = h.nextBlock().blkNum();
    CoinHistory.Included forged = h.included(slot, forgedAt);
    CashGameClient accomplice = h.l1(ACCOMPLICE);
    accomplice.startExit(slot, CashAttackHarness.claim(Optional.of(forged), h.included(slot, spentAt)));
    book.debit(address(ACCOMPLICE), "exit bond", bond);

    assertThat(guard.poll()).as("commit, then reveal").isEqualTo(2);
    assertThat(guard.lastLine()).startsWith("done   challenge-before-from-origin the exit of coin " + slot)
        .contains("bond " + challengeBond + " wei");
    book.debit(address(ALICE), "challenge bond", challengeBond);
    assertThat(h.events().coinsChallenged(0, h.l1Head())).singleElement().satisfies(c -> {
      assertThat(c.slot()).isEqualTo(slot);
      assertThat(c.onCheckpoint()).isFalse();
      assertThat(c.challengeTxHash()).isEqualTo(Bytes32.ZERO);
      assertThat(c.claimedOwner()).isEqualTo(address(ALICE));
      assertThat(c.blk()).isEqualTo(origin);
    });
    assertThat(accomplice.exitOf(slot).openChallenges()).isEqualTo(1);

    // the accomplice cannot answer with the forgery: alice did not sign it
    assertThatThrownBy(() -> accomplice.respondChallengeBefore(slot, false, Bytes32.ZERO, CoinEvidence.of(forged)))
        .isInstanceOf(RuntimeException.class);
    assertThat(accomplice.challengeOf(slot, false, Bytes32.ZERO).open()).isTrue();

    h.timePasses(CashAttackHarness.MIN_EXIT_PERIOD + 1);
    assertThat(guard.poll()).as("the still-challenged exit is finalized, so it fails").isEqualTo(1);
    assertThat(guard.lastLine()).startsWith("done   finalize the exit of coin " + slot);
    CashGameClient alice = h.l1(ALICE);
    assertThat(h.events().coinExitsCancelled(0, h.l1Head())).singleElement().satisfies(c -> {
      assertThat(c.challenger()).isEqualTo(address(ALICE));
      assertThat(c.reason()).as("an open challenge-before at finalization").isEqualTo(3);
    });
    assertThat(alice.coin(slot).state()).isZero();
    assertThat(h.events().coinExitsFinalized(0, h.l1Head())).isEmpty();

    // alice's coin never moved in her verified history: she exits it from its origin
    h.exitFromStoredHistory(ALICE, slot);
    book.debit(address(ALICE), "exit bond", bond);
    assertThat(guard.poll()).as("her own exit, not yet mature").isZero();
    h.timePasses(CashAttackHarness.MIN_EXIT_PERIOD + 1);
    assertThat(guard.poll()).as("finalize, then withdraw").isEqualTo(2);
    book.credit(address(ALICE), "the coin's ether", ETHER);
    assertThat(h.events().coinExitsFinalized(0, h.l1Head())).singleElement()
        .satisfies(f -> assertThat(f.owner()).isEqualTo(address(ALICE)));
    assertThat(h.events().coinsWithdrawn(0, h.l1Head())).singleElement()
        .satisfies(w -> assertThat(w.owner()).isEqualTo(address(ALICE)));

    bondsPulledByTheWatch(ALICE, bond.add(challengeBond).add(bond),
        "the accomplice's exit bond, her challenge bond refunded, her exit bond refunded");
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
    griefer.challengeBeforeFromOrigin(slot, false);
    book.debit(address(GRIEFER), "challenge bond", challengeBond);
    assertThat(griefer.exitOf(slot).openChallenges()).isEqualTo(1);

    assertThat(guard.poll()).as("commit, then reveal the answer").isEqualTo(2);
    assertThat(guard.lastLine()).startsWith("done   answer challenge " + Bytes32.ZERO + " on coin " + slot);
    assertThat(h.events().coinChallengesAnswered(0, h.l1Head())).singleElement().satisfies(a -> {
      assertThat(a.slot()).isEqualTo(slot);
      assertThat(a.challengeTxHash()).isEqualTo(Bytes32.ZERO);
      assertThat(a.responder()).isEqualTo(address(CAROL));
    });
    assertThat(griefer.challengeOf(slot, false, Bytes32.ZERO).open()).isFalse();
    assertThat(griefer.exitOf(slot).openChallenges()).isZero();
    assertThat(griefer.coin(slot).originBlock()).isEqualTo(origin);

    h.timePasses(CashAttackHarness.MIN_EXIT_PERIOD + 1);
    assertThat(guard.poll()).as("finalize, then withdraw").isEqualTo(2);
    assertThat(h.coins(CAROL).coins()).as("the withdrawn coin left the wallet").isEmpty();
    book.credit(address(CAROL), "the coin's ether", ETHER);
    assertThat(h.events().coinExitsFinalized(0, h.l1Head())).singleElement()
        .satisfies(f -> assertThat(f.owner()).isEqualTo(address(CAROL)));

    bondsPulledByTheWatch(CAROL, bond.add(challengeBond), "her exit bond refunded and the griefer's challenge bond");
    assertThat(griefer.bonds(address(GRIEFER))).isZero();
    book.assertAllWhole();
  }
}
