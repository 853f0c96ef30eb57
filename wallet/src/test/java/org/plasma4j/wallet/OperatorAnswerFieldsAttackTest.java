package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.wallet.WalletException.OperatorUnreachable;
import org.plasma4j.wallet.cash.CoinOperator;
import org.plasma4j.wallet.cash.CoinRpcClient;

/**
 * A hostile operator's answers of the right numbers but the wrong shape or the wrong subject: a
 * field of another JSON type, a status no operator sends, a block, transaction, owner or coin other
 * than the one asked for, an acknowledgement of another transaction than the one sent, and answers
 * of tens of megabytes or trickled byte by byte. Each is the exact malformed answer
 * ({@link OperatorUnreachable}) naming the field, nothing of it is returned, and the client answers
 * the next honest answer; the honest answers of the same shapes read.
 */
class OperatorAnswerFieldsAttackTest {

  private static final String ROOT = "0x" + "11".repeat(32);
  private static final String L1_HASH = "0x" + "44".repeat(32);
  private static final String OTHER_HASH = "0x" + "33".repeat(32);

  private final StubOperator stub = new StubOperator();
  private final OperatorClient client = new OperatorClient(URI.create(stub.url()));
  private final CoinOperator coins = new CoinRpcClient(client);

  @AfterEach
  void stop() {
    stub.close();
  }

  private static void refused(Runnable read, String message) {
    assertThatThrownBy(read::run)
        .as(message)
        .isInstanceOf(OperatorUnreachable.class)
        .hasMessage(message);
  }

  private static void refusedStarting(Runnable read, String prefix) {
    assertThatThrownBy(read::run)
        .as(prefix)
        .isInstanceOf(OperatorUnreachable.class)
        .hasMessageStartingWith(prefix);
  }

  private static Map<String, Object> block(Map<String, Object> changes) {
    Map<String, Object> b = new HashMap<>(StubOperator.block(1000, ROOT, 7L, List.of("0xc0")));
    b.put("l1TxHash", L1_HASH);
    b.putAll(changes);
    return b;
  }

  private static Map<String, Object> change(String field, Object value) {
    Map<String, Object> m = new HashMap<>();
    m.put(field, value);
    return m;
  }

  @Test
  void aBlockAnswerOfAnotherTypeBlockOrPageIsRefusedByField() {
    String p = "malformed operator answer: ";
    Map<Map<String, Object>, String> hostile = new java.util.LinkedHashMap<>();
    hostile.put(change("transactions", "0xc0"), p + "transactions: not an array: \"0xc0\"");
    hostile.put(
        change("transactions", Map.of("0", "0xc0")),
        p + "transactions: not an array: {\"0\":\"0xc0\"}");
    hostile.put(change("transactions", List.of(192)), p + "transactions[0]: not text: 192");
    hostile.put(change("submitted", "true"), p + "submitted: not a boolean: \"true\"");
    hostile.put(change("submitted", 1), p + "submitted: not a boolean: 1");
    hostile.put(change("l1TxHash", 68), p + "l1TxHash: not text: 68");
    hostile.put(change("l1TxHash", "0x44"), p + "l1TxHash: not 32 bytes: \"0x44\"");
    hostile.put(change("l1TxHash", "pending"), p + "l1TxHash: not hex: \"pending\"");
    hostile.put(change("blkNum", 2000), p + "blkNum 2000 is not the block asked for, 1000");
    hostile.put(
        Map.of("txCount", 2), p + "transactions: a page from offset 0, not from 1 as asked");
    hostile.put(Map.of("offset", 1), p + "transactions: a page from offset 1, not from 0 as asked");
    hostile.put(Map.of("txCount", 0), p + "transactions: 1 from offset 0 of a block of 0");
    hostile.put(
        Map.of("submitted", false), p + "submitted false with timestamp 7 and l1TxHash " + L1_HASH);
    hostile.put(
        change("timestamp", null),
        p + "submitted true with timestamp null and l1TxHash " + L1_HASH);
    hostile.forEach((changes, message) -> {
      stub.on("plasma_getBlock", block(changes));
      refused(() -> client.getBlock(1000), message);
    });
    Map<String, Object> noSubmitted = block(Map.of());
    noSubmitted.remove("submitted");
    stub.on("plasma_getBlock", noSubmitted);
    refusedStarting(() -> client.getBlock(1000), p + "no 'submitted' in {");
    // a block not yet submitted has neither its timestamp nor its L1 hash
    Map<String, Object> unsubmitted = block(Map.of("submitted", false));
    unsubmitted.remove("timestamp");
    stub.on("plasma_getBlock", unsubmitted);
    refused(
        () -> client.getBlock(1000),
        p + "submitted false with timestamp null and l1TxHash " + L1_HASH);

    stub.on("plasma_getBlock", block(Map.of()));
    OperatorClient.Block honest = client.getBlock(1000);
    assertThat(honest.blkNum()).isEqualTo(1000);
    assertThat(honest.timestamp()).isEqualTo(7);
    assertThat(honest.submitted()).isTrue();
    assertThat(honest.l1TxHash()).contains(L1_HASH);
    assertThat(honest.transactions()).extracting(b -> b.toHex()).containsExactly("0xc0");
    unsubmitted.remove("l1TxHash");
    stub.on("plasma_getBlock", unsubmitted);
    assertThat(client.getBlock(1000).submitted()).isFalse();
  }

