package org.plasma4j.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.node.metrics.Metrics;

class GuardianMetricsTest {

  @Test
  void eachActionIsCountedByKindAndWhetherItsCallReturned() {
    Metrics registry = new Metrics();
    GuardianMetrics metrics = new GuardianMetrics(registry);
    metrics.action(new Action.ProcessExits(Address.ETH, 10), true);
    metrics.action(new Action.ProcessExits(Address.ETH, 10), true);
    metrics.action(new Action.WithdrawMassExit(BigInteger.ONE, Address.ETH), false);

    assertThat(registry.scrapeText())
        .contains("plasma_guardian_actions_total{action=\"process_exits\",result=\"sent\"} 2.0")
        .contains(
            "plasma_guardian_actions_total{action=\"withdraw_mass_exit\",result=\"failed\"} 1.0")
        .contains(
            "plasma_guardian_actions_total{action=\"start_standard_exit\",result=\"sent\"} 0.0");
  }
}
