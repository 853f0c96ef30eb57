package org.plasma4j.core.cash;

import java.util.List;
import java.util.Optional;
import org.plasma4j.core.cash.CoinChallenge.Kind;
import org.plasma4j.core.cash.CoinHistory.Included;
import org.plasma4j.core.types.Address;

/**
 * What an owner or watcher does about a claim on its coin (docs/protocol.md §9.5), from the valid
 * history it holds: transfers T1..Tn after the origin T0. An on-chain claim proves inclusion
 * against the same roots, so a claim that is not on the history's chain of transfers descends from
 * an invalid or double-spent transfer, and the history holds the transfer that shows it. Stateless.
 */
public final class CoinChallengeFinder {
  private CoinChallengeFinder() {}

  /**
   * The challenge {@code claim} calls for, given the verified {@code history} from {@code origin}.
   */
  public static CoinChallenge find(CoinOrigin origin, CoinHistory history, CoinClaim claim) {
    List<Included> chain = history.transfers();
    int exitAt = indexOf(origin, chain, claim.exitBlock(), claim.owner());
    if (exitAt >= 0) {
      // the claim is a real state of the coin: wrong only if it was spent since (exits, not
      // checkpoints)
      return !claim.checkpoint() && exitAt < chain.size()
          ? CoinChallenge.with(Kind.AFTER, chain.get(exitAt))
          : CoinChallenge.NONE;
    }
    int prevAt = indexOf(origin, chain, claim.prevBlock(), claim.prevOwner());
    if (prevAt >= 0) {
      // the previous owner's coin is on the chain; its real spend before exitBlock is a double
      // spend
      boolean spentEarlier = prevAt < chain.size() && chain.get(prevAt).block() < claim.exitBlock();
      return spentEarlier
          ? CoinChallenge.with(Kind.BETWEEN, chain.get(prevAt))
          : CoinChallenge.NONE;
    }
    if (Long.compareUnsigned(claim.prevBlock(), origin.block()) <= 0) {
      return CoinChallenge.NONE; // an origin claim by its owner is always on the chain
    }
    // the claim's previous transfer is not ours: the last transfer of ours before it has no spend
    // up to
    // claim.prevBlock, so the exiter cannot answer a challenge-before naming it
    Included last = null;
    for (Included t : chain) {
      if (t.block() < claim.prevBlock()) {
        last = t;
      }
    }
    return last == null
        ? new CoinChallenge(Kind.BEFORE_FROM_ORIGIN, Optional.empty())
        : CoinChallenge.with(Kind.BEFORE, last);
  }

  /**
   * The answer to an open challenge-before naming {@code claimedOwner} at {@code blk}: the
   * history's spend of that transfer (prevBlock == blk, signed by claimedOwner), if it is included
   * by {@code claimPrevBlock}.
   */
  public static Optional<CoinEvidence> respond(
      CoinOrigin origin, CoinHistory history, Address claimedOwner, long blk, long claimPrevBlock) {
    List<Included> chain = history.transfers();
    int at = indexOf(origin, chain, blk, claimedOwner);
    if (at < 0 || at >= chain.size()) {
      return Optional.empty();
    }
    Included spend = chain.get(at);
    return spend.block() <= claimPrevBlock ? Optional.of(CoinEvidence.of(spend)) : Optional.empty();
  }

  /**
   * The position on the chain (0 = origin, k = Tk) of the state "owner holds the coin since block",
   * or -1. Returns the index of the next transfer, i.e. chain.get(result) spends that state if it
   * exists.
   */
  private static int indexOf(CoinOrigin origin, List<Included> chain, long block, Address owner) {
    if (block == origin.block() && owner.equals(origin.owner())) {
      return 0;
    }
    for (int k = 0; k < chain.size(); k++) {
      Included t = chain.get(k);
      if (t.block() == block && t.transfer().transfer().newOwner().equals(owner)) {
        return k + 1;
      }
    }
    return -1;
  }
}
