package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.contracts.generated.DevToken;
import org.plasma4j.devnet.Devnet;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The wallet commands as a user types them, against a devnet on anvil: deposits that would fail are
 * refused with nothing sent (the account's nonce, ETH and allowance unchanged), and a deposit
 * waited for, exited, shown on its way out, and not processed before its time without spending gas.
 */
class WalletCommandsIT {

  private static final int ACCOUNT = 6;

  @TempDir
  Path home;

  private Devnet devnet;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void start() {
    devnet = Devnet.start(Devnet.Options.defaults());
  }

  @AfterEach
  void stop() {
    devnet.close();
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(
        "--dev-account",
        Integer.toString(ACCOUNT),
        "--rpc",
        devnet.operatorRpcUrl(),
        "--eth-rpc",
        devnet.anvil().rpcUrl(),
        "--framework",
        devnet.framework().toHex()));
    return PlasmaCli.commandLine(
            Map.of("PLASMA_HOME", home.toString()), new PrintWriter(out), new PrintWriter(err))
        .execute(all.toArray(String[]::new));
  }

  private JsonNode json() throws Exception {
    return new ObjectMapper().readTree(out.toString());
  }

  /**
   * What a refused command must leave as it was: the account's nonce and ETH, its allowances to the
   * framework.
   */
  private record L1State(BigInteger nonce, BigInteger eth, BigInteger allowance) {}

  private L1State l1() throws Exception {
    String me = Devnet.address(ACCOUNT).toHex();
    DevToken token = DevToken.load(
        devnet.token().toHex(),
        devnet.web3j(),
        new ReadonlyTransactionManager(devnet.web3j(), me),
        new DefaultGasProvider());
    return new L1State(
        devnet
            .web3j()
            .ethGetTransactionCount(me, DefaultBlockParameterName.LATEST)
            .send()
            .getTransactionCount(),
        devnet
            .web3j()
            .ethGetBalance(me, DefaultBlockParameterName.LATEST)
            .send()
            .getBalance(),
        token.allowance(me, devnet.framework().toHex()).send());
  }

  @Test
  void depositsThatWouldRevertAreRefusedWithNothingSent() throws Exception {
    L1State before = l1();
    String noContract = Devnet.address(5).toHex();

    assertThat(run("wallet", "deposit", "--token", noContract, "--amount", "1wei"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo("error: deposit refused, nothing was sent: no contract at " + noContract
            + ": it is not a token on this chain\n");

    assertThat(run("wallet", "deposit", "--token", devnet.token().toHex(), "--amount", "100000000"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .startsWith(
            "error: deposit refused, nothing was sent: " + Devnet.address(ACCOUNT) + " holds ")
        .endsWith(" PDT, less than the 100000000 PDT to deposit\n");

    assertThat(run(
            "wallet",
            "deposit-coin",
            "--kind",
            "erc721",
            "--token",
            devnet.token().toHex(),
            "--token-id",
            "1",
            "--wallet-dir",
            home.resolve("wallet").toString()))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .startsWith("error: deposit refused, nothing was sent: " + devnet.token()
            + " is not an ERC721 contract");

    assertThat(run("wallet", "deposit", "--amount", "100000000"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("less than the 100000000 ETH to deposit");

    assertThat(l1()).isEqualTo(before);
  }

  @Test
  void aDepositIsWaitedForExitedShownOnItsWayOutAndNotProcessedBeforeItsTime() throws Exception {
    assertThat(run("wallet", "deposit", "--amount", "0.25", "--wait", "--json"))
        .as(err.toString())
        .isZero();
    assertThat(json().get("credited").asBoolean()).isTrue();
    long position = json().get("position").asLong();
    assertThat(err.toString()).contains("waiting for the operator to credit output " + position);

    assertThat(run("wallet", "exit", "--position", Long.toString(position)))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .containsPattern(
            "it can be processed at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(in \\d+[hm] ");
    String exitTx = out.toString().lines().findFirst().orElseThrow().replaceAll(".*L1 tx ", "");

    assertThat(run("wallet", "balance")).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("output " + position + ": 0.25 ETH exiting, can be processed at ");
    assertThat(out.toString()
            .lines()
            .filter(l -> l.startsWith("ETH "))
            .findFirst()
            .orElseThrow()
            .split("\\s{2,}")[2])
        .isEqualTo("0.25");

    L1State before = l1();
    assertThat(run("wallet", "process-exits")).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith("nothing to process yet: the next ETH exit (output " + position
            + ", 1 queued) can be processed at ")
        .contains("(no transaction sent)");
    assertThat(l1()).isEqualTo(before);

    assertThat(run("wallet", "retry-exit", "--entry", "12345")).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).startsWith("error: exit queue entry 12345 is not deferred");
    assertThat(l1()).isEqualTo(before);

    assertThat(run("wallet", "status", exitTx)).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith("root-chain transaction " + exitTx + ": succeeded in block ");

    devnet.anvil().increaseTime(3 * devnet.params().minExitPeriodSeconds());
    devnet.anvil().mine(1);
    assertThat(run("wallet", "process-exits")).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("processed up to 10 ETH exits: L1 tx 0x");
    assertThat(run("wallet", "balance", "--json")).as(err.toString()).isZero();
    assertThat(json().get("exits")).isEmpty();
  }
}
