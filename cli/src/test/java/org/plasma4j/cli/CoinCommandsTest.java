package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinHistoryCodec;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.wallet.WalletKey;
import org.plasma4j.wallet.cash.CoinStore;
import org.plasma4j.wallet.cash.CoinWallet;
import org.plasma4j.wallet.cash.StoredCoin;

class CoinCommandsTest {

  @TempDir
  Path home;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, String> env = new HashMap<>();

  private int run(String... args) {
    env.putIfAbsent("PLASMA_HOME", home.toString());
    return PlasmaCli.commandLine(env, new PrintWriter(out), new PrintWriter(err))
        .execute(args);
  }

  private Path walletDir() {
    return home.resolve("wallet");
  }

  private void storeCoin(long slot) {
    Address alice = WalletKey.fromHex(DevAccounts.privateKey(2)).address();
    new CoinStore(CoinWallet.keyDir(walletDir(), alice).resolve("coins"))
        .save(new StoredCoin(
            slot,
            Address.ETH,
            0,
            BigInteger.TEN.pow(18),
            1999,
            alice,
            1999,
            1999,
            Bytes.wrap(CoinHistoryCodec.encode(CoinHistory.empty(slot)))));
  }

  @Test
  void coinsListsTheStoredCoinsWithoutContactingAnything() throws Exception {
    storeCoin(7);
    int code = run(
        "wallet",
        "coins",
        "--no-sync",
        "--json",
        "--dev-account",
        "2",
        "--wallet-dir",
        walletDir().toString(),
        "--rpc",
        "http://127.0.0.1:1",
        "--eth-rpc",
        "http://127.0.0.1:1");
    assertThat(code).as(err.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("coins")).hasSize(1);
    assertThat(json.get("coins").get(0).get("slot").asText()).isEqualTo("7");
    assertThat(json.get("coins").get(0).get("value").asText()).isEqualTo("1000000000000000000");
    assertThat(json.get("coins").get(0).get("originBlock").asLong()).isEqualTo(1999);
  }

  @Test
  void historyOfAStoredCoinShowsItsOrigin() {
    storeCoin(3);
    int code = run(
        "wallet",
        "history",
        "--slot",
        "3",
        "--dev-account",
        "2",
        "--wallet-dir",
        walletDir().toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("coin 3: 1 ETH, origin block 1999");
  }

  @Test
  void aMalformedSlotIsBadInput() {
    int code = run(
        "wallet",
        "send-coin",
        "--slot",
        "seven",
        "--to",
        "0x" + "11".repeat(20),
        "--dev-account",
        "2");
    assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString().strip())
        .isEqualTo("error: --slot must be a coin slot (0 to 2^64-1), got 'seven'");
  }

  @Test
  void historyOfACoinThisWalletDoesNotHoldFails() {
    int code = run(
        "wallet",
        "history",
        "--slot",
        "9",
        "--dev-account",
        "2",
        "--wallet-dir",
        walletDir().toString());
    assertThat(code).isEqualTo(PlasmaCli.EXIT_FAILED);
    assertThat(err.toString().strip()).isEqualTo("error: coin 9: not a coin of this wallet");
  }

  @Test
  void anErc721DepositWithoutItsTokenIdIsBadInput() {
    int code = run(
        "wallet",
        "deposit-coin",
        "--kind",
        "erc721",
        "--token",
        "0x" + "22".repeat(20),
        "--dev-account",
        "2");
    assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("needs --token-id");
  }
}
