package org.plasma4j.devnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code plasma bench --watcher} on a tiny load: a fresh watcher re-validates every block and every
 * transaction the operator produced, and finds an honest chain honest.
 */
class WatcherBenchIT {

  @Test
  void aFreshWatcherRevalidatesEveryBlockAndTransactionOfAnHonestChainAndReportsNothing() {
    int warmup = 50;
    PlasmaBench.Options options = new PlasmaBench.Options(
        300, 10, 100, 2, Duration.ofMillis(200), 65_536, 7, 1_000, true, warmup);

    BenchReport report = PlasmaBench.run(options, System.out);
    WatcherReport w = report.watcher();
    System.out.print(report.toText());

    assertThat(report.accepted()).isEqualTo(300);
    assertThat(report.included()).isEqualTo(300);
    assertThat(w).isNotNull();
    assertThat(w.operatorBlocks()).isGreaterThanOrEqualTo(report.blocks());
    assertThat(w.blocksValidated()).isEqualTo(w.operatorBlocks());
    assertThat(w.txsValidated()).isEqualTo(w.operatorTxs());
    // every payment of the setup, the warm-up and the measured phase, plus at most one fee
    // transaction a block
    long payments = report.fanOutTransactions() + warmup + report.included();
    assertThat(w.operatorTxs()).isBetween(payments, payments + w.operatorBlocks());
    assertThat(w.invalidBlocks()).isZero();
    assertThat(w.byzantineEvents()).isZero();
    assertThat(w.firstEvent()).isNull();
    assertThat(w.txPerSecond()).isPositive();
    assertThat(w.cpuSecondsByThreads()).containsKey("watcher");
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) report.toMap().get("watcher");
    assertThat(json)
        .containsEntry("blocksValidated", w.operatorBlocks())
        .containsEntry("txsValidated", w.operatorTxs())
        .containsEntry("byzantineEvents", 0)
        .containsKeys("txPerSecond", "ratioToAcceptance", "txPerJvmCpuSecond", "heapBytesPerTx");
    assertThat(report.toText()).contains("the synced watcher holds");
  }
}
