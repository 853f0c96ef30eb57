package org.plasma4j.guardian.cash;

import java.util.List;
import java.util.Optional;
import org.plasma4j.core.cash.CoinClaim;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinOrigin;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * What the coin watch sees of one of the wallet's coins in one poll: the verified history the wallet
 * holds, and the coin's state, pending exit and pending checkpoint on the root chain.
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
    Optional<ObservedClaim> exit,
    Optional<ObservedClaim> checkpoint) {

  public static final int EXITED = 2;

  /**
   * A pending exit or checkpoint.
   *
   * @param startedAtL1 the root-chain block of its start event: with the slot, what tells one claim
   *     from a later one with the same blocks
   * @param openChallenges the challenges-before still open against it
   */
  public record ObservedClaim(CoinClaim claim, long exitableAt, long startedAtL1, List<OpenChallenge> openChallenges) {
    public ObservedClaim {
      openChallenges = List.copyOf(openChallenges);
    }

    /** The journal's name for this claim. */
    public String key() {
      return Long.toUnsignedString(claim.slot()) + (claim.checkpoint() ? ":checkpoint@" : ":exit@") + startedAtL1;
    }
  }

  /** An open challenge-before: someone claims {@code claimedOwner} held the coin since {@code blk}. */
  public record OpenChallenge(Bytes32 challengeTxHash, Address claimedOwner, long blk) {}
}
