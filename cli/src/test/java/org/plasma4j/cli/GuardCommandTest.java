package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardCommandTest {

  @TempDir
  Path home;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return PlasmaCli.commandLine(
            Map.of("PLASMA_HOME", home.toString()), new PrintWriter(out), new PrintWriter(err))
        .execute(args);
  }

  @Test
  void withoutAKeyItRefusesToStart() {
    assertThat(run("wallet", "guard", "--once")).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("no key");
  }

  @Test
  void optingOutOfChallengesAndNamingAChallengeKeyExcludeEachOther() {
    assertThat(run(
            "wallet",
            "guard",
            "--dev-account",
            "2",
            "--no-challenges",
            "--challenge-key",
            "0x01",
            "--once"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--no-challenges and --challenge-key exclude each other");
  }

  @Test
  void aNegativeToleratedLossIsBadInput() {
    assertThat(run("wallet", "guard", "--dev-account", "2", "--tolerated-loss", "-1", "--once"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--tolerated-loss must not be negative");
  }

  @Test
  void aDevAccountOutOfRangeIsBadInput() {
    assertThat(run("wallet", "guard", "--dev-account", "2", "--dev-account", "10", "--once"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--dev-account must be 0 to 9");
  }

  @Test
  void theReportOfAGuardianThatDidNothingIsEmpty() {
    assertThat(
            run("wallet", "guard", "--report", "--data-dir", home.resolve("g").toString()))
        .isZero();
    assertThat(out.toString().strip()).isEqualTo("[ ]");
  }

  @Test
  void withoutAPinnedFrameworkItRefusesToStartRatherThanAskTheOperator() {
    int code = run(
        "wallet",
        "guard",
        "--dev-account",
        "2",
        "--once",
        "--rpc",
        "http://127.0.0.1:1",
        "--eth-rpc",
        "http://127.0.0.1:1",
        "--data-dir",
        home.resolve("g").toString());
    assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: no framework: give --framework <0x..> (it is not taken from the operator)");
  }

  @Test
  void anUnreachableRootChainFailsCleanly() {
    int code = run(
        "wallet",
        "guard",
        "--dev-account",
        "2",
        "--once",
        "--rpc",
        "http://127.0.0.1:1",
        "--eth-rpc",
        "http://127.0.0.1:1",
        "--framework",
        "0x" + "f0".repeat(20),
        "--data-dir",
        home.resolve("g").toString());
    assertThat(code).isNotZero();
    assertThat(err.toString()).startsWith("error: ");
  }
}