  @Test
  void aTransactionAnswerForAnotherHashOrOfAnUnknownStatusIsRefused() {
    SignedTransaction mine = OperatorAnswerQuantitiesAttackTest.anyTx(0);
    SignedTransaction other = OperatorAnswerQuantitiesAttackTest.anyTx(1);
    String hash = mine.txHash().toHex();
    String p = "malformed operator answer: ";
    Map<String, Object> formed = new HashMap<>(StubOperator.formed(hash, 1000, 3));
    formed.put("signedTx", Hex.encode(mine.encode()));

    Map<Map<String, Object>, String> hostile = new java.util.LinkedHashMap<>();
    hostile.put(
        change("status", "included"), p + "status: not \"pending\" or \"formed\": \"included\"");
    hostile.put(change("status", ""), p + "status: not \"pending\" or \"formed\": \"\"");
    hostile.put(change("status", 1), p + "status: not text: 1");
    hostile.put(
        change("txHash", OTHER_HASH),
        p + "txHash " + OTHER_HASH + " is not the transaction asked for, " + hash);
    hostile.put(
        change("signedTx", Hex.encode(other.encode())),
        p + "signedTx is transaction " + other.txHash() + ", not the one asked for, " + hash);
    // a number's digits would otherwise read as hex
    hostile.put(change("signedTx", 1234), p + "signedTx: not text: 1234");
    hostile.put(change("blkNum", 0), p + "a formed transaction in block 0 at 3");
    hostile.put(change("txIndex", null), p + "a formed transaction in block 1000 at null");
    hostile.forEach((changes, message) -> {
      Map<String, Object> answer = new HashMap<>(formed);
      answer.putAll(changes);
      stub.on("plasma_getTransaction", answer);
      refused(() -> client.getTransaction(mine.txHash()), message);
    });
    Map<String, Object> undecodable = new HashMap<>(formed);
    undecodable.put("signedTx", "0xc0");
    stub.on("plasma_getTransaction", undecodable);
    refusedStarting(() -> client.getTransaction(mine.txHash()), p + "signedTx does not decode: ");
    Map<String, Object> pendingInABlock = new HashMap<>(StubOperator.pending(hash));
    pendingInABlock.put("blkNum", 1000);
    stub.on("plasma_getTransaction", pendingInABlock);
    refused(
        () -> client.getTransaction(mine.txHash()),
        p + "a pending transaction in block 1000 at null");

    stub.on("plasma_getTransaction", formed);
    OperatorClient.TransactionStatus status = client.getTransaction(mine.txHash());
    assertThat(status.txHash()).isEqualTo(mine.txHash());
    assertThat(status.status()).isEqualTo("formed");
    assertThat(status.blkNum()).isEqualTo(1000);
    assertThat(status.txIndex()).isEqualTo(3);
    assertThat(status.signedTx()).contains(mine.encoded());
    stub.on("plasma_getTransaction", StubOperator.pending(hash));
    assertThat(client.getTransaction(mine.txHash()).isIncluded()).isFalse();
  }

