package org.plasma4j.wallet.cash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinOrigin;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.wallet.WalletKey;
import org.plasma4j.wallet.cash.CashChain.Claim;
import org.plasma4j.wallet.cash.CashChain.PendingClaim;

class ClaimSupportTest {

  private static final Domain DOMAIN = new Domain(31337, Address.fromHex("0x" + "f0".repeat(20)));
  private static final long SLOT = 5;
  private final WalletKey alice = WalletKey.fromHex(DevAccounts.privateKey(2));
  private final WalletKey bob = WalletKey.fromHex(DevAccounts.privateKey(3));
  private final Address carol = WalletKey.fromHex(DevAccounts.privateKey(4)).address();
  private final CoinOrigin origin = new CoinOrigin(999, alice.address());
  /** alice → bob at 1000, nothing at 2000, bob → carol at 3000. */
  private final CoinHistory history = new CoinHistory(
      SLOT,
      List.of(
          included(
              1000, alice.signCoinTransfer(new CoinTransfer(SLOT, 999, bob.address()), DOMAIN)),
          new CoinHistory.Empty(2000),
          included(3000, bob.signCoinTransfer(new CoinTransfer(SLOT, 1000, carol), DOMAIN))));

  private static CoinHistory.Included included(long blk, SignedCoinTransfer t) {
    return new CoinHistory.Included(blk, t, CoinTree.ofTransfers(List.of(t)).proof(SLOT));
  }

  private static Claim checkpoint(
      Address owner, Address prevOwner, long prevBlock, long exitBlock) {
    return new Claim(true, new PendingClaim(owner, prevOwner, prevBlock, exitBlock, 100, 0));
  }

  @Test
  void aCheckpointOfEveryStateOfTheHistoryIsSupported() {
    assertTrue(ClaimSupport.refusal(
            SLOT,
            origin,
            history,
            List.of(
                checkpoint(bob.address(), alice.address(), 999, 1000),
                checkpoint(carol, bob.address(), 1000, 3000)))
        .isEmpty());
  }

  @Test
  void aCheckpointAtOrBeforeTheOriginCannotMoveItAndIsHarmless() {
    CoinOrigin later = new CoinOrigin(1000, bob.address());
    assertTrue(ClaimSupport.refusal(
            SLOT,
            later,
            history.after(1000),
            List.of(checkpoint(bob.address(), alice.address(), 999, 1000)))
        .isEmpty());
  }

  @Test
  void aCheckpointOfAnyOtherStateIsUnsupported() {
    for (Claim c : List.of(
        checkpoint(carol, alice.address(), 999, 1000), // another new owner
        checkpoint(bob.address(), carol, 999, 1000), // another previous owner
        checkpoint(carol, bob.address(), 999, 3000), // another previous block
        checkpoint(carol, bob.address(), 1000, 2000), // a block where the coin did not move
        checkpoint(carol, carol, 3000, 4000))) { // a block the history does not reach
      assertEquals(
          "UNSUPPORTED_CLAIM",
          ClaimSupport.refusal(SLOT, origin, history, List.of(c)).orElseThrow().reason(),
          c.toString());
    }
  }

  @Test
  void anyPendingExitRefusesTheCoin() {
    Claim exit = new Claim(false, new PendingClaim(carol, bob.address(), 1000, 3000, 100, 0));
    assertEquals(
        "COIN_EXITING",
        ClaimSupport.refusal(SLOT, origin, history, List.of(exit)).orElseThrow().reason());
  }
}
