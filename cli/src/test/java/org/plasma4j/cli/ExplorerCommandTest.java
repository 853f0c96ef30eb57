package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plasma explorer} and the devnet's explorer refuse what they cannot serve, up front. */
class ExplorerCommandTest {

  @TempDir
  Path home;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return PlasmaCli.commandLine(
            Map.of("PLASMA_HOME", home.toString()),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err))
        .execute(args);
  }

  @Test
  void withoutADevnetFileTheOperatorMustBeGiven() {
    assertThat(run("explorer", "--port", "0")).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo("error: --operator is required (no devnet file with 'operatorRpc' found)\n");
  }

  @Test
  void eventsAreReadFromTheDevnetsDeploymentBlockUnlessAnotherFrameworkOrBlockIsGiven()
      throws Exception {
    java.nio.file.Files.createDirectories(home.resolve(".plasma"));
    java.nio.file.Files.writeString(
        home.resolve(".plasma/devnet.json"),
        "{\"operatorRpc\": \"http://127.0.0.1:9545\", \"ethRpc\": \"http://127.0.0.1:8545\","
            + " \"framework\": \"0x5fbdb2315678afecb367f032d93f642f64180aa3\","
            + " \"deployedAt\": 42}");
    assertThat(config("explorer").startL1Block()).isEqualTo(42);
    assertThat(config("explorer", "--start-block", "7").startL1Block()).isEqualTo(7);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> config("explorer", "--start-block", "-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--start-block must not be negative");
    // another chain's framework: the devnet's deployment block says nothing about it
    assertThat(
            config("explorer", "--framework", "0x" + "12".repeat(20), "--l1", "http://127.0.0.1:1")
                .startL1Block())
        .isZero();
  }

  @Test
  void theDevnetsRootChainNeedsNoConfirmationsAnyOtherTheWatchersTwelve() throws Exception {
    java.nio.file.Files.createDirectories(home.resolve(".plasma"));
    java.nio.file.Files.writeString(
        home.resolve(".plasma/devnet.json"),
        "{\"operatorRpc\": \"http://127.0.0.1:9545\", \"ethRpc\": \"http://127.0.0.1:8545\","
            + " \"framework\": \"0x5fbdb2315678afecb367f032d93f642f64180aa3\"}");
    assertThat(config("explorer").confirmations()).isZero();
    assertThat(config("explorer", "--confirmations", "3").confirmations()).isEqualTo(3);
    assertThat(config("explorer", "--l1", "https://rpc.example").confirmations())
        .isEqualTo(org.plasma4j.explorer.ExplorerConfig.DEFAULT_CONFIRMATIONS);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> config("explorer", "--confirmations", "-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--confirmations must not be negative");
  }

  private org.plasma4j.explorer.ExplorerConfig config(String... args) {
    picocli.CommandLine cli = PlasmaCli.commandLine(
        Map.of("PLASMA_HOME", home.toString()),
        new PrintWriter(new StringWriter()),
        new PrintWriter(err));
    picocli.CommandLine.ParseResult parsed = cli.parseArgs(args);
    return ((ExplorerCommand) parsed.subcommand().commandSpec().userObject()).config();
  }

  @Test
  void aBadFrameworkAddressIsNamed() {
    assertThat(run(
            "explorer",
            "--operator",
            "http://127.0.0.1:1",
            "--l1",
            "http://127.0.0.1:1",
            "--framework",
            "0x1234",
            "--port",
            "0"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--framework");
  }

  @Test
  void aDevnetWhoseExplorerPortIsTakenFailsBeforeStartingAnything() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThat(run(
              "devnet",
              "--eth-port",
              "0",
              "--rpc-port",
              "0",
              "--watcher-port",
              "0",
              "--explorer-port",
              Integer.toString(port)))
          .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
      assertThat(err.toString())
          .isEqualTo("error: port " + port + " (the explorer) is in use: is another devnet"
              + " running? Stop it, or choose another with --explorer-port\n");
      assertThat(home.resolve(".plasma")).doesNotExist();
    }
  }
}
