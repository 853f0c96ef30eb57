package org.plasma4j.devnet.attacks.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ACCOMPLICE;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.MALLORY;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plasma4j.contracts.generated.CoinFreezer;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.rootchain.CashGameEvents.CoinChallenged;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitCancelled;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitStarted;
import org.plasma4j.core.types.Address;
import org.plasma4j.devnet.attacks.BalanceBook;
import org.plasma4j.rootchain.CashGameClient;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Cash attack e: freezing a coin. The operator puts into a block a transfer of Alice's coin to
 * Mallory that Alice never signed; Mallory passes the coin on to her accomplice's contract, which,
 * in one transaction, starts an exit with the two transfers and files against it the only challenge
 * nobody can answer (before, from the origin: Alice never spent the coin), so that no one else
 * could file it first and no other exit could start while it stood; at maturity the exit fails and
 * the contract starts again. Defence: claims by different owners run side by side and every
 * challenger files its own challenge. Alice's coin watch (the guardian's) files the same challenge
 * and, since the coin is being stolen through a forged transfer, exits the coin from her verified
 * history beside the contract's exit. Each failed round forfeits the contract's exit bond to the
 * coin, never to a challenger; Alice's exit wins the coin and every forfeited bond, and her watch
 * withdraws the coin.
 */
class CashAttackEFreezeIT extends CashAttackTest {

  private static CoinFreezer.CoinClaim struct(CoinClaimArgs c) {
    return new CoinFreezer.CoinClaim(
        c.prevTx().toArray(),
        c.prevProof().toArray(),
        c.exitTx().toArray(),
        c.exitSig().toArray(),
        c.exitProof().toArray(),
        BigInteger.valueOf(c.exitBlock()));
  }

  /** The challenge from the origin: no transfer. */
  private static final CoinFreezer.Evidence FROM_ORIGIN =
      new CoinFreezer.Evidence(new byte[0], new byte[0], new byte[0], BigInteger.ZERO);

