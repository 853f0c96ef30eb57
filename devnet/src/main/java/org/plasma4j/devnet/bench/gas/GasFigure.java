package org.plasma4j.devnet.bench.gas;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured call: the {@code gasUsed} of its transaction receipt, and how many units (exits,
 * outputs) that transaction handled, so that per-unit figures divide a whole transaction's gas.
 *
 * @param id a stable key (budgets and the JSON refer to it)
 * @param group the exit game or area the call belongs to
 * @param call what was called, in words
 * @param gas the receipt's gasUsed: base cost, calldata, execution, net of the refund
 * @param units what {@code gas} is divided by for {@link #perUnit}
 */
public record GasFigure(String id, String group, String call, long gas, int units) {

  public GasFigure {
    if (units < 1) {
      throw new IllegalArgumentException("units must be at least 1");
    }
  }

  public long perUnit() {
    return Math.round((double) gas / units);
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("group", group);
    m.put("call", call);
    m.put("gasUsed", gas);
    m.put("units", units);
    m.put("perUnit", perUnit());
    return m;
  }
}
