package org.plasma4j.guardian;

import java.util.List;
import java.util.Optional;

/**
 * The guardian's decision for one poll.
 *
 * @param alarm why the chain is bad, if it is (raised now or earlier)
 * @param actions what to do, in order: deadline-bound piggybacks first, then exits, then processing
 * @param missed what can no longer be done, e.g. a piggyback whose period 1 is over
 */
public record Plan(Optional<String> alarm, List<Action> actions, List<String> missed) {
  public Plan {
    actions = List.copyOf(actions);
    missed = List.copyOf(missed);
  }
}
