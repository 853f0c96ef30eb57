package org.plasma4j.devnet.bench.gas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GasReportTest {

  private static final Map<String, String> ENV = Map.of("node", "anvil/v1.7.1", "hardfork", "Bpo1");

  @Test
  void aLimitSumsWholeTransactionsOrPerUnitFigures() {
    List<GasFigure> figures =
        List.of(
            new GasFigure("commit", "fw", "commitChallenge", 45_581, 1),
            new GasFigure("reveal", "fw", "challengeStandardExit", 64_350, 1),
            new GasFigure("process", "fw", "processExits", 516_418, 10));
    GasReport report =
        GasReport.of(
            ENV,
            figures,
            List.of(
                new GasBudget.Limit("challenge", List.of("commit", "reveal"), false, 130_000),
                new GasBudget.Limit("per exit", List.of("process"), true, 50_000)));
    assertThat(report.verdicts())
        .containsExactly(
            new GasBudget.Verdict("challenge", 109_931, 130_000, true),
            new GasBudget.Verdict("per exit", 51_642, 50_000, false));
    assertThat(report.budgetsHold()).isFalse();
    assertThat(report.figure("process").perUnit()).isEqualTo(51_642);
  }

  @Test
  void aRatioComparesPerUnitFiguresOfTheSameRun() {
    List<GasFigure> figures =
        List.of(new GasFigure("standard", "fw", "startStandardExit", 192_067, 1),
            new GasFigure("mass", "mass", "startMassExit", 3_432_600, 100));
    GasReport report = GasReport.of(ENV, figures, List.of(new GasBudget.Ratio("fifth", "mass", "standard", 0.2)));
    assertThat(report.verdicts()).containsExactly(new GasBudget.Verdict("fifth", 0.179, 0.2, true));
    assertThat(report.budgetsHold()).isTrue();
  }

  @Test
  void aBudgetOnAFigureNotMeasuredIsAnError() {
    assertThatThrownBy(
            () -> GasReport.of(ENV, List.of(), List.of(new GasBudget.Limit("x", List.of("missing"), false, 1))))
        .hasMessageContaining("no figure missing was measured");
    assertThatThrownBy(() -> new GasFigure("a", "g", "c", 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFigureMeasuredTwiceIsAnError() {
    GasFigure f = new GasFigure("a", "g", "c", 30_000, 1);
    assertThatThrownBy(() -> GasReport.of(ENV, List.of(f, f), List.of())).hasMessageContaining("measured twice");
  }

  @Test
  void textAndJsonCarryTheFiguresAndTheVerdicts() {
    GasReport report =
        GasReport.of(
            ENV,
            List.of(new GasFigure("process", "framework", "processExits(ETH, 10)", 516_418, 10)),
            List.of(new GasBudget.Limit("per exit", List.of("process"), true, 50_000)));
    assertThat(report.toText())
        .contains("anvil/v1.7.1")
        .contains("processExits(ETH, 10)")
        .contains("516,418")
        .contains("51,642")
        .contains("OVER")
        .contains("(limit 50,000)");
    Map<String, Object> json = report.toMap();
    assertThat(json.get("environment")).isEqualTo(new java.util.TreeMap<>(ENV));
    assertThat(json.get("figures"))
        .isEqualTo(
            List.of(
                Map.of("id", "process", "group", "framework", "call", "processExits(ETH, 10)", "gasUsed", 516_418L,
                    "units", 10, "perUnit", 51_642L)));
    assertThat(json.get("budgets"))
        .isEqualTo(List.of(Map.of("budget", "per exit", "measured", 51_642L, "limit", 50_000L, "ok", false)));
  }

  @Test
  void solcVersionIsReadFromTheCodesMetadata() {
    assertThat(SolcMetadata.version("0x6080a2646970667358221220aa64736f6c634300081e0033")).isEqualTo("solc 0.8.30");
    assertThat(SolcMetadata.version("0x6080")).isEqualTo("unknown");
  }
}
