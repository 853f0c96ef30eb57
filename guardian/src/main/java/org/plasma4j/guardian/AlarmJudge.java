package org.plasma4j.guardian;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.types.Address;

/**
 * Whether the chain is bad for these keys now, judged on the events whose cause stands now and on
 * what the keys hold: pure, no I/O (docs/guardian.md, "When the chain is bad").
 *
 * <ul>
 *   <li>An invalid or withheld block puts every output of the keys at stake: alarm.
 *   <li>A theft nobody stopped (an {@code unchallenged_*} event) puts at stake what the vault would
 *       pay wrongly, in its token. All of them together, per token, and at most what the keys hold
 *       of that token, is what the keys can lose: the alarm if that exceeds the tolerated loss,
 *       else they only inform (a theft split into small pieces is judged whole).
 *   <li>A payment of the keys that stays out of every valid block past the inclusion timeout:
 *       alarm.
 * </ul>
 *
 * Nothing here is sticky: once the cause is resolved on the root chain (the exit challenged away,
 * the block obtained after all) the watcher no longer reports it and the alarm ends. Only while the
 * watcher has not answered in this run does the journal's last alarm stand in for the present.
 */
final class AlarmJudge {

  /** @param alarm why, what is at stake for these keys, since when */
  record Verdict(Optional<String> alarm, List<String> notices) {}

  private final GuardianConfig config;
  private final Set<Address> keys;

  AlarmJudge(GuardianConfig config, Set<Address> keys) {
    this.config = config;
    this.keys = Set.copyOf(keys);
  }

  Verdict judge(ChainView view, List<InFlightTx> inFlight, Journal journal) {
    Map<Address, BigInteger> stake = stake(view, inFlight);
    List<String> notices = new ArrayList<>();
    Optional<String> alarm = Optional.empty();
    if (!view.eventsFresh()) {
      alarm = journal.alarm();
    }
    List<ByzantineEvent> thefts = new ArrayList<>();
    for (ByzantineEvent e : view.eventsFresh() ? view.events() : List.<ByzantineEvent>of()) {
      if (e.chainIsBad()) {
        alarm = alarm.or(
            () -> Optional.of(reason(e, "every output of these keys (" + format(stake) + ")")));
      } else if (e.isTheft()) {
        thefts.add(e);
      }
    }
    // one theft split into pieces each below the tolerated loss is still one loss: summed per token
    Map<Address, BigInteger> exposed = exposure(thefts, stake);
    boolean material =
        exposed.values().stream().anyMatch(v -> v.compareTo(config.toleratedLoss()) > 0);
    if (material) {
      String more =
          thefts.size() > 1 ? " and " + (thefts.size() - 1) + " more unstopped thefts" : "";
      ByzantineEvent first = thefts.getFirst();
      alarm = alarm.or(() -> Optional.of(reason(
          first,
          more,
          "up to " + format(exposed) + " of these keys' "
              + format(restrict(stake, exposed.keySet())),
          thefts.stream()
              .mapToLong(ByzantineEvent::sinceMillis)
              .filter(t -> t > 0)
              .min()
              .orElse(0))));
    } else {
      for (ByzantineEvent e : thefts) {
        Map<Address, BigInteger> one = exposure(List.of(e), stake);
        notices.add(e.kind() + " " + e.detail() + ": does not threaten these keys ("
            + (one.isEmpty()
                ? "nothing of a token they hold is paid wrongly"
                : "at most " + format(one)
                    + (thefts.size() > 1
                        ? ", all unstopped thefts together at most " + format(exposed)
                        : "")
                    + ", tolerated " + config.toleratedLoss())
            + ")");
      }
    }
    if (alarm.isEmpty()) {
      alarm = inclusionTimeout(view, inFlight);
    }
    return new Verdict(alarm, notices);
  }

