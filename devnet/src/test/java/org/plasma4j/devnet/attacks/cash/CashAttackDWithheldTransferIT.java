package org.plasma4j.devnet.attacks.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.BOB;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.CAROL;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.GRIEFER;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.MIN_EXIT_PERIOD;

import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.devnet.attacks.BalanceBook;
import org.plasma4j.rootchain.CashGameClient;
import org.plasma4j.wallet.WalletException;
import org.plasma4j.wallet.cash.CoinWallet;

/**
 * Cash attack d: a block withheld while a coin transfer is in flight. Alice holds a coin (Carol →
 * Bob → Alice, each hop accepted with its verified history) and sends it to Bob; the operator
 * includes the transfer in block 3000, submits the block's roots and never serves it. Alice cannot
 * see her transfer committed, so she never hands Bob a bundle and Bob never accepts the coin; Alice
 * exits it from the last history she can prove. Near the end of the exit period a griefer
 * challenges before from the origin: the late challenge moves exitableAt to half a period after it
 * (docs/protocol.md §9.5), Alice's coin watch (the guardian's) answers with the first transfer of
 * her history and takes the griefer's bond, leaves the exit alone until the extended maturity, then
 * finalizes it and withdraws the coin.
 */
class CashAttackDWithheldTransferIT extends CashAttackTest {

  @Test
  void theSenderExitsFromItsProvableHistoryAndALateChallengeIsExtendedAndAnswered() {
    BalanceBook book = h.book(ALICE, GRIEFER);
    BigInteger bond = exitBond();
    BigInteger challengeBond = challengeBond();
    long slot = depositEthCoin(CAROL, ETHER);
    long first = h.sendCoin(CAROL, slot, BOB);
    long toAlice = h.sendCoin(BOB, slot, ALICE);
    CashAttackHarness.CoinWatch guard = h.guard(ALICE);
    CoinWallet alice = h.coins(ALICE);

    // the attack: alice's transfer to bob goes into a block the operator submits and withholds
    h.hostility().startWithholding();
    CompletableFuture<CoinWallet.Sent> sending = CompletableFuture.supplyAsync(
        () -> alice.sendCoin(slot, address(BOB), Duration.ofSeconds(5)));
    h.awaitPending(slot, sending);
    long withheld = h.nextBlock().blkNum();
    assertThat(h.hostility().withheldBlocks()).containsExactly(withheld);
    assertThat(h.l1(ALICE).coinRoot(withheld))
        .as("the withheld block's coin root is on chain")
        .isNotEqualTo(Bytes32.ZERO);
    assertThatThrownBy(sending::join)
        .as("alice never sees her transfer served")
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WalletException.class);
    assertThat(h.coins(BOB).receive()).as("bob got no bundle").isEmpty();
    assertThat(h.coins(BOB).coins()).isEmpty();
    assertThat(alice.coin(slot).history().transfers())
        .last()
        .satisfies(t -> assertThat(t.block()).isEqualTo(toAlice));

    // alice exits from the last history she can prove: the transfers of blocks `first` and
    // `toAlice`
    h.exitFromStoredHistory(ALICE, slot);
    book.debit(address(ALICE), "exit bond", bond);
    CashGameClient l1 = h.l1(ALICE);
    long exitableAt = l1.exitOf(slot).exitableAt();
    assertThat(exitableAt).isEqualTo(h.headTimestamp() + MIN_EXIT_PERIOD);
    assertThat(l1.exitOf(slot).prevBlock()).isEqualTo(first);
    assertThat(guard.poll()).as("an honest exit, not yet mature: nothing to do").isZero();

    // a late challenge-before, 20 s before the exit matures
    h.timePasses(MIN_EXIT_PERIOD - 20);
    CashGameClient griefer = h.l1(GRIEFER);
    griefer.challengeBeforeFromOrigin(slot, address(ALICE), false);
    book.debit(address(GRIEFER), "challenge bond", challengeBond);
    long challengedAt = h.headTimestamp();
    assertThat(challengedAt).isGreaterThan(exitableAt - MIN_EXIT_PERIOD / 2);
    long extended = l1.exitOf(slot).exitableAt();
    assertThat(extended)
        .as("exitableAt = time of the late challenge + MEP/2")
        .isEqualTo(challengedAt + MIN_EXIT_PERIOD / 2)
        .isGreaterThan(exitableAt);

    assertThat(guard.poll()).as("commit, then reveal the answer").isEqualTo(2);
    assertThat(guard.lastLine())
        .startsWith("done   answer challenge " + Bytes32.ZERO + " on coin " + slot);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinChallengeAnswered.class))
        .singleElement()
        .satisfies(a -> {
          assertThat(a.slot()).isEqualTo(slot);
          assertThat(a.responder()).isEqualTo(address(ALICE));
        });
    assertThat(l1.exitOf(slot).openChallenges()).isZero();
    assertThat(l1.exitOf(slot).exitableAt())
        .as("an answer does not move exitableAt back")
        .isEqualTo(extended);

    // the original maturity has passed, the extended one not yet
    h.timePasses(extended - h.headTimestamp() - 5);
    assertThat(h.headTimestamp()).isGreaterThan(exitableAt).isLessThan(extended);
    assertThat(catchThrowable(() -> l1.finalizeExit(slot)))
        .as("finalizing before the extended maturity reverts")
        .isNotNull();
    assertThat(guard.poll()).as("the watch waits for the extended maturity").isZero();
    h.timePasses(10);
    assertThat(guard.poll()).as("finalize, then withdraw").isEqualTo(2);
    assertThat(alice.coins()).as("the withdrawn coin left the wallet").isEmpty();
    book.credit(address(ALICE), "the coin's ether", ETHER);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinExitFinalized.class))
        .singleElement()
        .satisfies(f -> assertThat(f.owner()).isEqualTo(address(ALICE)));

    bondsPulledByTheWatch(
        ALICE, bond.add(challengeBond), "her exit bond refunded and the griefer's challenge bond");
    assertThat(griefer.bonds(address(GRIEFER))).isZero();
    book.assertAllWhole();
  }
}
