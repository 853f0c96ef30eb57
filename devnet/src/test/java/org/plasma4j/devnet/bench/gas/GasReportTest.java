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
    List<GasFigure> figures = List.of(
        new GasFigure("commit", "fw", "commitChallenge", 45_581, 1),
        new GasFigure("reveal", "fw", "challengeStandardExit", 64_350, 1),
        new GasFigure("process", "fw", "processExits", 516_418, 10));
    GasReport report = GasReport.of(
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
    List<GasFigure> figures = List.of(
        new GasFigure("standard", "fw", "startStandardExit", 192_067, 1),
        new GasFigure("mass", "mass", "startMassExit", 3_432_600, 100));
    GasReport report =
        GasReport.of(ENV, figures, List.of(new GasBudget.Ratio("fifth", "mass", "standard", 0.2)));
    assertThat(report.verdicts()).containsExactly(new GasBudget.Verdict("fifth", 0.179, 0.2, true));
    assertThat(report.budgetsHold()).isTrue();
  }

  @Test
  void aTargetBelowTheLimitIsReportedMissedWhileTheLimitHolds() {
    List<GasFigure> figures = List.of(
        new GasFigure("standard", "fw", "startStandardExit", 179_835, 1),
        new GasFigure("mass", "mass", "startMassExit", 4_772_666, 100));
    GasReport report = GasReport.of(
        ENV, figures, List.of(new GasBudget.Ratio("mass/standard", "mass", "standard", 0.3, 0.2)));
    GasBudget.Verdict v = report.verdicts().get(0);
    assertThat(v).isEqualTo(new GasBudget.Verdict("mass/standard", 0.265, 0.3, true, 0.2));
    assertThat(v.hasTarget()).isTrue();
    assertThat(v.targetMet()).isFalse();
    assertThat(report.budgetsHold()).isTrue();
    assertThat(report.toText()).contains("(limit 0.300; target 0.200 MISSED)");
    assertThat(json(report, "budgets"))
        .isEqualTo(List.of(Map.of(
            "budget",
            "mass/standard",
            "measured",
            0.265,
            "limit",
            0.3,
            "ok",
            true,
            "target",
            0.2,
            "targetMet",
            false)));
    assertThatThrownBy(() -> new GasBudget.Ratio("x", "mass", "standard", 0.2, 0.3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTargetEnforcedAsTheLimitIsReportedMet() {
    List<GasFigure> figures = List.of(
        new GasFigure("standard", "fw", "startStandardExit", 180_276, 1),
        new GasFigure("mass", "mass", "startMassExit", 3_580_000, 100));
    GasReport report = GasReport.of(
        ENV, figures, List.of(new GasBudget.Ratio("mass/standard", "mass", "standard", 0.2, 0.2)));
    GasBudget.Verdict v = report.verdicts().get(0);
    assertThat(v).isEqualTo(new GasBudget.Verdict("mass/standard", 0.199, 0.2, true, 0.2));
    assertThat(v.hasTarget()).isTrue();
    assertThat(v.targetMet()).isTrue();
    assertThat(report.toText()).contains("(limit 0.200; target 0.200 met)");
    assertThat(json(report, "budgets"))
        .isEqualTo(List.of(Map.of(
            "budget",
            "mass/standard",
            "measured",
            0.199,
            "limit",
            0.2,
            "ok",
            true,
            "target",
            0.2,
            "targetMet",
            true)));
  }

  @Test
  void aBreakdownSplitsTheReceiptIntoBaseCalldataCallsAndTheRest() throws Exception {
    // calldata: a selector and one word, 4 + 32 bytes of which 31 are zero
    byte[] input = new byte[36];
    input[0] = 1;
    input[1] = 2;
    input[2] = 3;
    input[3] = 4;
    input[35] = 9;
    var trace = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"gasUsed":"0x1","calls":[
                  {"to":"0xAA00000000000000000000000000000000000000","input":"0x11223344","gasUsed":"0x5654"},
                  {"to":"0xaa00000000000000000000000000000000000000","input":"0x11223344ff","gasUsed":"0x5654"},
                  {"to":"0xbb00000000000000000000000000000000000000","input":"0x","gasUsed":"0x0"}]}
                """);
    GasBreakdown b = GasBreakdown.of(
        "mass",
        "startMassExit",
        100_000,
        2,
        input,
        trace,
        Map.of("0xaa00000000000000000000000000000000000000", "PlasmaFramework"),
        Map.of("0x11223344", "reserveOutputs"));
    assertThat(b.parts())
        .containsExactly(
            new GasBreakdown.Part("transaction base", 0, 21_000),
            new GasBreakdown.Part("calldata: 36 bytes, 31 of them zero", 0, 31 * 4 + 5 * 16),
            new GasBreakdown.Part("PlasmaFramework.reserveOutputs", 2, 2 * 22_100),
            new GasBreakdown.Part(
                "value sent to an account (its cost is the caller's CALL, in the rest)", 1, 0),
            new GasBreakdown.Part(
                "the rest: the called contract's own execution, net of any refund",
                0,
                100_000 - 21_000 - 204 - 44_200));
    assertThat(b.part("PlasmaFramework.reserveOutputs")).isEqualTo(44_200);
    GasReport report = GasReport.of(
        ENV,
        List.of(new GasFigure("mass", "mass", "startMassExit", 100_000, 2)),
        List.of(b),
        List.of());
    assertThat(report.toText())
        .contains("PlasmaFramework.reserveOutputs x2")
        .contains("44,200")
        .contains("22,100");
    assertThatThrownBy(() ->
            GasBreakdown.of("mass", "startMassExit", 60_000, 1, input, trace, Map.of(), Map.of()))
        .hasMessageContaining("parts exceed the receipt's gasUsed");
    assertThatThrownBy(() -> GasReport.of(ENV, List.of(), List.of(b), List.of()))
        .hasMessageContaining("which was not measured");
  }

  private static Object json(GasReport report, String key) {
    return report.toMap().get(key);
  }

  @Test
  void aBudgetOnAFigureNotMeasuredIsAnError() {
    assertThatThrownBy(() -> GasReport.of(
            ENV, List.of(), List.of(new GasBudget.Limit("x", List.of("missing"), false, 1))))
        .hasMessageContaining("no figure missing was measured");
    assertThatThrownBy(() -> new GasFigure("a", "g", "c", 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFigureMeasuredTwiceIsAnError() {
    GasFigure f = new GasFigure("a", "g", "c", 30_000, 1);
    assertThatThrownBy(() -> GasReport.of(ENV, List.of(f, f), List.of()))
        .hasMessageContaining("measured twice");
  }

  @Test
  void textAndJsonCarryTheFiguresAndTheVerdicts() {
    GasReport report = GasReport.of(
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
        .isEqualTo(List.of(Map.of(
            "id",
            "process",
            "group",
            "framework",
            "call",
            "processExits(ETH, 10)",
            "gasUsed",
            516_418L,
            "units",
            10,
            "perUnit",
            51_642L)));
    assertThat(json.get("budgets"))
        .isEqualTo(List.of(
            Map.of("budget", "per exit", "measured", 51_642L, "limit", 50_000L, "ok", false)));
  }

  @Test
  void solcVersionIsReadFromTheCodesMetadata() {
    assertThat(SolcMetadata.version("0x6080a2646970667358221220aa64736f6c634300081e0033"))
        .isEqualTo("solc 0.8.30");
    assertThat(SolcMetadata.version("0x6080")).isEqualTo("unknown");
  }
}