  private Optional<String> inclusionTimeout(ChainView view, List<InFlightTx> inFlight) {
    long timeout = config.inclusionTimeout().toMillis();
    for (InFlightTx tx : inFlight) {
      long waited = view.nowMillis() - tx.sentAtMillis();
      if (waited >= timeout) {
        return Optional.of("transaction " + tx.txHash() + " not in a valid block after "
            + waited / 1000 + " s; at stake: "
            + "every output of these keys (" + format(stake(view, inFlight)) + "); since "
            + Instant.ofEpochMilli(tx.sentAtMillis() + timeout));
      }
    }
    return Optional.empty();
  }

  private static String reason(ByzantineEvent e, String atStake) {
    return reason(e, "", atStake, e.sinceMillis());
  }

  private static String reason(ByzantineEvent e, String more, String atStake, long sinceMillis) {
    return "watcher reports " + e.kind() + ": " + e.detail() + more + "; at stake: " + atStake
        + "; since " + (sinceMillis > 0 ? Instant.ofEpochMilli(sinceMillis).toString() : "unknown");
  }

  /**
   * What the thefts can cost these keys per token: what the vault pays wrongly for all of them
   * together, but no more than the keys hold of that token (the loss falls on the last claims
   * paid). A theft whose watcher does not say what is at risk puts everything they hold at stake.
   */
  private static Map<Address, BigInteger> exposure(
      List<ByzantineEvent> thefts, Map<Address, BigInteger> stake) {
    Map<Address, BigInteger> risk = new LinkedHashMap<>();
    for (ByzantineEvent e : thefts) {
      Optional<Map<Address, BigInteger>> said = e.atRisk();
      if (said.isEmpty()) {
        return stake;
      }
      said.get().forEach((token, amount) -> risk.merge(token, amount, BigInteger::add));
    }
    Map<Address, BigInteger> out = new LinkedHashMap<>();
    risk.forEach((token, amount) -> {
      BigInteger exposed = amount.min(stake.getOrDefault(token, BigInteger.ZERO));
      if (exposed.signum() > 0) {
        out.put(token, exposed);
      }
    });
    return out;
  }

  /**
   * What the keys hold, per token: their outputs in valid blocks and, for each of their payments
   * still in flight, the larger of what they put in and what they get out.
   */
  private Map<Address, BigInteger> stake(ChainView view, List<InFlightTx> inFlight) {
    Map<Address, BigInteger> stake = new LinkedHashMap<>();
    view.ownedOutputs().stream()
        .filter(o -> keys.contains(o.owner()))
        .forEach(o -> stake.merge(o.token(), o.amount(), BigInteger::add));
    for (InFlightTx tx : inFlight) {
      Map<Address, BigInteger> in = new LinkedHashMap<>();
      Map<Address, BigInteger> out = new LinkedHashMap<>();
      for (int i = 0; i < tx.inputCount(); i++) {
        Output o = tx.spentOutput(i);
        if (keys.contains(o.owner())) {
          in.merge(o.token(), o.amount(), BigInteger::add);
        }
      }
      for (Output o : tx.tx().outputs()) {
        if (keys.contains(o.owner())) {
          out.merge(o.token(), o.amount(), BigInteger::add);
        }
      }
      out.forEach((t, a) -> in.merge(t, a, BigInteger::max));
      in.forEach((t, a) -> stake.merge(t, a, BigInteger::add));
    }
    return stake;
  }

  private static Map<Address, BigInteger> restrict(
      Map<Address, BigInteger> amounts, Set<Address> tokens) {
    Map<Address, BigInteger> out = new LinkedHashMap<>();
    amounts.forEach((t, a) -> {
      if (tokens.contains(t)) {
        out.put(t, a);
      }
    });
    return out;
  }

  private static String format(Map<Address, BigInteger> amounts) {
    if (amounts.isEmpty()) {
      return "nothing";
    }
    return amounts.entrySet().stream()
        .map(e -> e.getValue() + " of " + e.getKey())
        .collect(Collectors.joining(", "));
  }
}
