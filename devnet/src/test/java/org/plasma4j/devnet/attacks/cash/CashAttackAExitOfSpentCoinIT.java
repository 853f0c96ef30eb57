package org.plasma4j.devnet.attacks.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.MALLORY;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.devnet.attacks.BalanceBook;
import org.plasma4j.rootchain.CashGameClient;
import org.plasma4j.wallet.cash.CoinWallet;

/**
 * Cash attack a: the previous owner exits a coin she has already spent. Mallory deposits an NFT as
 * a coin, sells it to Alice on the child chain (Alice's light client accepts it with its verified
 * history), then exits it from its origin, as if she never had. Defence: Alice's coin watch (the
 * guardian's) sees the exit, finds the spend of the exiting state in its history and challenges
 * after (commit, then reveal in a later block): the exit is cancelled and the watch pulls Mallory's
 * exit bond. Alice then exits the coin herself; once it matures her watch finalizes it, withdraws
 * the NFT and pulls her refunded bond.
 */
class CashAttackAExitOfSpentCoinIT extends CashAttackTest {

  private static final BigInteger TOKEN_ID = BigInteger.valueOf(7);

  @Test
  void theOwnersGuardChallengesAfterAndTheOwnerWithdrawsTheNft() {
    BalanceBook book = h.book(ALICE, MALLORY);
    BigInteger bond = exitBond();
    long slot = depositNftCoin(MALLORY, TOKEN_ID);
    long origin = originBlock(slot);
    long sold = h.sendCoin(MALLORY, slot, ALICE);
    CashAttackHarness.CoinWatch guard = h.guard(ALICE);
    CoinWallet alice = h.coins(ALICE);
    assertThat(alice.coin(slot).history().transfers())
        .singleElement()
        .satisfies(t -> assertThat(t.block()).isEqualTo(sold));

    // the attack: mallory exits the coin from its origin, which she spent at block `sold`
    CashGameClient mallory = h.l1(MALLORY);
    mallory.startExit(slot, CoinClaimArgs.origin(origin));
    book.debit(address(MALLORY), "exit bond", bond);
    assertThat(mallory.exitOf(slot).owner()).isEqualTo(address(MALLORY));

    assertThat(guard.poll()).as("commit, then reveal").isEqualTo(2);
    assertThat(guard.lastLine()).startsWith("done   challenge-after the exit of coin " + slot);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinExitCancelled.class))
        .singleElement()
        .satisfies(c -> {
          assertThat(c.slot()).isEqualTo(slot);
          assertThat(c.challenger()).isEqualTo(address(ALICE));
          assertThat(c.reason()).as("challenged after").isEqualTo(1);
        });
    assertThat(mallory.exitOf(slot).exists()).isFalse();
    assertThat(mallory.coin(slot).state()).as("deposited again").isZero();

    // the honest owner exits, nobody can challenge it, and her watch finalizes it and withdraws the
    // NFT
    alice.exitCoin(slot);
    book.debit(address(ALICE), "exit bond", bond);
    assertThat(guard.poll()).as("her own exit, not yet mature").isZero();
    h.timePasses(CashAttackHarness.MIN_EXIT_PERIOD + 1);
    assertThat(guard.poll()).as("finalize, then withdraw").isEqualTo(2);
    assertThat(guard.lastLine()).startsWith("done   withdraw coin " + slot);
    assertThat(alice.coins()).as("the withdrawn coin left the wallet").isEmpty();
    assertThat(h.nftOwner(TOKEN_ID)).isEqualTo(address(ALICE));
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinExitFinalized.class))
        .singleElement()
        .satisfies(f -> assertThat(f.owner()).isEqualTo(address(ALICE)));
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinWithdrawn.class))
        .singleElement()
        .satisfies(w -> assertThat(w.owner()).isEqualTo(address(ALICE)));
    assertThat(mallory.coin(slot).state()).as("withdrawn").isEqualTo(3);

    bondsPulledByTheWatch(ALICE, bond.add(bond), "mallory's exit bond and her own bond refunded");
    assertThat(mallory.bonds(address(MALLORY))).isZero();
    book.assertAllWhole();
  }
}
