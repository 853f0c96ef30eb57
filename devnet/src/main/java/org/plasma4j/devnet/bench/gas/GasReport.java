package org.plasma4j.devnet.bench.gas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code plasma bench --gas} prints: every measured call's receipt gas, and the budgets judged on
 * them.
 *
 * @param environment the node, its hardfork and the compiler that built the deployed code
 */
public record GasReport(Map<String, String> environment, List<GasFigure> figures, List<GasBudget.Verdict> verdicts) {

  public GasReport {
    environment = Map.copyOf(environment);
    figures = List.copyOf(figures);
    verdicts = List.copyOf(verdicts);
  }

  /** Judges {@code budgets} on {@code figures}. */
  public static GasReport of(Map<String, String> environment, List<GasFigure> figures, List<GasBudget> budgets) {
    Map<String, GasFigure> byId = byId(figures);
    return new GasReport(environment, figures, budgets.stream().map(b -> b.judge(byId)).toList());
  }

  private static Map<String, GasFigure> byId(List<GasFigure> figures) {
    return figures.stream()
        .collect(Collectors.toMap(GasFigure::id, Function.identity(), (a, b) -> {
          throw new IllegalArgumentException("figure " + a.id() + " measured twice");
        }, LinkedHashMap::new));
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
    m.put("budgets", verdicts.stream().map(GasBudget.Verdict::toMap).toList());
    return m;
  }

  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append("Gas by transaction receipt (gasUsed: 21,000 base + calldata + execution, net of the refund)\n");
    new TreeMap<>(environment).forEach((k, v) -> out.append(String.format("  %-10s %s%n", k, v)));
    String group = "";
    out.append(String.format("%n%-13s %-80s %11s %7s %10s%n", "game", "call", "gasUsed", "units", "per unit"));
    for (GasFigure f : figures) {
      String g = f.group().equals(group) ? "" : f.group();
      group = f.group();
      out.append(
          String.format(
              "%-13s %-80s %,11d %7s %10s%n",
              g,
              f.call(),
              f.gas(),
              f.units() == 1 ? "" : Integer.toString(f.units()),
              f.units() == 1 ? "" : String.format("%,d", f.perUnit())));
    }
    out.append("\nbudgets\n");
    for (GasBudget.Verdict v : verdicts) {
      out.append(
          String.format(
              "  %-4s %-55s %10s  (limit %s)%n",
              v.ok() ? "ok" : "OVER", v.budget(), number(v.measured()), number(v.limit())));
    }
    return out.toString();
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.format("%,d", (long) value) : String.format("%.3f", value);
  }
}
