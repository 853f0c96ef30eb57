package org.plasma4j.watcher.childchain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.PackedTransactions;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.watcher.childchain.FetchException.Kind;

/**
 * The watcher reads blocks with plasma_getBlockBody: one base64 body per page of length-prefixed
 * transactions. Every way the body can be wrong is a MALFORMED_RESPONSE naming it, never an
 * exception that escapes; an operator without the method is read in plasma_getBlock's hex form.
 */
class PackedBlockBodyTest {

  static final ObjectMapper JSON = new ObjectMapper();

  HttpServer server;
  /** Each request the operator saw: method, offset and limit. */
  final List<String> asked = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** An operator answering each request with the whole JSON-RPC answer {@code answer} makes. */
  JsonRpcOperatorBlocks operator(Function<LocalHttp.Ask, String> answer) throws IOException {
    server = LocalHttp.script(asked, answer);
    return new JsonRpcOperatorBlocks(LocalHttp.uri(server), Duration.ofSeconds(2), 64 * 1024);
  }

  static String result(String result) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + result + "}";
  }

  static String error(RpcError error) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":" + error.code() + ",\"message\":\""
        + error.defaultMessage() + "\"}}";
  }

  /** A one-page block of {@code txCount} whose body is {@code body} as sent (base64 or not). */
  static String onePage(int txCount, String body) {
    return result("{\"blkNum\":1000,\"offset\":0,\"txCount\":" + txCount + ",\"root\":\"0x"
        + "00".repeat(32) + "\",\"body\":" + body + "}");
  }

  static String base64(byte[] packed) {
    return "\"" + Base64.getEncoder().encodeToString(packed) + "\"";
  }

  /** {@code txs} packed: each a 4-byte length and its bytes. */
  static byte[] packed(byte[]... txs) {
    int size = 0;
    for (byte[] tx : txs) {
      size += 4 + tx.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    for (byte[] tx : txs) {
      b.putInt(tx.length).put(tx);
    }
    return b.array();
  }

  FetchException refusal(JsonRpcOperatorBlocks op) {
    try {
      List<Bytes> read = op.block(1000);
      throw new AssertionError("read " + read.size() + " transactions");
    } catch (FetchException e) {
      return e;
    }
  }

  @Test
  void aPackedPageIsReadAndOnlyPlasmaGetBlockBodyIsAsked() throws Exception {
    var op = operator(a -> onePage(2, base64(packed(new byte[] {(byte) 0xc0}, new byte[0]))));
    assertThat(op.block(1000)).containsExactly(Bytes.fromHex("0xc0"), Bytes.EMPTY);
    assertThat(asked).containsExactly("plasma_getBlockBody 0+" + JsonRpcOperatorBlocks.FIRST_PAGE);
  }

  /** 65,536 transactions of 40 to 300 bytes, each its own: the block in 8 pages of 8,192. */
  @Test
  void aFullBlockIsReadInPages() throws Exception {
    List<String> block = new ArrayList<>(MerkleTree.CAPACITY);
    for (int i = 0; i < MerkleTree.CAPACITY; i++) {
      block.add(String.format("0x%08x", i) + "ab".repeat(36 + i % 261));
    }
    var op = operator(a -> result(LocalHttp.page(
        a.method(),
        a.blkNum(),
        a.offset(),
        block.size(),
        block.subList(a.offset(), Math.min(block.size(), a.offset() + a.limit())))));
    var wide =
        new JsonRpcOperatorBlocks(LocalHttp.uri(server), Duration.ofSeconds(10), 32 * 1024 * 1024);

    List<Bytes> read = wide.block(1000);

    assertThat(read).hasSize(MerkleTree.CAPACITY);
    for (int i = 0; i < MerkleTree.CAPACITY; i++) {
      assertThat(read.get(i)).isEqualTo(Bytes.fromHex(block.get(i)));
    }
    List<String> pages = new ArrayList<>();
    for (int p = 0; p < 8; p++) {
      pages.add("plasma_getBlockBody " + p * 8_192 + "+8192");
    }
    assertThat(asked).containsExactlyElementsOf(pages);
  }

  @Test
  void aPageTooLargeIsHalvedAsInTheHexForm() throws Exception {
    List<String> block = List.of("0x00", "0x01", "0x02", "0x03", "0x04", "0x05", "0x06");
    var op = operator(a -> a.limit() > 2
        ? error(RpcError.RESPONSE_TOO_LARGE)
        : result(LocalHttp.page(
            a.method(),
            1000,
            a.offset(),
            block.size(),
            block.subList(a.offset(), Math.min(block.size(), a.offset() + a.limit())))));
    assertThat(op.block(1000)).hasSize(7).last().isEqualTo(Bytes.fromHex("0x06"));
    assertThat(asked)
        .endsWith(
            "plasma_getBlockBody 0+2",
            "plasma_getBlockBody 2+2",
            "plasma_getBlockBody 4+2",
            "plasma_getBlockBody 6+2");
  }

  /** An older operator: asked once, and every block after in the hex form only. */
  @Test
  void anOperatorWithoutTheMethodIsReadInTheHexForm() throws Exception {
    var op = operator(a -> a.method().equals("plasma_getBlockBody")
        ? LocalHttp.NO_BLOCK_BODY
        : result(LocalHttp.page(a.method(), a.blkNum(), a.offset(), 2, List.of("0xc0", "0x01"))));
    assertThat(op.block(1000)).containsExactly(Bytes.fromHex("0xc0"), Bytes.fromHex("0x01"));
    assertThat(op.block(1000)).containsExactly(Bytes.fromHex("0xc0"), Bytes.fromHex("0x01"));
    assertThat(asked)
        .containsExactly(
            "plasma_getBlockBody 0+8192", "plasma_getBlock 0+8192", "plasma_getBlock 0+8192");
  }

  @Test
  void aPageThatTimesOutIsAskedSmallerNextTime() throws Exception {
    var op = operator(a -> {
      if (a.limit() > 2_048) {
        sleep(4_000); // a slow link: a large page does not arrive within the 2 s deadline
      }
      return onePage(1, base64(packed(new byte[] {(byte) 0xc0})));
    });
    assertThat(refusal(op).kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(op.block(1000)).containsExactly(Bytes.fromHex("0xc0"));
    assertThat(asked).containsExactly("plasma_getBlockBody 0+8192", "plasma_getBlockBody 0+2048");
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Each body that no honest operator sends, and the refusal naming it. */
  @Test
  void everyMalformedBodyIsRefusedNamingWhatIsWrong() throws Exception {
    byte[] one = packed(new byte[] {1, 2, 3});
    String good = Base64.getEncoder().encodeToString(one); // AAAAAwECAw==
    Map<String, String> hostile = Map.ofEntries(
        Map.entry(
            onePage(1, base64(packed(new byte[SignedTransaction.MAX_ENCODED_SIZE + 1]))),
            "transaction of 2049 bytes exceeds 2048"),
        Map.entry(
            onePage(1, base64(new byte[] {0, 0, 0, 9, 1, 2, 3})),
            "transaction of 9 bytes runs past the body's end at byte 4 of 7"),
        Map.entry(
            onePage(1, base64(new byte[] {0, 0, 0, 1, 7, 0, 0})),
            "body ends inside a length prefix at byte 5"),
        Map.entry(
            onePage(1, base64(new byte[] {0, 0, 0})), "body ends inside a length prefix at byte 0"),
        Map.entry(
            onePage(1, "\"" + good.replace("==", "") + "\""), "body is not base64: 10 characters"),
        Map.entry(
            onePage(1, "\"" + good.replace("Aw==", "Ax==") + "\""),
            "body is not canonical base64: bits set past its last byte"),
        Map.entry(onePage(1, "\" " + good.substring(1) + "\""), "body is not base64"),
        Map.entry(
            onePage(1, "\"" + good.substring(0, 4) + "\\n" + good.substring(6) + "\""),
            "body is not base64"),
        Map.entry(onePage(1, "\"\\u0041" + good.substring(1) + "\""), "body is not base64"),
        Map.entry(onePage(1, "\"" + good.substring(0, 8) + "====\""), "body is not base64"),
        Map.entry(onePage(1, "\"AA==" + good + "\""), "body is not base64"),
        Map.entry(onePage(1, "\"" + good.replace('A', '-') + "\""), "body is not base64"),
        Map.entry(onePage(1, "5"), "result has no body string"),
        Map.entry(onePage(1, "null"), "result has no body string"),
        Map.entry(
            result("{\"blkNum\":1000,\"offset\":0,\"txCount\":1}"), "result has no body string"));
    assertEachMalformed(hostile, answer -> answer);
    var honest = operator(a -> onePage(1, "\"" + good + "\""));
    assertThat(honest.block(1000)).containsExactly(Bytes.wrap(new byte[] {1, 2, 3}));
  }

  /** The page's place in the chain and the count, checked as in the hex form. */
  @Test
  void aPageOfAnotherBlockOrIndexOrAWrongCountIsMalformed() throws Exception {
    String body = base64(packed(new byte[] {(byte) 0xc0}));
    Map<String, String> hostile = Map.of(
        "\"blkNum\":2000,\"offset\":0,\"txCount\":1,", "answered block 2000, not 1000",
        "\"blkNum\":1000,\"offset\":5,\"txCount\":1,", "answered the page from 5, not from 0",
        "\"offset\":0,\"txCount\":1,", "answered block null, not 1000",
        "\"blkNum\":1000,\"offset\":0,\"txCount\":1.9,", "txCount 1.9 does not fit",
        "\"blkNum\":1000,\"offset\":0,", "txCount null does not fit",
        "\"blkNum\":1000,\"offset\":0,\"txCount\":65537,", "txCount 65537 does not fit",
        "\"blkNum\":1000,\"offset\":0,\"txCount\":0,", "txCount 0 does not fit");
    assertEachMalformed(hostile, fields -> result("{" + fields + "\"body\":" + body + "}"));
  }

  /**
   * Each operator answer built from a key of {@code hostile} is refused as malformed, with the
   * message its value starts.
   */
  private void assertEachMalformed(Map<String, String> hostile, Function<String, String> answer)
      throws Exception {
    for (var h : hostile.entrySet()) {
      var op = operator(a -> answer.apply(h.getKey()));
      assertThat(refusal(op))
          .as(h.getKey())
          .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE))
          .hasMessageStartingWith("malformed_response: plasma_getBlockBody " + h.getValue());
      stop();
    }
  }

  @Test
  void anEmptyPageBeforeTxCountIsMalformed() throws Exception {
    var op = operator(a -> onePage(3, "\"\""));
    assertThat(refusal(op))
        .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE))
        .hasMessage("malformed_response: plasma_getBlockBody sent an empty page before txCount 3");
  }

  /**
   * A body that would put the block past the tree's capacity is refused at the transaction past it.
   */
  @Test
  void aPageBeyondTheTreesCapacityIsMalformed() throws Exception {
    byte[][] empties = new byte[MerkleTree.CAPACITY + 1][];
    java.util.Arrays.fill(empties, new byte[0]);
    var op = operator(a -> onePage(MerkleTree.CAPACITY, base64(packed(empties))));
    var wide = new JsonRpcOperatorBlocks(LocalHttp.uri(server), Duration.ofSeconds(2), 1 << 20);
    assertThat(refusal(wide))
        .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE))
        .hasMessage("malformed_response: plasma_getBlockBody body holds more than "
            + MerkleTree.CAPACITY + " transactions");
  }

  /** Refused at the first page: the operator is not asked for the rest of the block. */
  @Test
  void aTransactionLongerThanAnySignedOneIsRefusedAtTheFirstPage() throws Exception {
    var op = operator(a -> result("{\"blkNum\":1000,\"offset\":" + a.offset() + ",\"txCount\":20,"
        + "\"body\":" + base64(packed(new byte[30_000])) + "}"));
    assertThat(refusal(op).getMessage()).contains("exceeds " + SignedTransaction.MAX_ENCODED_SIZE);
    assertThat(asked).hasSize(1);
  }

  @Test
  void anAnswerThatIsNotJsonOrTooDeepIsMalformed() throws Exception {
    Map<String, String> hostile = Map.of(
        "<html>hello</html>",
        "answer is not JSON",
        "[1,2]",
        "answer is not a JSON object",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,\"body\":\"AAAA",
        "answer is not JSON",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}",
        "answer is beyond what an answer holds");
    assertEachMalformed(hostile, answer -> answer);
  }

  /** The body read is the one in the last result, whatever an earlier result held. */
  @Test
  void aRepeatedResultCountsOnlyTheLast() throws Exception {
    String first = "{\"blkNum\":1000,\"offset\":0,\"txCount\":1,\"body\":"
        + base64(packed(new byte[] {1})) + "}";
    var op = operator(a -> "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + first
        + ",\"result\":{\"blkNum\":1000,\"offset\":0,\"txCount\":1}}");
    assertThat(refusal(op))
        .hasMessage("malformed_response: plasma_getBlockBody result has no body string");
  }

  @Test
  void theCompactFormIsAThirdSmallerThanHex() {
    List<byte[]> txs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      txs.add(new byte[300]);
    }
    int hex = txs.stream().mapToInt(t -> 2 + 2 * t.length + 3).sum();
    int packed = PackedTransactions.pack(txs).base64().length;
    assertThat(packed).isEqualTo((100 * 304 + 2) / 3 * 4);
    assertThat((double) packed / hex).isLessThan(0.7);
    assertThat(new String(PackedTransactions.pack(txs).base64(), StandardCharsets.US_ASCII))
        .matches("[A-Za-z0-9+/]+=*");
  }
}
