package org.plasma4j.explorer;

import java.util.List;
import java.util.Set;

/**
 * The chain's health for the banner, judged from the events the watcher says stand now
 * (docs/watcher.md, "Which events stand now").
 *
 * <ul>
 *   <li>{@code faulted}: the root chain already holds a fault: a block committed with a proven
 *       invalid transaction, or a theft that was paid. Every owner exits.
 *   <li>{@code unsafe}: an alarm or an attack in progress that can still be answered: a withheld or
 *       unobtainable block, an exit, piggyback or in-flight exit that must be challenged, a
 *       challenge that keeps failing.
 *   <li>{@code ok}: nothing stands but advice (a piggyback to make) or a warning (fees).
 * </ul>
 */
public record Health(State state, List<String> reasons) {

  public enum State {
    OK,
    UNSAFE,
    FAULTED,
    UNKNOWN;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Events that show the root chain's record already broke the rules. */
  private static final Set<String> PROVEN_INVALID_BLOCK_PREFIXES =
      Set.of("malformed_tx", "invalid_tx", "invalid_fee_tx");

  private static final Set<String> PAID_THEFT =
      Set.of("unchallenged_exit", "unchallenged_piggyback", "unchallenged_ife");

  /** Standing events that need no alarm. */
  private static final Set<String> BENIGN = Set.of("piggyback_available", "fee_policy");

  public record StandingEvent(String type, String error) {}

  public Health {
    reasons = List.copyOf(reasons);
  }

  public static Health judge(List<StandingEvent> standing) {
    List<String> faults = standing.stream()
        .filter(Health::isFault)
        .map(Health::describe)
        .distinct()
        .toList();
    if (!faults.isEmpty()) {
      return new Health(State.FAULTED, faults);
    }
    List<String> alarms = standing.stream()
        .filter(e -> !BENIGN.contains(e.type()))
        .map(Health::describe)
        .distinct()
        .toList();
    return alarms.isEmpty() ? new Health(State.OK, List.of()) : new Health(State.UNSAFE, alarms);
  }

  /** The watcher could not be asked: nobody checked the chain for this page. */
  public static Health unknown(String why) {
    return new Health(State.UNKNOWN, List.of(why));
  }

  private static boolean isFault(StandingEvent e) {
    if (PAID_THEFT.contains(e.type())) {
      return true;
    }
    if (!e.type().equals("invalid_block") || e.error() == null) {
      return false;
    }
    String prefix =
        e.error().contains(":") ? e.error().substring(0, e.error().indexOf(':')) : e.error();
    return PROVEN_INVALID_BLOCK_PREFIXES.contains(prefix);
  }

  private static String describe(StandingEvent e) {
    return e.error() == null || e.error().isEmpty() ? e.type() : e.type() + " (" + e.error() + ")";
  }
}
