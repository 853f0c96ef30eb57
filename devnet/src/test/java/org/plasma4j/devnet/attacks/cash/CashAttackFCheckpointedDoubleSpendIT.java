package org.plasma4j.devnet.attacks.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ACCOMPLICE;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.BOB;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.CAROL;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.MALLORY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.devnet.attacks.BalanceBook;
import org.plasma4j.rootchain.CashGameClient;
import org.plasma4j.wallet.cash.CoinBundle;
import org.plasma4j.wallet.cash.CoinWallet;

/**
 * Cash attack e: a coin already being stolen is offered as payment. Mallory pays Carol with her ETH
 * coin (block 1000); the hostile operator also includes Mallory's second spend of the same state to
 * her accomplice (the next block), and the accomplice starts a checkpoint of it. Then Mallory's
 * wallet hands Carol the bundle, whose history through block 1000 is flawless. Were Carol to accept
 * it, the checkpoint would finalize, make the accomplice's transfer the coin's origin, and every
 * claim of Carol's would be {@code ClaimTooOld}. Defence: Carol's light client verifies the coin
 * through the last committed block, not only through the transfer's, finds the double spend and
 * refuses the bundle (named, nothing stored). Carol's L1 balance is whole to the wei: she sent
 * nothing.
 *
 * <p>And an old bundle: Alice pays Carol, Carol pays Bob, and Alice's bundle is delivered to Carol
 * again. Carol's light client sees the coin moved on since and neither reports it accepted nor
 * lists it.
 */
class CashAttackFCheckpointedDoubleSpendIT extends CashAttackTest {

  @Test
  void theReceiverRefusesACoinWhoseDoubleSpendAnAccompliceIsCheckpointing() throws Exception {
    BalanceBook book = h.book(CAROL);
    long slot = depositEthCoin(MALLORY, ETHER);
    long origin = originBlock(slot);
    CoinWallet carol = h.coins(CAROL);

    // mallory pays carol: her light client waits for the committed block, then delivers the bundle
    CompletableFuture<CoinWallet.Sent> paying = CompletableFuture.supplyAsync(
        () -> h.coins(MALLORY).sendCoin(slot, address(CAROL), CashAttackHarness.SEND_TIMEOUT));
    h.awaitPending(slot, paying);
    long sold = h.nextBlock().blkNum();
    CoinWallet.Sent sent = paying.join();
    assertThat(sent.block()).isEqualTo(sold);
    Path bundle = sent.bundle();
    assertThat(carol.inbox().pending()).containsExactly(bundle);
    byte[] original = Files.readAllBytes(bundle);

    // the attack: mallory's second spend of her origin state, injected; the accomplice checkpoints
    // it
    SignedCoinTransfer second = h.sign(MALLORY, slot, origin, ACCOMPLICE);
    h.hostility().injectCoin(second);
    long doubleSpent = h.nextBlock().blkNum();
    assertThat(doubleSpent).isGreaterThan(sold);
    CoinHistory.Included injected = h.included(slot, doubleSpent);
    CashGameClient accomplice = h.l1(ACCOMPLICE);
    accomplice.startCheckpoint(slot, CashAttackHarness.claim(Optional.empty(), injected));
    assertThat(accomplice.checkpointOf(slot).owner()).isEqualTo(address(ACCOMPLICE));
    assertThat(accomplice.checkpointOf(slot).exitBlock()).isEqualTo(doubleSpent);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CheckpointStarted.class))
        .singleElement()
        .satisfies(c -> assertThat(c.slot()).isEqualTo(slot));

    // carol's light client: the bundle's history verifies through block `sold`, the coin's does not
    List<CoinWallet.Received> received = carol.receive();
    assertThat(received).singleElement().satisfies(r -> {
      assertThat(r.accepted()).isFalse();
      assertThat(r.reason()).isEqualTo("WRONG_PREV_BLOCK");
      assertThat(r.message()).contains("at block " + doubleSpent);
    });
    assertThat(carol.coins()).as("nothing stored").isEmpty();
    assertThat(Files.exists(bundle)).as("the bundle leaves the inbox").isFalse();

    // what carol was spared: the checkpoint finalizes and the accomplice's transfer becomes the
    // origin
    h.timePasses(CashAttackHarness.MIN_EXIT_PERIOD + 1);
    accomplice.finalizeCheckpoint(slot);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CheckpointFinalized.class))
        .singleElement()
        .satisfies(f -> assertThat(f.owner()).isEqualTo(address(ACCOMPLICE)));
    CashGameClient.OnChainCoin after = accomplice.coin(slot);
    assertThat(after.originBlock()).isEqualTo(doubleSpent);
    assertThat(after.originOwner()).isEqualTo(address(ACCOMPLICE));
    // the same bundle delivered again is still refused: her transfer is older than the coin's
    // origin now
    carol.inbox().deliver(CoinBundle.decode(original));
    assertThat(carol.receive())
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("NOT_TO_US"));
    assertThat(carol.coins()).isEmpty();

    book.assertAllWhole();
  }

  @Test
  void anOldBundleDeliveredAgainAfterTheReceiverSpentTheCoinIsNeitherAcceptedNorListed()
      throws Exception {
    BalanceBook book = h.book(ALICE, BOB, CAROL);
    long slot = depositEthCoin(ALICE, ETHER);
    CoinWallet carol = h.coins(CAROL);
    CompletableFuture<CoinWallet.Sent> paying = CompletableFuture.supplyAsync(
        () -> h.coins(ALICE).sendCoin(slot, address(CAROL), CashAttackHarness.SEND_TIMEOUT));
    h.awaitPending(slot, paying);
    long toCarol = h.nextBlock().blkNum();
    CoinWallet.Sent sent = paying.join();
    byte[] old = Files.readAllBytes(sent.bundle());
    assertThat(carol.receive())
        .singleElement()
        .satisfies(r -> assertThat(r.accepted()).isTrue());
    long toBob = h.sendCoin(CAROL, slot, BOB);
    assertThat(toBob).isGreaterThan(toCarol);
    assertThat(carol.coins()).isEmpty();

    Path replay = carol.inbox().deliver(CoinBundle.decode(old));
    assertThat(carol.receive()).singleElement().satisfies(r -> {
      assertThat(r.accepted()).isFalse();
      assertThat(r.reason()).isEqualTo("MOVED_ON");
      assertThat(r.message()).contains("belongs to " + address(BOB) + " since block " + toBob);
    });
    assertThat(carol.coins()).as("the coin is not listed as carol's").isEmpty();
    assertThat(Files.exists(replay)).isFalse();
    assertThat(h.coins(BOB).coin(slot).stored().coinBlock()).isEqualTo(toBob);

    book.assertAllWhole();
  }
}
