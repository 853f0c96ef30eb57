package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.wallet.WalletException.OperatorUnreachable;
import org.plasma4j.wallet.cash.CoinOperator;
import org.plasma4j.wallet.cash.CoinRpcClient;

/**
 * Every number the wallet's clients read from an operator's answer, in every hostile spelling: a
 * value beyond its field's type, a negative one, a fraction, a sign, a digit of another script, an
 * empty hex, a word or address of the wrong length, a batch answer of the wrong count. Each is the
 * named malformed answer ({@link OperatorUnreachable}), never wrapped into another number, never an
 * arithmetic or argument error; honest spellings (leading zeros, upper-case hex, JSON numbers,
 * decimal strings, a uint64 slot above 2^63 - 1) still read.
 */
class OperatorAnswerQuantitiesAttackTest {

  private static final String HASH = "0x" + "33".repeat(32);
  private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private final StubOperator stub = new StubOperator();
  private final OperatorClient client = new OperatorClient(URI.create(stub.url()));
  private final CoinOperator coins = new CoinRpcClient(client);

  @AfterEach
  void stop() {
    stub.close();
  }

  /** Hostile spellings of a number that must never read as one. */
  private static final List<Object> HOSTILE = List.of(
      -1,
      "-1",
      "0x-1",
      "+5",
      "0x",
      "",
      1.5,
      "1e3",
      "\u0663", // ARABIC-INDIC DIGIT THREE, which BigInteger would read as 3
      true,
      Map.of("n", 1),
      TWO_63,
      TWO_64.add(BigInteger.valueOf(3)),
      "0x10000000000000003");

  private static void malformed(Runnable read, Object value) {
    assertThatThrownBy(read::run)
        .as("%s", value)
        .isInstanceOf(OperatorUnreachable.class)
        .hasMessageContaining("malformed");
  }

  private static Map<String, Object> exitData(Object position, Object blockTimestamp) {
    Map<String, Object> m = new HashMap<>();
    m.put("position", position);
    m.put("txBytes", "0xc0");
    m.put("proof", "0x");
    m.put("blockTimestamp", blockTimestamp);
    return m;
  }

  @Test
  void exitAndChallengeDataNumbersAreNeverNegativeWrappedOrFractional() {
    for (Object v : HOSTILE) {
      stub.on("plasma_getExitData", exitData(1_000_000_000L, v));
      malformed(() -> client.getExitData(1_000_000_000L), v);
      stub.on("plasma_getExitData", exitData(v, 7));
      malformed(() -> client.getExitData(1_000_000_000L), v);
      stub.on(
          "plasma_getChallengeData",
          Map.of(
              "position",
              1_000_000_000L,
              "spendingTx",
              "0xaa",
              "inputIndex",
              v,
              "signature",
              "0xbb"));
      malformed(() -> client.getChallengeData(1_000_000_000L), v);
    }
    // an index past 2^31 would otherwise be an int of another input
    stub.on(
        "plasma_getChallengeData",
        Map.of(
            "position", 1, "spendingTx", "0xaa", "inputIndex", 4294967299L, "signature", "0xbb"));
    malformed(() -> client.getChallengeData(1), 4294967299L);
    // honest spellings
    stub.on("plasma_getExitData", exitData("0X3B9ACA00", "0x0000007"));
    OperatorClient.ExitData d = client.getExitData(1_000_000_000L);
    assertThat(d.position()).isEqualTo(1_000_000_000L);
    assertThat(d.blockTimestamp()).isEqualTo(7);
  }

  @Test
  void anIncludedTransactionsIndexIsNeverWrappedIntoAnotherIndex() {
    for (Object v : List.<Object>of(4294967299L, -3, "0x100000003", 3.0, "3.5")) {
      stub.on(
          "plasma_getTransaction",
          Map.of("txHash", HASH, "status", "formed", "blkNum", 1000, "txIndex", v));
      malformed(() -> client.getTransaction(Bytes32.fromHex(HASH)), v);
    }
    stub.on(
        "plasma_getTransaction",
        Map.of("txHash", HASH, "status", "formed", "blkNum", "0x3e8", "txIndex", "3"));
    var status = client.getTransaction(Bytes32.fromHex(HASH));
    assertThat(status.blkNum()).isEqualTo(1000);
    assertThat(status.txIndex()).isEqualTo(3);
  }

  @Test
  void blockNumbersOfEveryAnswerAreNeverNegativeOrWrapped() {
    for (Object v : HOSTILE) {
      stub.on("plasma_getBlockNumber", v);
      malformed(client::getBlockNumber, v);
      Map<String, Object> block =
          new HashMap<>(StubOperator.block(1000, "0x" + "11".repeat(32), 7L, List.of()));
      block.put("timestamp", v);
      stub.on("plasma_getBlock", block);
      malformed(() -> client.getBlock(1000), v);
    }
    stub.on("plasma_getBlockNumber", "0x00007d0");
    assertThat(client.getBlockNumber()).isEqualTo(2000);
  }

  private static Map<String, Object> utxo(Object amount) {
    long position = OutputPosition.of(2000, 1, 1).encode();
    return Map.of(
        "position",
        position,
        "blkNum",
        2000,
        "txIndex",
        1,
        "outputIndex",
        1,
        "owner",
        TestKeys.ALICE.toHex(),
        "token",
        TestKeys.ETH,
        "amount",
        amount);
  }