  @Test
  void aUtxoListOfAnotherTypeOrOwnerIsRefused() {
    long position = OutputPosition.of(2000, 1, 0).encode();
    Map<String, Object> mine =
        StubOperator.utxo(position, TestKeys.ALICE.toHex(), TestKeys.ETH, "1000");
    String p = "malformed operator answer: ";
    stub.on("plasma_getUtxos", Map.of("a", mine));
    refusedStarting(() -> client.getUtxos(TestKeys.ALICE), p + "not a list of outputs: {\"a\":");
    stub.on("plasma_getUtxos", List.of(mine, "0xc0"));
    refused(() -> client.getUtxos(TestKeys.ALICE), p + "[1]: not an object: \"0xc0\"");
    stub.on(
        "plasma_getUtxos",
        List.of(mine, StubOperator.utxo(position + 1, TestKeys.BOB.toHex(), TestKeys.ETH, "5")));
    refused(
        () -> client.getUtxos(TestKeys.ALICE),
        p + "[1].owner " + TestKeys.BOB + " is not the owner asked for, " + TestKeys.ALICE);
    Map<String, Object> numberAmount = new HashMap<>(mine);
    numberAmount.put("amount", 1000);
    stub.on("plasma_getUtxos", List.of(numberAmount));
    refused(() -> client.getUtxos(TestKeys.ALICE), p + "[0]: amount: not text: 1000");

    stub.on("plasma_getUtxos", List.of(mine));
    assertThat(client.getUtxos(TestKeys.ALICE).outputs()).singleElement().satisfies(u -> {
      assertThat(u.position()).isEqualTo(position);
      assertThat(u.owner()).isEqualTo(TestKeys.ALICE);
      assertThat(u.amount()).isEqualTo(1000);
    });
  }

  @Test
  void aFeeScheduleThatIsNotAnObjectIsRefusedNotNoFees() {
    for (Object hostile : List.of("none", List.of(), 0, true)) {
      stub.on("plasma_getFeeSchedule", hostile);
      refused(
          client::getFeeSchedule,
          "malformed operator answer: not a {token: amount} object: "
              + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(hostile));
    }
    stub.on("plasma_getFeeSchedule", Map.of());
    assertThat(client.getFeeSchedule()).isEmpty();
    stub.on("plasma_getFeeSchedule", Map.of(TestKeys.ETH, "10"));
    assertThat(client.getFeeSchedule()).containsExactly(Map.entry(Address.ETH, BigInteger.TEN));
  }

  @Test
  void anAcknowledgementOfAnotherTransactionThanTheOneSentIsRefused() {
    SignedTransaction first = OperatorAnswerQuantitiesAttackTest.anyTx(0);
    SignedTransaction second = OperatorAnswerQuantitiesAttackTest.anyTx(1);
    String p = "malformed operator answer: ";
    stub.on("plasma_sendTransaction", Map.of("txHash", second.txHash().toHex()));
    refused(
        () -> client.sendTransaction(first),
        p + "txHash " + second.txHash() + " is not the hash of the transaction sent, "
            + first.txHash());
    refused(
        () -> client.sendTransaction(new byte[] {(byte) 0xc0}),
        p + "txHash " + second.txHash() + " acknowledges a transaction that does not decode");
    stub.on("plasma_sendTransaction", StubOperator::acknowledge);
    assertThat(client.sendTransaction(first)).isEqualTo(first.txHash());
    assertThat(client.sendTransaction(second.encode())).isEqualTo(second.txHash());

    List<SignedTransaction> two = List.of(first, second);
    Map<String, Object> ackFirst = Map.of("txHash", first.txHash().toHex());
    Map<String, Object> ackSecond = Map.of("txHash", second.txHash().toHex());
    Map<String, Object> error = Map.of("code", -32014, "message", "spent");
    stub.on("plasma_sendTransactions", List.of(ackSecond, ackFirst));
    refused(
        () -> client.sendTransactions(two),
        p + "[0].txHash " + second.txHash() + " is not the hash of the transaction sent, "
            + first.txHash());
    Map<String, Object> both = new HashMap<>(ackSecond);
    both.put("error", error);
    stub.on("plasma_sendTransactions", List.of(ackFirst, both));
    refusedStarting(
        () -> client.sendTransactions(two),
        p + "[1]: neither or both of 'txHash' and 'error' in {");
    stub.on("plasma_sendTransactions", List.of(ackFirst, Map.of()));
    refused(
        () -> client.sendTransactions(two),
        p + "[1]: neither or both of 'txHash' and 'error' in {}");
    stub.on(
        "plasma_sendTransactions",
        List.of(
            ackFirst,
            Map.of("error", new TreeMap<>(Map.of("code", "-32014", "message", "spent")))));
    refused(
        () -> client.sendTransactions(two),
        p
            + "error: not {code: integer, message: text}: {\"code\":\"-32014\",\"message\":\"spent\"}");
    stub.on("plasma_sendTransactions", List.of(ackFirst, Map.of("txHash", 7)));
    refused(() -> client.sendTransactions(two), p + "[1].txHash: not text: 7");

    stub.on("plasma_sendTransactions", List.of(ackFirst, Map.of("error", error)));
    var results = client.sendTransactions(two);
    assertThat(results.get(0).txHash()).contains(first.txHash());
    assertThat(results.get(1).error().orElseThrow().code()).isEqualTo(-32014);
  }

