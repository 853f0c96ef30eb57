package org.plasma4j.devnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsProbeTest {

  @Test
  void readsTheUnlabelledSampleAndNotItsNamesakes() {
    String scrape = """
        # HELP plasma_operator_transactions_accepted_total Payments accepted.
        # TYPE plasma_operator_transactions_accepted_total counter
        plasma_operator_transactions_accepted_total 1234.0
        plasma_operator_transactions_accepted_total_created 1.7E9
        """;
    assertThat(MetricsProbe.value(scrape, "plasma_operator_transactions_accepted_total"))
        .hasValue(1234.0);
    assertThat(MetricsProbe.value(scrape, "plasma_operator_mempool_transactions"))
        .isEmpty();
  }
}
