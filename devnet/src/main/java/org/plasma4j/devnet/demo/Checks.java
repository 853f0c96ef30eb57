package org.plasma4j.devnet.demo;

import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The demo's verdicts: each check is printed as it is made, and the run passes only if all hold.
 */
public final class Checks {

  private final PrintStream out;
  private final List<String> failures = new ArrayList<>();
  private int count;

  public Checks(PrintStream out) {
    this.out = out;
  }

  public void equal(String what, Object expected, Object actual) {
    count++;
    boolean ok = Objects.equals(expected, actual) || numericallyEqual(expected, actual);
    out.printf(
        "    [%s] %s: %s%n",
        ok ? "ok" : "FAILED",
        what,
        ok ? render(actual) : "expected " + render(expected) + ", got " + render(actual));
    if (!ok) {
      failures.add(what);
    }
  }

  public void isTrue(String what, boolean condition) {
    equal(what, true, condition);
  }

  private static boolean numericallyEqual(Object a, Object b) {
    return a instanceof BigInteger x && b instanceof BigInteger y && x.compareTo(y) == 0;
  }

  private static String render(Object value) {
    return value instanceof BigInteger wei ? Money.eth(wei) : String.valueOf(value);
  }

  public int count() {
    return count;
  }

  public List<String> failures() {
    return List.copyOf(failures);
  }

  public boolean allHeld() {
    return failures.isEmpty();
  }
}