  private static Map<String, Object> coin(String slot, String state) {
    Map<String, Object> m = new HashMap<>();
    m.put("slot", slot);
    m.put("token", TestKeys.ETH);
    m.put("kind", 0);
    m.put("value", "1000");
    m.put("owner", TestKeys.ALICE.toHex());
    m.put("block", 2000);
    m.put("state", state);
    m.put("originOwner", TestKeys.ALICE.toHex());
    m.put("originBlock", 1);
    return m;
  }

  @Test
  void aCoinAnswerForAnotherCoinRangeOrTransferIsRefused() {
    String p = "malformed coin answer: ";
    stub.on("plasma_getCoin", coin("6", "deposited"));
    refused(() -> coins.getCoin(5), p + "slot 6 is not the coin asked for, 5");
    stub.on("plasma_getCoin", coin("5", "gone"));
    refusedStarting(() -> coins.getCoin(5), p + "state: not one of ");
    stub.on("plasma_getCoin", coin("5", "deposited"));
    assertThat(coins.getCoin(5).owner()).isEqualTo(TestKeys.ALICE);

    Map<String, Object> empty = Map.of("blkNum", 1000, "kind", "empty", "coinRoot", "0x00");
    Map<String, Object> includedWithoutTx =
        Map.of("blkNum", 1000, "kind", "included", "coinRoot", "0x00", "proof", "0x");
    Map<String, Object> excludedWithTx =
        Map.of("blkNum", 1000, "kind", "excluded", "coinRoot", "0x00", "proof", "0x", "tx", "0x00");
    Map<Object[], String> proofs = new java.util.LinkedHashMap<>();
    proofs.put(
        new Object[] {"5", 1000, 3000, List.of(empty)},
        p + "slot 5 blocks 1000 to 3000 are not the range asked for, slot 5 blocks 1000 to 2000");
    proofs.put(
        new Object[] {"5", 1000, 2000, List.of(includedWithoutTx)},
        p + "entries[0]: \"included\" in block 1000 without a transfer and with a proof");
    proofs.put(
        new Object[] {"5", 1000, 2000, List.of(excludedWithTx)},
        p + "entries[0]: \"excluded\" in block 1000 with a transfer and with a proof");
    proofs.put(
        new Object[] {
          "5", 1000, 2000, List.of(Map.of("blkNum", 5000, "kind", "empty", "coinRoot", "0x00"))
        },
        p + "entries[0]: \"empty\" in block 5000 without a transfer and without a proof");
    proofs.put(
        new Object[] {
          "5", 1000, 2000, List.of(Map.of("blkNum", 1000, "kind", "gone", "coinRoot", "0x00"))
        },
        p + "entries[0].kind: not included, excluded or empty: \"gone\"");
    proofs.put(new Object[] {"5", 1000, 2000, "0x00"}, p + "entries: not an array: \"0x00\"");
    proofs.forEach((answer, message) -> {
      stub.on(
          "plasma_getCoinProofs",
          Map.of(
              "slot",
              answer[0],
              "fromBlock",
              answer[1],
              "toBlock",
              answer[2],
              "entries",
              answer[3]));
      refused(() -> coins.getCoinProofs(5, 1000, 2000), message);
    });
    stub.on(
        "plasma_getCoinProofs",
        Map.of("slot", "5", "fromBlock", 1000, "toBlock", 2000, "entries", List.of(empty)));
    assertThat(coins.getCoinProofs(5, 1000, 2000)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("empty");
      assertThat(e.tx()).isEmpty();
    });

