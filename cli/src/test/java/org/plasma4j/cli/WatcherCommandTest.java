package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatcherCommandTest {

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
  void withoutADevnetTheEndpointsAreRequired() {
    assertThat(run("watcher")).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--eth-rpc is required");
  }

  @Test
  void aFrameworkThatIsNotAnAddressIsBadInput() {
    assertThat(run(
            "watcher",
            "--eth-rpc",
            "http://127.0.0.1:1",
            "--rpc",
            "http://127.0.0.1:1",
            "--framework",
            "0x12"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
  }

  @Test
  void confirmationsDefaultToNoneOnTheDevnetAndTwelveElsewhere() {
    DevnetConfig devnet = new DevnetConfig(
        java.util.Optional.of("http://127.0.0.1:8545"),
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        java.util.Optional.empty());
    assertThat(WatcherCommand.confirmations(null, null, devnet)).isZero();
    assertThat(WatcherCommand.confirmations(null, "http://127.0.0.1:8545", devnet))
        .isZero();
    assertThat(WatcherCommand.confirmations(null, "https://mainnet.example", devnet))
        .isEqualTo(12);
    assertThat(WatcherCommand.confirmations(null, "https://mainnet.example", DevnetConfig.none()))
        .isEqualTo(12);
    assertThat(WatcherCommand.confirmations(3, null, devnet)).isEqualTo(3);
  }

  @Test
  void everyOptionIsDescribed() {
    var spec = PlasmaCli.commandLine(Map.of()).getSubcommands().get("watcher").getCommandSpec();
    assertThat(spec.options())
        .allSatisfy(o ->
            assertThat(String.join("", o.description())).as(o.longestName()).isNotBlank());
  }

  @Test
  void anRpcLimitOutOfRangeIsBadInputBeforeAnythingStarts() {
    assertThat(run(
            "watcher",
            "--eth-rpc",
            "http://127.0.0.1:1",
            "--rpc",
            "http://127.0.0.1:1",
            "--framework",
            "0x" + "11".repeat(20),
            "--rpc-max-body-bytes",
            "10"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("limits must be at least 1 KiB");
    assertThat(home.resolve(".plasma")).doesNotExist();
  }

  @Test
  void mirrorsAndLimitsReachTheWatchersConfig() {
    var line = PlasmaCli.commandLine(Map.of());
    var parsed = line.parseArgs(
        "watcher", "--mirror", "http://a:1,http://b:2", "--rpc-max-connections", "7");
    WatcherCommand command = (WatcherCommand) parsed.subcommand().commandSpec().userObject();
    assertThat(command.mirrors)
        .extracting(java.net.URI::toString)
        .containsExactly("http://a:1", "http://b:2");
    assertThat(command.rpcLimits.limits().maxConnections()).isEqualTo(7);
  }

  @Test
  void theKeyIsNeverAnOption() {
    assertThat(run("watcher", "--key", "0x01")).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
  }
}
