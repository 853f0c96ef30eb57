package org.plasma4j.core.cash;

import java.util.List;
import java.util.Optional;
import org.plasma4j.core.cash.CoinHistory.Included;
import org.plasma4j.core.types.Bytes;

/**
 * History bounded by checkpoints (docs/protocol.md §9.6): a checkpoint claims the coin's latest
 * transfer; once it is final it is the new origin and every entry at or before its block can be
 * dropped.
 */
public final class CoinCheckpointPolicy {
  private CoinCheckpointPolicy() {}

  /** The history left after a checkpoint at {@code finalized} becomes the origin. */
  public static CoinHistory prune(CoinHistory history, CoinOrigin finalized) {
    return history.after(finalized.block());
  }

  /**
   * The claim (the CoinClaim struct of startExit / startCheckpoint) for the coin's latest state:
   * its last transfer and the one before it, or the origin itself when the coin never moved after
   * it.
   */
  public static CoinClaimArgs latestClaim(CoinOrigin origin, CoinHistory history) {
    List<Included> chain = history.transfers();
    if (chain.isEmpty()) {
      return CoinClaimArgs.origin(origin.block());
    }
    Included exit = chain.get(chain.size() - 1);
    Optional<Included> prev =
        chain.size() > 1 ? Optional.of(chain.get(chain.size() - 2)) : Optional.empty();
    return new CoinClaimArgs(
        prev.map(p -> Bytes.wrap(p.transfer().transfer().encode())).orElse(Bytes.EMPTY),
        prev.map(Included::proof).orElse(Bytes.EMPTY),
        Bytes.wrap(exit.transfer().transfer().encode()),
        exit.transfer().signature().bytes(),
        exit.proof(),
        exit.block());
  }

  /** Whether a checkpoint now would move the origin: the coin moved since it. */
  public static boolean canCheckpoint(CoinOrigin origin, CoinHistory history) {
    List<Included> chain = history.transfers();
    return !chain.isEmpty() && chain.get(chain.size() - 1).block() > origin.block();
  }
}
