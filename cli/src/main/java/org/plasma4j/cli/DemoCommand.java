package org.plasma4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.plasma4j.devnet.demo.Demo;
import org.plasma4j.devnet.demo.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plasma demo}: scripted stories on an embedded devnet; exits 0 only if every check held.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the demo scenarios end to end on an embedded devnet and verify every balance.")
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--scenario",
      description = "Run only this scenario (${COMPLETION-CANDIDATES}); default: all of them.",
      completionCandidates = ScenarioNames.class)
  String scenario;

  @Override
  public Integer call() {
    // the story is the output; the operator's routine logging would drown it
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    List<Scenario> chosen;
    if (scenario == null) {
      chosen = Demo.SCENARIOS;
    } else {
      chosen = List.of(Demo.scenario(scenario)
          .orElseThrow(() -> new IllegalArgumentException(
              "unknown scenario '" + scenario + "'; known: " + names())));
    }
    return Demo.run(chosen, new PrintStream(System.out, true)) ? 0 : PlasmaCli.EXIT_FAILED;
  }

  private static List<String> names() {
    return Demo.SCENARIOS.stream().map(Scenario::name).toList();
  }

  /** Scenario names for --help. */
  static final class ScenarioNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return names().iterator();
    }
  }
}
