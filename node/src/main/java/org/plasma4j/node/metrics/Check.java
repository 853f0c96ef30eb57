package org.plasma4j.node.metrics;

/**
 * One readiness condition and how it stands now, e.g. "l1" reachable, "caughtUp" within a lag.
 *
 * @param detail what was seen, for the operator reading /ready
 */
public record Check(String name, boolean ok, String detail) {

  public static Check ok(String name, String detail) {
    return new Check(name, true, detail);
  }

  public static Check failed(String name, String detail) {
    return new Check(name, false, detail);
  }
}
