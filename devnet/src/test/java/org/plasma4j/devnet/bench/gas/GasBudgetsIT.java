package org.plasma4j.devnet.bench.gas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contracts' gas budgets, judged by transaction receipts on a real anvil (the same run as
 * {@code plasma bench --gas}): every figure is a whole transaction's gasUsed, what its sender pays.
 */
class GasBudgetsIT {

  private static GasReport report;

  @BeforeAll
  static void measure() {
    report = GasBench.run(System.out);
    System.out.println(report.toText());
  }

  private static long gas(String id) {
    return report.figure(id).gas();
  }

  @Test
  void anEthDepositCostsAtMost85k() {
    assertThat(gas(GasIds.DEPOSIT_ETH)).isLessThanOrEqualTo(85_000);
  }

  @Test
  void submittingABlockCostsAtMost52k() {
    assertThat(gas(GasIds.SUBMIT_BLOCK)).isLessThanOrEqualTo(52_000);
  }

  @Test
  void startingAStandardExitCostsAtMost200kInTheWorstCaseMeasured() {
    assertThat(gas(GasIds.START_STANDARD_EXIT)).isLessThanOrEqualTo(200_000);
    assertThat(gas(GasIds.START_STANDARD_EXIT_16)).isLessThanOrEqualTo(200_000);
  }

  @Test
  void aChallengeCostsAtMost130kForTheCommitAndTheRevealTogether() {
    assertThat(gas(GasIds.COMMIT_CHALLENGE) + gas(GasIds.CHALLENGE_STANDARD_EXIT)).isLessThanOrEqualTo(130_000);
  }

  @Test
  void processingTenStandardExitsCostsAtMost50kPerExit() {
    GasFigure f = report.figure(GasIds.PROCESS_EXITS_10);
    assertThat(f.units()).isEqualTo(10);
    assertThat(f.gas()).isLessThanOrEqualTo(10 * 50_000L);
  }

  @Test
  void aMassExitOfOneHundredOutputsCostsAtMostAFifthOfAStandardExitPerOutput() {
    GasFigure mass = report.figure(GasIds.MASS_EXIT_CHILD_100_RATIO_RUN);
    assertThat(mass.units()).isEqualTo(100);
    assertThat(mass.gas() * 5).isLessThanOrEqualTo(100 * gas(GasIds.START_STANDARD_EXIT_16));
  }

  @Test
  void theReportJudgesEveryBudgetItNames() {
    assertThat(report.verdicts()).extracting(GasBudget.Verdict::budget)
        .containsExactlyElementsOf(GasBudget.PLASMA.stream().map(GasBudget::name).toList());
    assertThat(report.figures()).allSatisfy(f -> assertThat(f.gas()).isGreaterThan(21_000));
  }
}
