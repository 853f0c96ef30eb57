package org.plasma4j.core.exit;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.tx.Transaction;

/**
 * The canonicity game of an in-flight exit from what one party knows: whether the transaction
 * really is canonical (no competitor older than it), and whether the game's current answer is wrong
 * in a way this party can fix now, by a challenge (watcher) or a response (guardian, the exit's
 * owner).
 *
 * @param canonical the truth as far as {@code known} shows it: outputs exit if true, inputs
 *     otherwise
 * @param challenge the competitor to show now, present only when the game says canonical, it is not
 *     and the first period is still open
 * @param response the in-flight transaction's inclusion to show now, present only when the game
 *     says non-canonical but the transaction was included before every competitor shown
 */
public record Canonicity(
    boolean canonical, Optional<Competitor> challenge, Optional<Inclusion> response) {

  /**
   * @param inFlightInclusion where the in-flight transaction is included, if it is
   * @param known every transaction this party has seen (blocks and in flight)
   * @param state the game's record of the exit
   */
  public static Canonicity evaluate(
      Transaction inFlightTx,
      Optional<Inclusion> inFlightInclusion,
      Collection<KnownTransaction> known,
      InFlightExitState state,
      long now,
      long mep) {
    long ownPriority = inFlightInclusion.map(Inclusion::position).orElse(Long.MAX_VALUE);
    List<Competitor> older = CompetitorFinder.all(inFlightTx, known).stream()
        .filter(c -> inFlightInclusion.isEmpty() || c.priority() < ownPriority)
        .toList();
    boolean canonical = older.isEmpty();
    if (state.finalized()) {
      return new Canonicity(canonical, Optional.empty(), Optional.empty());
    }
    long shown = state.oldestCompetitorPriority();
    Optional<Competitor> challenge = older.stream()
        .findFirst()
        .filter(c -> state.isCanonical() && state.inFirstPeriod(now, mep))
        .filter(c -> shown == Long.MAX_VALUE || c.priority() < shown);
    Optional<Inclusion> response =
        inFlightInclusion.filter(i -> !state.isCanonical() && i.position() < shown);
    return new Canonicity(canonical, challenge, response);
  }
}