  @Test
  void theOwnersGuardExitsBesideTheSelfChallengedExitAndEveryRoundCostsTheFreezerItsBond()
      throws Exception {
    BalanceBook book = h.book(ALICE, ACCOMPLICE);
    BigInteger bond = exitBond();
    BigInteger challengeBond = challengeBond();
    long slot = depositEthCoin(ALICE, ETHER);
    long origin = originBlock(slot);
    CashAttackHarness.CoinWatch guard = h.guard(ALICE);
    CoinFreezer freezer = h.freezer(ACCOMPLICE);
    Address frozenBy = Address.fromHex(freezer.getContractAddress());
    BigInteger slotWei = BigInteger.valueOf(slot);

    // the operator forges alice -> mallory; mallory really spends it on to the freezer contract
    h.hostility().injectCoin(h.sign(MALLORY, slot, origin, MALLORY));
    long forgedAt = h.nextBlock().blkNum();
    h.operatorCoins().sendCoinTransfer(h.sign(MALLORY, slot, forgedAt, frozenBy).encode());
    long spentAt = h.nextBlock().blkNum();
    CoinHistory.Included forged = h.included(slot, forgedAt);
    CoinFreezer.CoinClaim claim =
        struct(CashAttackHarness.claim(Optional.of(forged), h.included(slot, spentAt)));

    // the attack: the exit and the one unanswerable challenge of it, in one transaction
    freezer.commit(slotWei, new byte[32]).send();
    TransactionReceipt attack = freezer
        .claimAndChallenge(slotWei, false, claim, FROM_ORIGIN, bond.add(challengeBond))
        .send();
    book.debit(
        address(ACCOMPLICE), "the freezer's exit and challenge bonds", bond.add(challengeBond));
    long attackBlock = attack.getBlockNumber().longValueExact();
    assertThat(h.events().events(attackBlock, attackBlock, CashGameEvents.CoinExitStarted.class))
        .singleElement()
        .satisfies(e -> assertThat(e.owner()).isEqualTo(frozenBy));
    assertThat(h.events().events(attackBlock, attackBlock, CashGameEvents.CoinChallenged.class))
        .as("in the same transaction")
        .singleElement()
        .satisfies(c -> {
          assertThat(c.claimant()).isEqualTo(frozenBy);
          assertThat(c.challenger()).isEqualTo(frozenBy);
          assertThat(c.claimedOwner()).isEqualTo(address(ALICE));
          assertThat(c.blk()).isEqualTo(origin);
        });

    // the defence: the same challenge, filed by alice, and alice's own exit beside the freezer's
    assertThat(guard.poll()).as("commit, her own exit, then the reveal").isEqualTo(3);
    assertThat(guard.lines()).anySatisfy(l -> assertThat(l).startsWith("done   exit coin " + slot));
    assertThat(guard.lastLine())
        .startsWith("done   challenge-before-from-origin the exit of coin " + slot);
    book.debit(address(ALICE), "her exit bond", bond);
    book.debit(address(ALICE), "her first challenge bond", challengeBond);
    CashGameClient alice = h.l1(ALICE);
    assertThat(alice.evidenceOf(slot, frozenBy, false, origin).filings())
        .as("the freezer's and alice's")
        .isEqualTo(2);
    assertThat(alice.pendingClaims(slot).exits()).as("side by side").isEqualTo(2);
    assertThat(alice.exitOf(slot).exitBlock()).as("alice exits from the origin").isEqualTo(origin);

    // the freezer's exit matures first and fails; in one transaction the freezer starts and
    // challenges again
    h.timePasses(alice.exitOf(slot, frozenBy).exitableAt() - h.headTimestamp());
    freezer.again(slotWei, false, claim, FROM_ORIGIN, bond.add(challengeBond)).send();
    book.debit(address(ACCOMPLICE), "the freezer's second round of bonds", bond.add(challengeBond));
    assertThat(alice.forfeits(slot))
        .as("the failed exit's bond stays with the coin")
        .isEqualTo(bond);
    assertThat(alice.bonds(frozenBy))
        .as("challenging itself paid the freezer only its own bond back")
        .isEqualTo(challengeBond);

    // alice's watch challenges the new exit too (its commitment stands), then her exit wins the
    // coin
    guard.poll();
    assertThat(alice.evidenceOf(slot, frozenBy, false, origin).filings())
        .as("alice filed again")
        .isEqualTo(2);
    book.debit(address(ALICE), "her second challenge bond", challengeBond);
    h.timePasses(CashAttackHarness.MIN_EXIT_PERIOD + 1);
    guard.poll();
    assertThat(alice.pendingClaims(slot).exits()).as("every exit closed").isZero();
    assertThat(alice.coin(slot).state()).as("withdrawn").isEqualTo(3);
    book.credit(address(ALICE), "the coin's ether", ETHER);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinExitFinalized.class))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.owner()).isEqualTo(address(ALICE));
          assertThat(f.forfeits())
              .as("the first round's bond, paid with the coin")
              .isEqualTo(bond);
        });
    List<CoinExitCancelled> cancelled =
        h.events().events(0, h.l1Head(), CashGameEvents.CoinExitCancelled.class);
    assertThat(cancelled).as("both of the freezer's exits failed").hasSize(2).allSatisfy(c -> {
      assertThat(c.owner()).isEqualTo(frozenBy);
      assertThat(c.challenger()).as("no challenger takes a forfeited bond").isEqualTo(Address.ZERO);
      assertThat(c.reason()).isEqualTo(3);
    });
    List<CoinChallenged> filed =
        h.events().events(0, h.l1Head(), CashGameEvents.CoinChallenged.class);
    assertThat(filed)
        .extracting(CoinChallenged::challenger)
        .containsExactly(frozenBy, address(ALICE), frozenBy, address(ALICE));
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinExitStarted.class))
        .extracting(CoinExitStarted::owner)
        .containsExactly(frozenBy, address(ALICE), frozenBy);

    bondsPulledByTheWatch(
        ALICE,
        bond.add(bond).add(bond).add(challengeBond).add(challengeBond),
        "her exit bond, the freezer's two forfeited exit bonds, her two challenge bonds refunded");
    freezer.cashOut().send();
    book.credit(
        address(ACCOMPLICE),
        "the freezer's own challenge bonds, refunded",
        challengeBond.add(challengeBond));
    assertThat(alice.bonds(frozenBy)).isZero();
    assertThat(h.devnet()
            .web3j()
            .ethGetBalance(
                frozenBy.toHex(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
            .send()
            .getBalance())
        .isZero();
    book.assertAllWhole();
  }
}
