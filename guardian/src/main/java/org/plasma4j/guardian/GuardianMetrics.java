package org.plasma4j.guardian;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import org.plasma4j.node.metrics.Metrics;

/**
 * The guardian's metrics: {@code plasma_guardian_actions_total{action, result}}, each root-chain
 * action it took (standard, mass and in-flight exits, piggybacks, processing, withdrawals) and
 * whether its call returned ({@code sent}) or failed ({@code failed}, looked up again next poll).
 */
public final class GuardianMetrics {

  private static final String[] KINDS = {
    "start_standard_exit",
    "start_mass_exit",
    "start_in_flight_exit",
    "piggyback",
    "process_exits",
    "withdraw_mass_exit"
  };

  private final Metrics registry;
  private final CounterDataPoint[] sent = new CounterDataPoint[KINDS.length];
  private final CounterDataPoint[] failed = new CounterDataPoint[KINDS.length];

  public GuardianMetrics(Metrics registry) {
    this.registry = registry;
    Counter actions = registry.counter(
        "plasma_guardian_actions_total",
        "Root-chain actions the guardian took, by kind and whether the call returned.",
        "action",
        "result");
    for (int i = 0; i < KINDS.length; i++) {
      sent[i] = actions.labelValues(KINDS[i], "sent");
      failed[i] = actions.labelValues(KINDS[i], "failed");
    }
  }

  public Metrics registry() {
    return registry;
  }

  public void action(Action action, boolean ok) {
    int kind = kind(action);
    (ok ? sent : failed)[kind].inc();
  }

  static int kind(Action action) {
    return switch (action) {
      case Action.StartStandardExit a -> 0;
      case Action.StartMassExit a -> 1;
      case Action.StartInFlightExit a -> 2;
      case Action.Piggyback a -> 3;
      case Action.ProcessExits a -> 4;
      case Action.WithdrawMassExit a -> 5;
    };
  }
}
