package org.plasma4j.explorer;

import java.util.List;
import java.util.Set;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.L1Event;

/**
 * The chain's health for the banner, judged from the events the watcher says stand now
 * (docs/watcher.md, "Which events stand now") and from what the root chain itself records.
 *
 * <ul>
 *   <li>{@code faulted}: the root chain already holds a fault: a block committed with a proven
 *       invalid transaction, or a theft that was paid (both from the watcher). Every owner exits.
 *   <li>{@code unsafe}: an alarm or an attack in progress that can still be answered: a withheld or
 *       unobtainable block, an exit, piggyback or in-flight exit that must be challenged, a
 *       challenge that keeps failing.
 *   <li>{@code ok}: nothing stands but advice (a piggyback to make) or a warning (fees).
 * </ul>
 *
 * What the root chain's own events show ({@link #l1Notices}, an open mass exit) is named beside the
 * state but never sets it: anyone may start a mass exit of an output of their own for one bond, so
 * a state taken from it would let one cheap transaction tell every user of an honest chain to exit.
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
    return judge(standing, List.of());
  }

  /**
   * @param standing the watcher's standing events, which alone set the state
   * @param l1Notices what the root chain's own events show ({@link #l1Notices}), named after the
   *     watcher's reasons
   */
  public static Health judge(List<StandingEvent> standing, List<String> l1Notices) {
    List<String> faults = standing.stream()
        .filter(Health::isFault)
        .map(Health::describe)
        .distinct()
        .toList();
    if (!faults.isEmpty()) {
      return new Health(State.FAULTED, withNotices(faults, l1Notices));
    }
    List<String> alarms = standing.stream()
        .filter(e -> !BENIGN.contains(e.type()))
        .map(Health::describe)
        .distinct()
        .toList();
    return new Health(alarms.isEmpty() ? State.OK : State.UNSAFE, withNotices(alarms, l1Notices));
  }

  private static List<String> withNotices(List<String> reasons, List<String> l1Notices) {
    return java.util.stream.Stream.concat(reasons.stream(), l1Notices.stream())
        .distinct()
        .toList();
  }

  /** The watcher could not be asked: nobody checked the chain for this page. */
  public static Health unknown(String why) {
    return new Health(State.UNKNOWN, List.of(why));
  }

  /** Without the watcher: unknown, with what the root chain's own events show. */
  public static Health withoutWatcher(String why, List<String> l1Notices) {
    List<String> reasons = new java.util.ArrayList<>();
    reasons.add(why);
    reasons.addAll(l1Notices);
    return new Health(State.UNKNOWN, reasons);
  }

  /**
   * What the root chain's events show without anyone's judgement: each mass exit still open
   * (started, not processed). A mass exit is the bulk way out of a chain whose operator withholds
   * blocks (docs/protocol.md section 7), but its start proves nothing about the chain: an owner
   * whose watcher reports no fault need not act.
   */
  public static List<String> l1Notices(List<L1Event> events) {
    java.util.Map<java.math.BigInteger, ExitGameEvents.MassExitStarted> open =
        new java.util.LinkedHashMap<>();
    for (L1Event e : events) {
      if (e instanceof ExitGameEvents.MassExitStarted s) {
        open.put(s.batchId(), s);
      } else if (e instanceof ExitGameEvents.MassExitFinalized f) {
        open.remove(f.batchId());
      }
    }
    return open.values().stream()
        .map(s -> "a mass exit is open on L1, which alone proves no fault (batch " + s.batchId()
            + " of " + s.leaves().size()
            + " outputs, token " + s.token().toHex() + ", started by "
            + s.initiator().toHex()
            + " in L1 block " + s.l1Block() + ")")
        .toList();
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
