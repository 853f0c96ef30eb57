package org.plasma4j.node.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import java.util.List;
import org.plasma4j.core.rootchain.CashGameEvents.CoinDeposited;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;

/**
 * Deposits and exits a node applied from the root chain's event stream, as
 * {@code plasma_<node>_deposits_followed_total} and
 * {@code plasma_<node>_exits_followed_total{kind}} (standard, in_flight, piggyback, mass, coin):
 * the same counting for every node that follows L1.
 */
public final class FollowedEvents {

  private final Counter deposits;
  private final CounterDataPoint standard;
  private final CounterDataPoint inFlight;
  private final CounterDataPoint piggyback;
  private final CounterDataPoint mass;
  private final CounterDataPoint coin;

  public FollowedEvents(Metrics registry, String node) {
    deposits = registry.counter(
        "plasma_" + node + "_deposits_followed_total",
        "Deposits (UTXO and coin) applied from the root chain after their confirmations.");
    Counter exits = registry.counter(
        "plasma_" + node + "_exits_followed_total",
        "Exits and piggybacks applied from the root chain, by kind.",
        "kind");
    standard = exits.labelValues("standard");
    inFlight = exits.labelValues("in_flight");
    piggyback = exits.labelValues("piggyback");
    mass = exits.labelValues("mass");
    coin = exits.labelValues("coin");
  }

  /** Counts the deposits and exits among {@code events}; other kinds are not counted here. */
  public void applied(List<? extends L1Event> events) {
    for (L1Event e : events) {
      switch (e) {
        case DepositEvent d -> deposits.inc();
        case CoinDeposited d -> deposits.inc();
        case ExitStartedEvent x -> standard.inc();
        case InFlightExitStarted x -> inFlight.inc();
        case Piggybacked x -> piggyback.inc();
        case MassExitStarted x -> mass.inc();
        case CoinExitStarted x -> coin.inc();
        default -> {
          // blocks, challenges, payouts: not deposits or exits
        }
      }
    }
  }
}
