package org.plasma4j.guardian.cash;

import java.util.List;
import org.plasma4j.core.cash.CoinClaim;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinOrigin;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * What the coin watch sees of one of the wallet's coins in one poll: the verified history the
 * wallet holds, and the coin's state and every pending exit and checkpoint on the root chain
 * (claims run side by side, one exit and one checkpoint per owner).
 *
 * @param state the cash game's coin state (0 deposited, 1 exiting, 2 exited, 3 withdrawn)
 * @param exitedOwner who may withdraw an exited coin (zero otherwise)
 */
public record WatchedCoin(
    long slot,
    CoinOrigin origin,
    CoinHistory history,
    int state,
    Address exitedOwner,
    List<ObservedClaim> claims) {

  public static final int EXITED = 2;

  public WatchedCoin {
    claims = List.copyOf(claims);
  }

  /** Whether {@code owner} has an exit of the coin pending. */
  public boolean exitPendingBy(Address owner) {
    return claims.stream()
        .anyMatch(c -> !c.claim().checkpoint() && c.claim().owner().equals(owner));
  }

  /**
   * A pending exit or checkpoint.
   *
   * @param claimId the game's id of the claim, unique among every claim ever made
   * @param openChallenges the evidence still open against it
   */
  public record ObservedClaim(
      CoinClaim claim, long claimId, long exitableAt, List<OpenChallenge> openChallenges) {
    public ObservedClaim {
      openChallenges = List.copyOf(openChallenges);
    }

    /** The journal's name for this claim. */
    public String key() {
      return key(claim.slot(), claim.checkpoint(), claimId);
    }

    public static String key(long slot, boolean checkpoint, long claimId) {
      return Long.toUnsignedString(slot) + (checkpoint ? ":checkpoint#" : ":exit#") + claimId;
    }
  }

  /**
   * Open evidence against a claim: someone claims {@code claimedOwner} held the coin since
   * {@code blk} (the transfer {@code challengeTxHash} there, or zero for the origin).
   */
  public record OpenChallenge(Bytes32 challengeTxHash, Address claimedOwner, long blk) {}

  /**
   * One of the watch's own challenge filings that is still open (neither refunded nor answered), on
   * any coin, including coins the wallet no longer holds: its claim is finalized once mature, which
   * refunds it; a filing beyond the first 32 its claim's close refunded is settled on its own.
   *
   * @param claimPending whether the claim it was filed against is still pending
   */
  public record OwnFiling(
      long slot,
      Address claimant,
      boolean onCheckpoint,
      long claimId,
      long index,
      boolean claimPending,
      long exitableAt) {

    public String claimKey() {
      return ObservedClaim.key(slot, onCheckpoint, claimId);
    }
  }
}
