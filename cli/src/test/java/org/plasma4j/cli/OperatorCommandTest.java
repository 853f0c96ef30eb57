package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plasma4j.devtools.DevAccounts;

/**
 * {@code plasma operator} refuses bad settings before it opens its data or contacts the root chain.
 */
class OperatorCommandTest {

  private static final String OPERATOR = org.plasma4j.core.crypto.PrivateKey.fromHex(
          DevAccounts.privateKey(1))
      .address()
      .toHex();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    Map<String, String> env =
        new HashMap<>(Map.of("PLASMA_OPERATOR_KEY", DevAccounts.privateKey(1)));
    List<String> all = new java.util.ArrayList<>(List.of(
        "operator",
        "--eth-rpc",
        "http://127.0.0.1:1",
        "--framework",
        "0x" + "11".repeat(20),
        "--fees",
        "0x0000000000000000000000000000000000000000=1000",
        "--data-dir",
        System.getProperty("java.io.tmpdir") + "/never-opened"));
    all.addAll(List.of(args));
    return PlasmaCli.commandLine(env, new PrintWriter(out), new PrintWriter(err))
        .execute(all.toArray(String[]::new));
  }

  @Test
  void theFeeBeneficiaryMustBeGivenAndNotBeTheBlockSubmittingAccount() {
    assertThat(run()).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .startsWith("error: Missing required option: '--fee-beneficiary=<0x..>'");

    err.getBuffer().setLength(0);
    assertThat(run("--fee-beneficiary", OPERATOR)).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).startsWith("error: --fee-beneficiary is the operator's own account");
  }

  @Test
  void rpcLimitsOutOfRangeAreBadInput() {
    assertThat(run("--fee-beneficiary", "0x" + "22".repeat(20), "--rpc-max-body-bytes", "10"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo("error: header, body and response limits must be at least 1 KiB\n");

    err.getBuffer().setLength(0);
    assertThat(run("--fee-beneficiary", "0x" + "22".repeat(20), "--rpc-idle-timeout", "0"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo("error: --rpc-idle-timeout must be a positive number of seconds, got 0\n");
  }

  @Test
  void rpcLimitsGivenReplaceTheirDefaultsOnly() {
    RpcLimitOptions options = new RpcLimitOptions();
    options.maxConnections = 10;
    options.idleSeconds = 5L;
    var limits = options.limits();
    assertThat(limits.maxConnections()).isEqualTo(10);
    assertThat(limits.idleTimeout()).hasSeconds(5);
    assertThat(limits.maxBodyBytes())
        .isEqualTo(org.plasma4j.node.rpc.RpcLimits.defaults().maxBodyBytes());
  }

  @Test
  void everyOptionIsDescribed() {
    var spec = PlasmaCli.commandLine(Map.of()).getSubcommands().get("operator").getCommandSpec();
    assertThat(spec.options())
        .allSatisfy(o ->
            assertThat(String.join("", o.description())).as(o.longestName()).isNotBlank());
  }
}
