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