  @Test
  void amountsAndFeesAreNeverNegativeNorBeyondAUint256() {
    List<Object> amounts = List.of(
        -1,
        "-1",
        "0x-1",
        1.5,
        "\u0663",
        "",
        BigInteger.ONE.shiftLeft(256),
        "0x" + "1" + "0".repeat(64));
    for (Object v : amounts) {
      stub.on("plasma_getUtxos", List.of(utxo(v)));
      malformed(() -> client.getUtxos(TestKeys.ALICE), v);
      stub.on("plasma_getFeeSchedule", Map.of(TestKeys.ETH, v));
      malformed(client::getFeeSchedule, v);
    }
    stub.on("plasma_getFeeSchedule", Map.of("0x1234", "10"));
    malformed(client::getFeeSchedule, "a short token address");
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    stub.on("plasma_getUtxos", List.of(utxo(max.toString())));
    assertThat(client.getUtxos(TestKeys.ALICE).outputs().getFirst().amount()).isEqualTo(max);
  }

  @Test
  void wordsAndAddressesOfTheWrongLengthAreMalformedNotArgumentErrors() {
    stub.on("plasma_getBlock", StubOperator.block(1000, "0x1111", null, List.of()));
    malformed(() -> client.getBlock(1000), "a 2-byte root");
    stub.on("plasma_sendTransaction", Map.of("txHash", "0x22"));
    malformed(() -> client.sendTransaction(new byte[] {(byte) 0xc0}), "a 1-byte hash");
    stub.on(
        "plasma_getChainInfo",
        Map.of(
            "chainId",
            1,
            "framework",
            "0x12",
            "operator",
            TestKeys.ETH,
            "feeBeneficiary",
            TestKeys.ETH,
            "childBlockInterval",
            1000));
    malformed(client::getChainInfo, "a 1-byte framework");
  }

  /** A distinct transaction per {@code n}: only its count and order matter to a batch. */
  static SignedTransaction anyTx(int n) {
    return SignedTransaction.of(
        Transaction.payment(
            List.of(OutputPosition.of(1000, n, 0)),
            List.of(new Output(TestKeys.BOB, Address.ETH, BigInteger.ONE))),
        List.of(),
        new Domain(1, TestKeys.FRAMEWORK));
  }

  @Test
  void aBatchAnswerOfAnotherCountThanTheBatchIsMalformed() {
    List<SignedTransaction> two = List.of(anyTx(0), anyTx(1));
    Consumer<Object> answers = result -> {
      stub.on("plasma_sendTransactions", result);
      malformed(() -> client.sendTransactions(two), result);
    };
    Map<String, Object> first = Map.of("txHash", two.get(0).txHash().toHex());
    Map<String, Object> second = Map.of("txHash", two.get(1).txHash().toHex());
    answers.accept(List.of(first));
    answers.accept(List.of(first, second, second));
    answers.accept(Map.of("a", first, "b", second));
    stub.on("plasma_sendTransactions", List.of(first, second));
    assertThat(client.sendTransactions(two)).hasSize(2);
  }

  private static Map<String, Object> coin(Object slot, Object kind, Object value, Object block) {
    Map<String, Object> m = new HashMap<>();
    m.put("slot", slot);
    m.put("token", TestKeys.ETH);
    m.put("kind", kind);
    m.put("value", value);
    m.put("owner", TestKeys.ALICE.toHex());
    m.put("block", block);
    m.put("state", "deposited");
    m.put("originOwner", TestKeys.ALICE.toHex());
    m.put("originBlock", 1);
    return m;
  }

  @Test
  void coinAnswersNeverWrapASlotNorThrowAnArithmeticError() {
    for (Object v : HOSTILE) {
      stub.on("plasma_getCoin", coin("5", v, "1000", 0));
      malformed(() -> coins.getCoin(5), v);
      stub.on("plasma_getCoin", coin("5", 0, "1000", v));
      malformed(() -> coins.getCoin(5), v);
      stub.on(
          "plasma_getCoinProofs",
          Map.of(
              "slot",
              "5",
              "fromBlock",
              1000,
              "toBlock",
              1000,
              "entries",
              List.of(Map.of("blkNum", v, "kind", "empty", "coinRoot", "0x"))));
      malformed(() -> coins.getCoinProofs(5, 1000, 1000), v);
    }
    // a slot past 2^64 would otherwise read as the low 64 bits: another coin
    for (Object v : List.<Object>of(TWO_64.add(BigInteger.valueOf(5)).toString(), "-1", -1)) {
      stub.on("plasma_getCoin", coin(v, 0, "1000", 0));
      malformed(() -> coins.getCoin(5), v);
    }
    stub.on("plasma_getCoin", coin("5", 0, "-1000", 0));
    malformed(() -> coins.getCoin(5), "a negative value");
    // a uint64 slot above 2^63 - 1 is honest: the long of the same 64 bits
    stub.on("plasma_getCoin", coin(TWO_64.subtract(BigInteger.ONE).toString(), 0, "1000", 2000));
    var c = coins.getCoin(-1);
    assertThat(c.slot()).isEqualTo(-1L);
    assertThat(c.block()).isEqualTo(2000);
  }
}
