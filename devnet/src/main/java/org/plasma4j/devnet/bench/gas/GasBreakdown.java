package org.plasma4j.devnet.bench.gas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where one measured transaction's gas went: the 21,000 base and its calldata (from the
 * transaction's input), the gas each call it made to another contract used (from a call trace of
 * the same transaction), and the rest, which is the called contract's own execution including what
 * those calls cost the caller (the CALL itself, encoding the arguments). The parts add up to the
 * receipt's gasUsed.
 *
 * @param id the measured figure this breaks down
 * @param units what the figure is divided by (outputs, exits), for the per-unit column
 * @param parts in order: base, calldata, one part per callee function, the rest
 */
public record GasBreakdown(String id, String call, long gasUsed, int units, List<Part> parts) {

  /** Calldata gas per byte before the EIP-7623 floor (which no measured call reaches). */
  static final long ZERO_BYTE_GAS = 4;

  static final long NONZERO_BYTE_GAS = 16;
  static final long BASE_GAS = 21_000;

  public GasBreakdown {
    parts = List.copyOf(parts);
    long sum = parts.stream().mapToLong(Part::gas).sum();
    if (sum != gasUsed) {
      throw new IllegalArgumentException("parts add up to " + sum + ", not " + gasUsed);
    }
  }

  /**
   * One part: what it is, how many calls it stands for (0 for base, calldata and the rest), its
   * gas.
   */
  public record Part(String what, int calls, long gas) {}

  /**
   * Breaks down a transaction of {@code gasUsed} gas with calldata {@code input} whose call trace
   * ({@code callTracer}) is {@code trace}; {@code names} names contracts by lower-case address, and
   * {@code functions} names functions by selector ({@code 0x} and 8 hex digits). Only the top
   * call's direct calls count as parts, since a call's gasUsed includes the calls it makes.
   */
  public static GasBreakdown of(
      String id,
      String call,
      long gasUsed,
      int units,
      byte[] input,
      JsonNode trace,
      Map<String, String> names,
      Map<String, String> functions) {
    List<Part> parts = new ArrayList<>();
    parts.add(new Part("transaction base", 0, BASE_GAS));
    long zeros = 0;
    for (byte b : input) {
      if (b == 0) {
        zeros++;
      }
    }
    long calldata = zeros * ZERO_BYTE_GAS + (input.length - zeros) * NONZERO_BYTE_GAS;
    parts.add(new Part(
        String.format("calldata: %,d bytes, %,d of them zero", input.length, zeros), 0, calldata));
    Map<String, long[]> byCallee = new LinkedHashMap<>();
    for (JsonNode sub : trace.path("calls")) {
      String to = sub.path("to").asText().toLowerCase(Locale.ROOT);
      String in = sub.path("input").asText("0x");
      String target = names.getOrDefault(to, "an account");
      String what = in.length() < 10
          ? "value sent to " + target + " (its cost is the caller's CALL, in the rest)"
          : target + "."
              + functions.getOrDefault(
                  in.substring(0, 10).toLowerCase(Locale.ROOT), in.substring(0, 10));
      long[] agg = byCallee.computeIfAbsent(what, k -> new long[2]);
      agg[0]++;
      agg[1] += Long.decode(sub.path("gasUsed").asText("0x0"));
    }
    long rest = gasUsed - BASE_GAS - calldata;
    for (Map.Entry<String, long[]> e : byCallee.entrySet()) {
      parts.add(new Part(e.getKey(), (int) e.getValue()[0], e.getValue()[1]));
      rest -= e.getValue()[1];
    }
    if (rest < 0) {
      throw new IllegalStateException(id + ": parts exceed the receipt's gasUsed by " + -rest);
    }
    parts.add(
        new Part("the rest: the called contract's own execution, net of any refund", 0, rest));
    return new GasBreakdown(id, call, gasUsed, units, parts);
  }

  /** The gas of the part whose description starts with {@code prefix}. */
  public long part(String prefix) {
    return parts.stream()
        .filter(p -> p.what().startsWith(prefix))
        .mapToLong(Part::gas)
        .reduce((a, b) -> {
          throw new IllegalArgumentException("more than one part starts with " + prefix);
        })
        .orElseThrow(() -> new IllegalArgumentException("no part starts with " + prefix));
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("call", call);
    m.put("gasUsed", gasUsed);
    m.put("units", units);
    m.put(
        "parts",
        parts.stream()
            .map(p -> {
              Map<String, Object> pm = new LinkedHashMap<>();
              pm.put("what", p.what());
              pm.put("calls", p.calls());
              pm.put("gas", p.gas());
              pm.put("perUnit", Math.round((double) p.gas() / units));
              return pm;
            })
            .toList());
    return m;
  }
}
