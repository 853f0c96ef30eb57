package org.plasma4j.devnet.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.plasma4j.devnet.Devnet;

/** Runs demo scenarios, each on its own fresh devnet, and reports whether every check held. */
public final class Demo {

  public static final List<Scenario> SCENARIOS =
      List.of(new PaymentsScenario(), new HostileOperatorScenario(), new CashScenario());

  private Demo() {}

  public static Optional<Scenario> scenario(String name) {
    return SCENARIOS.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** @return true if every check of every scenario held */
  public static boolean run(List<Scenario> scenarios, PrintStream out) {
    boolean allHeld = true;
    int total = 0;
    for (Scenario scenario : scenarios) {
      out.printf("== scenario '%s': %s%n", scenario.name(), scenario.description());
      Checks checks = new Checks(out);
      Devnet.Options options =
          scenario.options(Devnet.Options.defaults().withBlocks(Duration.ofMillis(200), 65_536));
      try (Devnet devnet = Devnet.start(options)) {
        out.printf(
            "devnet: anvil %s, operator %s, framework %s%n",
            devnet.anvil().rpcUrl(), devnet.operatorRpcUrl(), devnet.framework());
        scenario.run(devnet, out, checks);
      } catch (RuntimeException e) {
        out.printf("    [FAILED] scenario stopped: %s%n", e.getMessage());
        allHeld = false;
      }
      total += checks.count();
      if (!checks.allHeld()) {
        out.printf("    failed checks: %s%n", checks.failures());
        allHeld = false;
      }
    }
    out.println();
    out.println(
        allHeld
            ? "ALL BALANCES VERIFIED: " + total + " checks held in " + scenarios.size()
                + " scenario(s)"
            : "BALANCE VERIFICATION FAILED: see the FAILED lines above");
    return allHeld;
  }
}
