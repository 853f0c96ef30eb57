package org.plasma4j.devnet.bench.gas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code plasma bench --gas} prints: every measured call's receipt gas, and the budgets judged
 * on them.
 *
 * @param environment the node, its hardfork and the compiler that built the deployed code
 */
public record GasReport(
    Map<String, String> environment,
    List<GasFigure> figures,
    List<GasBreakdown> breakdowns,
    List<GasBudget.Verdict> verdicts) {

  public GasReport {
    environment = Map.copyOf(environment);
    figures = List.copyOf(figures);
    breakdowns = List.copyOf(breakdowns);
    verdicts = List.copyOf(verdicts);
  }

  /** Judges {@code budgets} on {@code figures}. */
  public static GasReport of(
      Map<String, String> environment, List<GasFigure> figures, List<GasBudget> budgets) {
    return of(environment, figures, List.of(), budgets);
  }

  /**
   * Judges {@code budgets} on {@code figures}; {@code breakdowns} show where some figures' gas
   * went.
   */
  public static GasReport of(
      Map<String, String> environment,
      List<GasFigure> figures,
      List<GasBreakdown> breakdowns,
      List<GasBudget> budgets) {
    Map<String, GasFigure> byId = byId(figures);
    for (GasBreakdown b : breakdowns) {
      if (!byId.containsKey(b.id())) {
        throw new IllegalArgumentException("a breakdown of " + b.id() + ", which was not measured");
      }
    }
    return new GasReport(
        environment,
        figures,
        breakdowns,
        budgets.stream().map(b -> b.judge(byId)).toList());
  }

  public GasBreakdown breakdown(String id) {
    return breakdowns.stream()
        .filter(b -> b.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no breakdown of " + id));
  }

  private static Map<String, GasFigure> byId(List<GasFigure> figures) {
    return figures.stream()
        .collect(Collectors.toMap(
            GasFigure::id,
            Function.identity(),
            (a, b) -> {
              throw new IllegalArgumentException("figure " + a.id() + " measured twice");
            },
            LinkedHashMap::new));
  }

  public GasFigure figure(String id) {
    GasFigure f = byId(figures).get(id);
    if (f == null) {
      throw new IllegalArgumentException("no figure " + id);
    }
    return f;
  }

  public boolean budgetsHold() {
    return verdicts.stream().allMatch(GasBudget.Verdict::ok);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("environment", new TreeMap<>(environment));
    m.put("figures", figures.stream().map(GasFigure::toMap).toList());
    if (!breakdowns.isEmpty()) {
      m.put("breakdowns", breakdowns.stream().map(GasBreakdown::toMap).toList());
    }
    m.put("budgets", verdicts.stream().map(GasBudget.Verdict::toMap).toList());
    return m;
  }

  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append(
        "Gas by transaction receipt (gasUsed: 21,000 base + calldata + execution, net of the refund)\n");
    new TreeMap<>(environment).forEach((k, v) -> out.append(String.format("  %-10s %s%n", k, v)));
    String group = "";
    out.append(String.format(
        "%n%-13s %-80s %11s %7s %10s%n", "game", "call", "gasUsed", "units", "per unit"));
    for (GasFigure f : figures) {
      String g = f.group().equals(group) ? "" : f.group();
      group = f.group();
      out.append(String.format(
          "%-13s %-80s %,11d %7s %10s%n",
          g,
          f.call(),
          f.gas(),
          f.units() == 1 ? "" : Integer.toString(f.units()),
          f.units() == 1 ? "" : String.format("%,d", f.perUnit())));
    }
    for (GasBreakdown b : breakdowns) {
      out.append(
          String.format("%nwhere the gas of \"%s\" goes (receipt and call trace)%n", b.call()));
      for (GasBreakdown.Part p : b.parts()) {
        out.append(String.format(
            "  %-94s %,11d %7s %10s%n",
            p.calls() > 1 ? p.what() + " x" + p.calls() : p.what(),
            p.gas(),
            "",
            b.units() == 1 ? "" : String.format("%,d", Math.round((double) p.gas() / b.units()))));
      }
    }
    out.append("\nbudgets\n");
    for (GasBudget.Verdict v : verdicts) {
      String target = v.hasTarget()
          ? String.format("; target %s %s", number(v.target()), v.targetMet() ? "met" : "MISSED")
          : "";
      out.append(String.format(
          "  %-4s %-55s %10s  (limit %s%s)%n",
          v.ok() ? "ok" : "OVER", v.budget(), number(v.measured()), number(v.limit()), target));
    }
    return out.toString();
  }

  private static String number(double value) {
    return value == Math.rint(value)
        ? String.format("%,d", (long) value)
        : String.format("%.3f", value);
  }
}
