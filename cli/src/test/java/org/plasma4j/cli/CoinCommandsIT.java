package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.rootchain.CashGameClient;

/**
 * The coin commands as a user types them, against a devnet on anvil: deposit-coin, send-coin, coins
 * (which verifies and accepts the bundle), history, exit-coin, and the one-line refusals of a
 * transfer of an exiting coin and of a coin that does not exist; and {@code wallet guard --once}
 * watching the coins of the wallet directory.
 */
class CoinCommandsIT {

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

  private int run(int account, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(
        "--dev-account",
        Integer.toString(account),
        "--rpc",
        devnet.operatorRpcUrl(),
        "--eth-rpc",
        devnet.anvil().rpcUrl(),
        "--framework",
        devnet.framework().toHex(),
        "--wallet-dir",
        home.resolve("wallet").toString()));
    return PlasmaCli.commandLine(
            Map.of("PLASMA_HOME", home.toString()), new PrintWriter(out), new PrintWriter(err))
        .execute(all.toArray(String[]::new));
  }

  /** As {@link #run}, with endpoints, framework and start block from the devnet file alone. */
  private int runOnDevnetFile(int account, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(
        "--dev-account",
        Integer.toString(account),
        "--wallet-dir",
        home.resolve("wallet").toString()));
    return command(Map.of(), all.toArray(String[]::new));
  }

  /** Any command, in {@code home}, with {@code env} beside PLASMA_HOME. */
  private int command(Map<String, String> env, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("PLASMA_HOME", home.toString());
    return PlasmaCli.commandLine(all, new PrintWriter(out), new PrintWriter(err))
        .execute(args);
  }

  /** Writes the running devnet's file, naming {@code deployedAt} as the deployment block. */
  private void writeDevnetFile(long deployedAt) throws Exception {
    Map<String, Object> file = new java.util.LinkedHashMap<>(devnet.describe());
    file.put("deployedAt", deployedAt);
    Path path = home.resolve(DevnetConfig.RELATIVE_PATH);
    java.nio.file.Files.createDirectories(path.getParent());
    new ObjectMapper().writeValue(path.toFile(), file);
  }

  private JsonNode json() throws Exception {
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void aCoinIsDepositedSentAcceptedShownAndExitedFromTheCommandLine() throws Exception {
    String bob = Devnet.address(3).toHex();
    assertThat(run(2, "wallet", "deposit-coin", "--kind", "eth", "--amount", "0.5", "--json"))
        .as(err.toString())
        .isZero();
    String slot = json().get("slot").asText();
    assertThat(json().get("value").asText()).isEqualTo("500000000000000000");

    // straight after the deposit: send-coin waits until the operator has credited it
    assertThat(run(2, "wallet", "send-coin", "--slot", slot, "--to", bob, "--json"))
        .as(err.toString())
        .isZero();
    long block = json().get("blkNum").asLong();

    assertThat(run(3, "wallet", "coins", "--json")).as(err.toString()).isZero();
    JsonNode coins = json();
    assertThat(coins.get("received").get(0).get("accepted").asBoolean()).isTrue();
    assertThat(coins.get("coins").get(0).get("slot").asText()).isEqualTo(slot);
    assertThat(coins.get("coins").get(0).get("coinBlock").asLong()).isEqualTo(block);

    assertThat(run(3, "wallet", "history", "--slot", slot)).as(err.toString()).isZero();
    assertThat(out.toString()).containsPattern(block + " included\\s+-> " + bob);

    assertThat(run(3, "wallet", "exit-coin", "--slot", slot)).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("started the exit of coin " + slot + ": L1 tx 0x");

    assertThat(run(
            3, "wallet", "send-coin", "--slot", slot, "--to", Devnet.address(2).toHex()))
        .isEqualTo(PlasmaCli.EXIT_FAILED);
    assertThat(err.toString().strip()).isEqualTo("error: coin " + slot + ": it is exiting");

    assertThat(run(2, "wallet", "send-coin", "--slot", "99", "--to", bob))
        .isEqualTo(PlasmaCli.EXIT_FAILED);
    assertThat(err.toString().strip()).isEqualTo("error: coin 99: no such coin");
  }

  @Test
  void startBlocksDefaultToTheDevnetFilesDeploymentBlockAndAreCheckedOnChain() throws Exception {
    long deployedAt = devnet.deployment().deployedAt();
    assertThat(run(2, "wallet", "deposit-coin", "--kind", "eth", "--amount", "0.5", "--json"))
        .as(err.toString())
        .isZero();
    String slot = json().get("slot").asText();
    assertThat(run(
            2, "wallet", "send-coin", "--slot", slot, "--to", Devnet.address(3).toHex()))
        .as(err.toString())
        .isZero();

    // a devnet file naming a block after the deployment: every default start is that block, and
    // the check on chain refuses it before anything is read
    writeDevnetFile(deployedAt + 1);
    String refused = "it was deployed before the start block " + (deployedAt + 1);
    assertThat(runOnDevnetFile(3, "wallet", "coins", "--json")).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains(refused);
    assertThat(command(Map.of(), "watcher", "--data-dir", home.resolve("w").toString()))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains(refused);
    assertThat(home.resolve("w")).as("refused before the node opened its data").doesNotExist();
    assertThat(command(
            Map.of(
                OperatorCommand.DEFAULT_KEY_ENV,
                org.plasma4j.devtools.DevAccounts.privateKey(
                    org.plasma4j.devtools.DevAccounts.OPERATOR)),
            "operator",
            "--eth-rpc",
            devnet.anvil().rpcUrl(),
            "--framework",
            devnet.framework().toHex(),
            "--fees",
            "0x0000000000000000000000000000000000000000=1",
            "--fee-beneficiary",
            Devnet.address(9).toHex(),
            "--data-dir",
            home.resolve("o").toString()))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains(refused);
    assertThat(home.resolve("o")).as("refused before the node opened its data").doesNotExist();

    // the bundle stayed in the inbox; from the deployment block it verifies and is accepted
    writeDevnetFile(deployedAt);
    assertThat(runOnDevnetFile(3, "wallet", "coins", "--json"))
        .as(err.toString())
        .isZero();
    assertThat(json().get("received").get(0).get("accepted").asBoolean()).isTrue();
    assertThat(json().get("coins").get(0).get("slot").asText()).isEqualTo(slot);
  }

  @Test
  void theGuardWatchesTheCoinsInTheWalletDirAndChallengesAnExitOfASpentOne() throws Exception {
    assertThat(run(2, "wallet", "deposit-coin", "--kind", "eth", "--amount", "1", "--json"))
        .as(err.toString())
        .isZero();
    String slot = json().get("slot").asText();
    long originBlock = json().get("originBlock").asLong();
    assertThat(run(
            2, "wallet", "send-coin", "--slot", slot, "--to", Devnet.address(3).toHex()))
        .as(err.toString())
        .isZero();
    assertThat(run(3, "wallet", "coins")).as(err.toString()).isZero();

    CashGameClient alice =
        CashGameClient.forFramework(devnet.web3j(), Devnet.credentials(2), devnet.framework());
    alice.startExit(Long.parseLong(slot), CoinClaimArgs.origin(originBlock));

    assertThat(run(
            3,
            "wallet",
            "guard",
            "--once",
            "--confirmations",
            "0",
            "--data-dir",
            home.resolve("guard").toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("watching coins in " + home.resolve("wallet"));
    assertThat(out.toString()).contains("done   challenge-after the exit of coin " + slot);
    assertThat(alice.exitOf(Long.parseLong(slot)).exists()).isFalse();
  }
}
