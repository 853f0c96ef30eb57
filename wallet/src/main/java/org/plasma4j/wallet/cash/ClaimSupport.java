package org.plasma4j.wallet.cash;

import java.util.List;
import java.util.Optional;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinOrigin;
import org.plasma4j.core.types.Address;
import org.plasma4j.wallet.WalletException.CoinRejected;
import org.plasma4j.wallet.cash.CashChain.Claim;
import org.plasma4j.wallet.cash.CashChain.PendingClaim;

/**
 * Whether the claims pending on a coin leave it safe to accept, given its history verified from the
 * on-chain origin through the last committed block. A pending exit takes the coin away. A pending
 * checkpoint is safe only if that history holds the state it claims: a checkpoint of anything else
 * (an accomplice's checkpoint of a double spend the operator slipped in, say) becomes the coin's
 * origin once it finalizes, and every claim descending from the receiver's transfer is then too
 * old. Pure.
 */
final class ClaimSupport {

  private ClaimSupport() {}

  /** The rejection for the first pending claim {@code verified} does not support, if any. */
  static Optional<CoinRejected> refusal(
      long slot, CoinOrigin origin, CoinHistory verified, List<Claim> pending) {
    for (Claim c : pending) {
      PendingClaim p = c.claim();
      if (!c.checkpoint()) {
        return Optional.of(new CoinRejected(
            "COIN_EXITING",
            "coin " + Long.toUnsignedString(slot) + " is exiting (" + p.owner()
                + " claims it at block " + p.exitBlock() + ")"));
      }
      Optional<String> why = unsupported(origin, verified, p);
      if (why.isPresent()) {
        return Optional.of(new CoinRejected(
            "UNSUPPORTED_CLAIM",
            "coin " + Long.toUnsignedString(slot) + " has a pending checkpoint (" + p.owner()
                + " at block " + p.exitBlock() + ") " + why.get()));
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@code claim} is not a state of the verified history: the transfer at its block must be to
   * its owner, spending its previous block, from its previous owner. A claim at or before the
   * origin cannot move the origin (it only moves forward), so it is harmless.
   */
  static Optional<String> unsupported(CoinOrigin origin, CoinHistory verified, PendingClaim claim) {
    if (claim.exitBlock() <= origin.block()) {
      return Optional.empty();
    }
    Address owner = origin.owner();
    long ownedSince = origin.block();
    for (CoinHistory.Included i : verified.transfers()) {
      Address next = i.transfer().transfer().newOwner();
      if (i.block() == claim.exitBlock()) {
        boolean same = next.equals(claim.owner())
            && ownedSince == claim.prevBlock()
            && owner.equals(claim.prevOwner());
        return same
            ? Optional.empty()
            : Optional.of("claims a state the verified history does not hold: at block " + i.block()
                + " the coin went from " + owner + " (since block " + ownedSince + ") to " + next);
      }
      owner = next;
      ownedSince = i.block();
    }
    return Optional.of("claims a transfer at block " + claim.exitBlock()
        + " that the verified history does not hold (the coin did not move there)");
  }
}
