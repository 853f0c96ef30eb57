package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class ConfigFileTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private Path file(String toml) throws IOException {
    Path f = dir.resolve("plasma.toml");
    Files.writeString(f, toml);
    return f;
  }

  /** The operator command as parsed from {@code args}, its config file applied first. */
  private OperatorCommand parseOperator(String... args) {
    CommandLine cli = PlasmaCli.commandLine(Map.of());
    PlasmaCli.applyConfigFile(cli, args);
    CommandLine.ParseResult parsed = cli.parseArgs(args);
    return (OperatorCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void theFileSuppliesEveryOptionItNamesTheRequiredOnesIncluded() throws IOException {
    Path f = file("""
        eth-rpc = "https://eth.example.org/v1/abc"
        framework = "0x1111111111111111111111111111111111111111"
        fees = "0x0000000000000000000000000000000000000000=1000"
        fee-beneficiary = "0x2222222222222222222222222222222222222222"
        rpc-port = 9645
        confirmations = 64
        max-fee-gwei = 80
        metrics-port = 9646
        rpc-max-connections = 200
        """);

    OperatorCommand op = parseOperator("operator", "--config", f.toString());

    assertThat(op.ethRpc).isEqualTo("https://eth.example.org/v1/abc");
    assertThat(op.feeBeneficiary).isEqualTo("0x2222222222222222222222222222222222222222");
    assertThat(op.rpcPort).isEqualTo(9645);
    assertThat(op.confirmations).isEqualTo(64);
    assertThat(op.maxFeeGwei).isEqualTo(80);
    assertThat(op.metrics.port).isEqualTo(9646);
    assertThat(op.metrics.host).isEqualTo("127.0.0.1"); // not in the file: the option's default
    assertThat(op.rpcLimits.maxConnections).isEqualTo(200);
    assertThat(op.maxBlockSize).isEqualTo(65536);
  }

  @Test
  void optionsOnTheCommandLineWinOverTheFile() throws IOException {
    Path f = file("""
        eth-rpc = "https://eth.example.org"
        framework = "0x1111111111111111111111111111111111111111"
        fees = "0x0000000000000000000000000000000000000000=1000"
        fee-beneficiary = "0x2222222222222222222222222222222222222222"
        confirmations = 64
        """);

    OperatorCommand op = parseOperator(
        "operator", "--confirmations", "3", "--config=" + f, "--eth-rpc", "http://127.0.0.1:1");

    assertThat(op.confirmations).isEqualTo(3);
    assertThat(op.ethRpc).isEqualTo("http://127.0.0.1:1");
    assertThat(op.framework).isEqualTo("0x1111111111111111111111111111111111111111");
  }

  @Test
  void everyOptionOfTheOperatorTheWatcherAndTheGuardIsSettableInTheFile() {
    CommandLine cli = PlasmaCli.commandLine(Map.of());
    for (CommandLine command : new CommandLine[] {
      cli.getSubcommands().get("operator"),
      cli.getSubcommands().get("watcher"),
      cli.getSubcommands().get("wallet").getSubcommands().get("guard")
    }) {
      for (OptionSpec o : command.getCommandSpec().options()) {
        if (o.usageHelp() || o.versionHelp() || o.longestName().equals(ConfigFile.OPTION)) {
          continue;
        }
        Path f = dir.resolve("one.toml");
        Class<?> type = o.isMultiValue() ? o.auxiliaryTypes()[0] : o.type();
        String scalar = type == boolean.class || type == Boolean.class
            ? "true"
            : type == int.class || type == Integer.class || type == long.class || type == Long.class
                ? "1"
                : "\"x\"";
        String value = o.isMultiValue() ? "[" + scalar + "]" : scalar;
        try {
          Files.writeString(f, o.longestName().substring(2) + " = " + value + "\n");
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        ConfigFile config = ConfigFile.load(f, command.getCommandSpec());
        assertThat(config.keys())
            .as(command.getCommandSpec().qualifiedName() + " " + o.longestName())
            .containsExactly(o.longestName());
      }
    }
  }

  @Test
  void anUnknownKeyIsRefusedByNameWithExitCode2BeforeAnythingRuns() throws IOException {
    Path f = file("rpc-prot = 9545\n");
    int code = PlasmaCli.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
        .execute("operator", "--config", f.toString());

    assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo("error: config file " + f
            + ": UNKNOWN_KEY: 'rpc-prot' is not an option of 'plasma operator'\n");
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheKeyAndTheTypeWanted() throws IOException {
    Path f = file("port = \"9657\"\n");
    int code = PlasmaCli.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
        .execute("watcher", "--config", f.toString());

    assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo("error: config file " + f
            + ": WRONG_TYPE: 'port' must be an integer, not string \"9657\"\n");

    Path g = dir.resolve("bool.toml");
    Files.writeString(g, "once = \"yes\"\n");
    assertThatThrownBy(() -> ConfigFile.load(
            g,
            PlasmaCli.commandLine(Map.of())
                .getSubcommands()
                .get("wallet")
                .getSubcommands()
                .get("guard")
                .getCommandSpec()))
        .isInstanceOfSatisfying(
            ConfigFile.ConfigFileException.class,
            e -> assertThat(e.problem()).isEqualTo(ConfigFile.Problem.WRONG_TYPE))
        .hasMessageContaining("'once' must be true or false");
  }

  @Test
  void aMissingOrMalformedFileIsRefusedWithItsProblem() throws IOException {
    Path missing = dir.resolve("nope.toml");
    int code = PlasmaCli.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
        .execute("operator", "--config", missing.toString());
    assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo("error: config file " + missing + ": MISSING_FILE: no such file\n");

    Path bad = file("rpc-port = = 1\n");
    assertThatThrownBy(() -> ConfigFile.load(
            bad,
            PlasmaCli.commandLine(Map.of()).getSubcommands().get("operator").getCommandSpec()))
        .isInstanceOfSatisfying(
            ConfigFile.ConfigFileException.class,
            e -> assertThat(e.problem()).isEqualTo(ConfigFile.Problem.UNREADABLE))
        .hasMessageStartingWith("config file " + bad + ": UNREADABLE: not TOML");
  }

  @Test
  void theConfigOptionItselfIsNotSettableFromTheFile() throws IOException {
    Path f = file("config = \"other.toml\"\n");
    assertThatThrownBy(() -> ConfigFile.load(
            f, PlasmaCli.commandLine(Map.of()).getSubcommands().get("operator").getCommandSpec()))
        .hasMessageContaining("UNKNOWN_KEY: 'config' is not an option");
  }

  @Test
  void aKeystoreInTheFileNeedsItsPasswordFileLikeOnTheCommandLine() throws IOException {
    Path f = file("""
        eth-rpc = "http://127.0.0.1:1"
        framework = "0x1111111111111111111111111111111111111111"
        fees = "0x0000000000000000000000000000000000000000=1000"
        fee-beneficiary = "0x2222222222222222222222222222222222222222"
        keystore = "operator.json"
        """);
    int code = PlasmaCli.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
        .execute("operator", "--config", f.toString());

    assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).isEqualTo("error: --keystore needs --password-file\n");
  }
}
