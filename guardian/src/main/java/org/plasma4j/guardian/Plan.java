package org.plasma4j.guardian;

import java.util.List;
import java.util.Optional;

/**
 * The guardian's decision for one poll.
 *
 * @param alarm why the chain is bad for these keys now, what is at stake and since when, if it is
 * @param actions what to do, in order: deadline-bound piggybacks first, then exits, then processing
 * @param missed what can no longer be done, e.g. a piggyback whose period 1 is over
 * @param notices events that stand but do not threaten the guarded funds: they inform, nothing more
 */
public record Plan(
    Optional<String> alarm, List<Action> actions, List<String> missed, List<String> notices) {
  public Plan {
    actions = List.copyOf(actions);
    missed = List.copyOf(missed);
    notices = List.copyOf(notices);
  }

  public Plan(Optional<String> alarm, List<Action> actions, List<String> missed) {
    this(alarm, actions, missed, List.of());
  }
}
