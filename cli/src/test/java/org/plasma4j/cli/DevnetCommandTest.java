package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.devnet.Devnet;

/**
 * {@code plasma devnet} refuses to start next to a running one, before it starts or deploys
 * anything.
 */
class DevnetCommandTest {

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
  void aSecondDevnetFailsFastOnTheTakenAnvilPort() throws Exception {
    try (ServerSocket running = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      long started = System.nanoTime();
      int port = running.getLocalPort();
      assertThat(run("devnet", "--eth-port", Integer.toString(port), "--rpc-port", "0"))
          .isEqualTo(PlasmaCli.EXIT_FAILED);
      assertThat(err.toString())
          .isEqualTo(
              "error: port " + port + " (anvil) is in use: is another devnet running? Stop it,"
                  + " or choose other ports with --eth-port and --rpc-port\n");
      assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
      assertThat(home.resolve(".plasma")).doesNotExist();
    }
  }

  @Test
  void aDataDirInUseIsRefused() throws Exception {
    Path data = home.resolve("data");
    Files.createDirectories(data.resolve("old-ledger"));
    assertThat(run("devnet", "--data-dir", data.toString())).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).startsWith("error: --data-dir " + data + " is not empty");
  }

  @Test
  void theFeeCollectorIsNamedAsSuch() {
    assertThat(Devnet.role(Devnet.FEE_COLLECTOR)).isEqualTo("fee collector (the operator's fees)");
    assertThat(Devnet.role(1)).isEqualTo("operator (submits blocks)");
    assertThat(Devnet.role(2)).isEqualTo("user");
  }
}