    SignedCoinTransfer transfer = SignedCoinTransfer.sign(
        new CoinTransfer(5, 2000, TestKeys.BOB),
        WalletKey.fromHex(TestKeys.ALICE_KEY).privateKey(),
        new Domain(31337, TestKeys.FRAMEWORK));
    Bytes32 hash = transfer.transfer().hash();
    stub.on("plasma_sendCoinTransfer", Map.of("slot", "6", "txHash", hash.toHex()));
    refused(() -> coins.sendCoinTransfer(transfer.encode()), p + "slot 6 is not the coin sent, 5");
    stub.on("plasma_sendCoinTransfer", Map.of("slot", "5", "txHash", OTHER_HASH));
    refused(
        () -> coins.sendCoinTransfer(transfer.encode()),
        p + "txHash " + OTHER_HASH + " is not the hash of the transfer sent, " + hash);
    stub.on("plasma_sendCoinTransfer", Map.of("slot", "5", "txHash", hash.toHex()));
    assertThat(coins.sendCoinTransfer(transfer.encode())).isEqualTo(hash);
  }

  /**
   * An operator that answers with {@code size} bytes of a JSON string that never ends, counting
   * what it managed to write before the client hung up.
   */
  private static final class Flood implements AutoCloseable {
    final HttpServer server;
    final AtomicLong written = new AtomicLong();
    final CountDownLatch done = new CountDownLatch(1);

    Flood(long size, boolean declareLength) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, declareLength ? size : 0);
        byte[] head =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x".getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(head);
          written.addAndGet(head.length);
          while (written.get() < size) {
            int n = (int) Math.min(chunk.length, size - written.get());
            out.write(chunk, 0, n);
            written.addAndGet(n);
          }
        } catch (IOException hungUp) {
          // the client stopped reading: what was written is counted
        } finally {
          done.countDown();
        }
      });
      server.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void anAnswerOfTensOfMegabytesIsRefusedWithoutBeingReadWhole() throws Exception {
    long size = 96L * 1024 * 1024;
    for (boolean declared : new boolean[] {false, true}) {
      try (Flood flood = new Flood(size, declared)) {
        OperatorClient flooded = new OperatorClient(flood.uri());
        refused(
            flooded::getBlockNumber,
            "malformed operator answer: larger than "
                + OperatorClient.DEFAULT_MAX_ANSWER_BYTES
                + " bytes");
        assertThat(flood.done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(flood.written.get())
            .as("bytes written before the client hung up (declared length: %s)", declared)
            .isGreaterThan(OperatorClient.DEFAULT_MAX_ANSWER_BYTES)
            .isLessThan(size / 2);
      }
    }
    // the same client reads the next honest answer
    stub.on("plasma_getBlockNumber", 2000);
    assertThat(client.getBlockNumber()).isEqualTo(2000);
  }

  @Test
  void anAnswerTrickledByteByByteTimesOutAsAWhole() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    CountDownLatch hungUp = new CountDownLatch(1);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (byte b :
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"".getBytes(StandardCharsets.UTF_8)) {
          out.write(b);
          out.flush();
          Thread.sleep(200);
        }
        while (true) {
          out.write('0');
          out.flush();
          Thread.sleep(200);
        }
      } catch (IOException | InterruptedException e) {
        hungUp.countDown();
      }
    });
    server.start();
    try {
      OperatorClient trickled = new OperatorClient(
          URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(1));
      long start = System.nanoTime();
      assertThatThrownBy(trickled::getBlockNumber)
          .isInstanceOf(OperatorUnreachable.class)
          .hasMessageEndingWith("did not answer plasma_getBlockNumber within 1 s");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(hungUp.await(10, TimeUnit.SECONDS)).as("the client hung up").isTrue();
    } finally {
      server.stop(0);
    }
  }
}
