package org.plasma4j.core.cash;

import java.util.Objects;
import java.util.Optional;

/**
 * The challenge to make against a claim, and its arguments (none for NONE and BEFORE_FROM_ORIGIN).
 */
public record CoinChallenge(Kind kind, Optional<CoinEvidence> evidence) {
  public static final CoinChallenge NONE = new CoinChallenge(Kind.NONE, Optional.empty());

  /** Which cash-game function to call (docs/protocol.md §9.5). */
  public enum Kind {
    /** challengeAfter: the exiting transfer was spent. Exits only. */
    AFTER,
    /** challengeBetween / challengeCheckpointBetween: the previous owner spent the coin earlier. */
    BETWEEN,
    /** challengeBefore with an earlier transfer the claim does not descend from. */
    BEFORE,
    /** challengeBeforeFromOrigin: the claim does not descend from any transfer, only the origin. */
    BEFORE_FROM_ORIGIN,
    /** The claim agrees with the history. */
    NONE
  }

  public CoinChallenge {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(evidence, "evidence");
  }

  static CoinChallenge with(Kind kind, CoinHistory.Included transfer) {
    return new CoinChallenge(kind, Optional.of(CoinEvidence.of(transfer)));
  }
}
