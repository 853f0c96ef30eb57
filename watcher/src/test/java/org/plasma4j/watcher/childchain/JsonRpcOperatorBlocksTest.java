package org.plasma4j.watcher.childchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.watcher.childchain.FetchException.Kind;

/**
 * Garbage and hostility from the operator's HTTP endpoint: each is a specific FetchException, fast.
 * The operator here has no plasma_getBlockBody, so blocks are read in plasma_getBlock's hex form
 * (PackedBlockBodyTest reads the packed one).
 */
class JsonRpcOperatorBlocksTest {

  /** What the fake operator does with a request. */
  interface Behaviour {
    void answer(HttpExchange exchange) throws IOException;
  }

  HttpServer server;
  /** The limit param of the request being answered (plasma_getBlock pages). */
  final java.util.concurrent.atomic.AtomicInteger lastLimit =
      new java.util.concurrent.atomic.AtomicInteger();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  JsonRpcOperatorBlocks operator(Behaviour behaviour) throws IOException {
    server = LocalHttp.serve(exchange -> {
      try (exchange) {
        var request = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(exchange.getRequestBody().readAllBytes());
        if (request.path("method").asText().equals("plasma_getBlockBody")) {
          LocalHttp.send(exchange, LocalHttp.NO_BLOCK_BODY);
          return;
        }
        lastLimit.set(request.path("params").path(2).asInt(0));
        behaviour.answer(exchange);
      } catch (IOException e) {
        // the watcher hung up, as it should on an endless answer
      }
    });
    return new JsonRpcOperatorBlocks(LocalHttp.uri(server), Duration.ofSeconds(2), 64 * 1024);
  }

  static Behaviour json(int status, String body) {
    return ex -> {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, b.length);
      ex.getResponseBody().write(b);
    };
  }

  static Kind kindOf(ThrowingCall call) {
    try {
      call.run();
    } catch (FetchException e) {
      return e.kind();
    }
    throw new AssertionError("no FetchException");
  }

  interface ThrowingCall {
    void run() throws FetchException;
  }

  @Test
  void aWellFormedBlockIsRead() throws Exception {
    var op = operator(json(
        200,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,\"root\":\"0x00\","
            + "\"transactions\":[\"0xc0\",\"0x01ff\"],\"submitted\":true}}"));
    assertThat(op.block(1000)).containsExactly(Bytes.fromHex("0xc0"), Bytes.fromHex("0x01ff"));
  }

  @Test
  void aLargeBlockIsReadInPagesThatShrinkUntilTheyFit() throws Exception {
    java.util.List<String> requested = new java.util.concurrent.CopyOnWriteArrayList<>();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/", ex -> {
      try (ex) {
        var request = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(ex.getRequestBody().readAllBytes());
        if (request.path("method").asText().equals("plasma_getBlockBody")) {
          LocalHttp.send(ex, LocalHttp.NO_BLOCK_BODY);
          return;
        }
        var params = request.get("params");
        int offset = params.get(1).asInt();
        int limit = params.get(2).asInt();
        requested.add(offset + "+" + limit);
        String body;
        if (limit > 3) { // the operator's response cap fits three of these transactions
          body =
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32091,\"message\":\"too large\"}}";
        } else {
          StringBuilder txs = new StringBuilder();
          for (int i = offset; i < Math.min(10, offset + limit); i++) {
            txs.append(txs.isEmpty() ? "" : ",").append("\"0x0").append(i).append("\"");
          }
          body =
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,\"txCount\":10,\"transactions\":["
                  + txs + "]}}";
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
      }
    });
    server.start();
    var op = new JsonRpcOperatorBlocks(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        Duration.ofSeconds(2),
        64 * 1024);
    var block = op.block(1000);
    assertThat(block).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(block.get(i)).isEqualTo(Bytes.fromHex("0x0" + i));
    }
    assertThat(requested.getFirst()).isEqualTo("0+" + JsonRpcOperatorBlocks.FIRST_PAGE);
    assertThat(requested).contains("0+2", "2+2", "8+2");
  }

  @Test
  void aPageThatTimesOutIsAskedSmallerNextTime() throws Exception {
    java.util.List<Integer> limits = new java.util.concurrent.CopyOnWriteArrayList<>();
    var op = operator(ex -> {
      // the request body was read by the fake's context; the limit is the third param
      int limit = lastLimit.get();
      limits.add(limit);
      if (limit > 2_048) { // a slow link: a large page does not arrive within the 2 s deadline
        sleep(4_000);
      }
      json(
              200,
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,\"txCount\":1,"
                  + "\"transactions\":[\"0xc0\"]}}")
          .answer(ex);
    });
    assertThat(kindOf(() -> op.block(1000))).isEqualTo(Kind.TIMEOUT);
    assertThat(op.block(1000)).containsExactly(Bytes.fromHex("0xc0"));
    assertThat(limits)
        .containsExactly(JsonRpcOperatorBlocks.FIRST_PAGE, JsonRpcOperatorBlocks.FIRST_PAGE / 4);
  }

  @Test
  void theFeeScheduleIsRead() throws Exception {
    var op = operator(
        json(
            200,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"0x0000000000000000000000000000000000000000\":\"100\"}}"));
    assertThat(op.feeSchedule().feeFor(Address.ETH)).isEqualTo(100);
  }

  static String schedule(int tokens, String amount) {
    StringBuilder b = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{");
    for (int i = 0; i < tokens; i++) {
      b.append(i == 0 ? "" : ",").append(String.format("\"0x%040x\":\"%s\"", i + 1, amount));
    }
    return b.append("}}").toString();
  }

  @Test
  void aScheduleOfFiveTokensIsReadAndOneBeyondTheBoundIsMalformed() throws Exception {
    var five = operator(json(200, schedule(5, "10")));
    assertThat(five.feeSchedule().fees()).hasSize(5);
    stop();
    var many = operator(json(200, schedule(JsonRpcOperatorBlocks.MAX_FEE_TOKENS + 1, "10")));
    assertThat(kindOf(many::feeSchedule)).isEqualTo(Kind.MALFORMED_RESPONSE);
  }

  @Test
  void aFeeOfTwoToThe256IsMalformed() throws Exception {
    var op =
        operator(json(200, schedule(1, java.math.BigInteger.ONE.shiftLeft(256).toString())));
    assertThat(kindOf(op::feeSchedule)).isEqualTo(Kind.MALFORMED_RESPONSE);
  }

  @Test
  void aFeeIsReadInTheClientsOneSpellingSoNoSignOrForeignDigitBecomesAFee() throws Exception {
    // BigInteger's own parser reads "+5" as 5 and ARABIC-INDIC DIGIT THREE as 3
    for (String hostile : new String[] {"+5", "\u0663", " 5", "0x", "1e3"}) {
      var op = operator(json(200, schedule(1, hostile)));
      assertThat(kindOf(op::feeSchedule)).as(hostile).isEqualTo(Kind.MALFORMED_RESPONSE);
      stop();
    }
    java.math.BigInteger max =
        java.math.BigInteger.ONE.shiftLeft(256).subtract(java.math.BigInteger.ONE);
    java.util.Map<String, java.math.BigInteger> honest = java.util.Map.of(
        "0",
        java.math.BigInteger.ZERO,
        "0x0",
        java.math.BigInteger.ZERO,
        "0100",
        java.math.BigInteger.valueOf(100),
        "0x64",
        java.math.BigInteger.valueOf(100),
        max.toString(),
        max);
    Address token = Address.fromHex(String.format("0x%040x", 1));
    for (var e : honest.entrySet()) {
      var op = operator(json(200, schedule(1, e.getKey())));
      assertThat(op.feeSchedule().feeFor(token)).as(e.getKey()).isEqualTo(e.getValue());
      stop();
    }
  }

  @Test
  void aFractionalTxCountOrBlockNumberIsMalformedNotTruncated() throws Exception {
    // txCount 1.9 would read as 1, the one transaction sent, and end the block there
    var page = operator(json(
        200,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,\"txCount\":1.9,"
            + "\"transactions\":[\"0xc0\"]}}"));
    assertThat(kindOf(() -> page.block(1000))).isEqualTo(Kind.MALFORMED_RESPONSE);
    stop();
    var number = operator(json(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":2000.5}"));
    assertThat(kindOf(number::blockNumber)).isEqualTo(Kind.MALFORMED_RESPONSE);
    stop();
    var honest = operator(json(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":2000}"));
    assertThat(honest.blockNumber()).isEqualTo(2000);
  }

  @Test
  void aPageOfAnotherBlockOrFromAnotherIndexIsMalformed() throws Exception {
    String page = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{%s\"txCount\":1,"
        + "\"transactions\":[\"0xc0\"]}}";
    Map<String, String> hostile = Map.of(
        "\"blkNum\":2000,", "plasma_getBlock answered block 2000, not 1000",
        "\"blkNum\":\"1000\",", "plasma_getBlock answered block \"1000\", not 1000",
        "", "plasma_getBlock answered block null, not 1000",
        "\"blkNum\":1000,\"offset\":5,", "plasma_getBlock answered the page from 5, not from 0");
    for (var h : hostile.entrySet()) {
      var op = operator(json(200, page.formatted(h.getKey())));
      assertThatThrownBy(() -> op.block(1000))
          .as(h.getKey())
          .isInstanceOfSatisfying(
              FetchException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE))
          .hasMessage("malformed_response: " + h.getValue());
      stop();
    }
    var honest = operator(json(200, page.formatted("\"blkNum\":1000,\"offset\":0,")));
    assertThat(honest.block(1000)).containsExactly(Bytes.fromHex("0xc0"));
  }

  @Test
  void anAnswerThatIsNotJsonIsMalformed() throws Exception {
    var op = operator(json(200, "<html>hello</html>"));
    assertThat(kindOf(() -> op.block(1000))).isEqualTo(Kind.MALFORMED_RESPONSE);
  }

  @Test
  void jsonOfTheWrongShapeIsMalformed() throws Exception {
    var op = operator(json(
        200,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,"
            + "\"transactions\":{\"a\":1}}}"));
    assertThat(kindOf(() -> op.block(1000))).isEqualTo(Kind.MALFORMED_RESPONSE);
  }

  @Test
  void aTransactionThatIsNotHexIsMalformed() throws Exception {
    var op = operator(json(
        200,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,"
            + "\"transactions\":[\"0xzz\"]}}"));
    assertThat(kindOf(() -> op.block(1000))).isEqualTo(Kind.MALFORMED_RESPONSE);
  }

  /**
   * Transactions are read with the one-table hex decoder: every char next to a digit range in
   * ASCII, DEL, the first non-ASCII char and other scripts' digits are malformed, both cases of a-f
   * read.
   */
  @Test
  void aTransactionIsHexOfAsciiDigitsOnlyAndEveryOtherCharIsMalformed() throws Exception {
    List<String> notHex = List.of(
        "0x/0",
        "0x:0",
        "0x@0",
        "0xG0",
        "0x`0",
        "0xg0",
        "0x\\u007f0",
        "0x\\u00800",
        "0x\\u0663\\u0663",
        "0x\\uff10\\uff10",
        "0x 0",
        "0x+1",
        "0x0",
        "0X00");
    for (String tx : notHex) {
      var op = operator(json(
          200,
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,\"transactions\":[\"" + tx
              + "\"]}}"));
      assertThat(kindOf(() -> op.block(1000))).as(tx).isEqualTo(Kind.MALFORMED_RESPONSE);
      stop();
    }
    var op = operator(json(
        200,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,"
            + "\"transactions\":[\"0x09aFAf\",\"0x\"]}}"));
    assertThat(op.block(1000)).containsExactly(Bytes.fromHex("0x09afaf"), Bytes.EMPTY);
  }

  @Test
  void aNegativeFeeIsMalformed() throws Exception {
    var op = operator(
        json(
            200,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"0x0000000000000000000000000000000000000000\":\"-1\"}}"));
    assertThat(kindOf(op::feeSchedule)).isEqualTo(Kind.MALFORMED_RESPONSE);
  }

  @Test
  void aJsonRpcErrorIsAnRpcError() throws Exception {
    var op = operator(
        json(
            200,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32022,\"message\":\"no formed block 1000\"}}"));
    assertThatThrownBy(() -> op.block(1000)).isInstanceOfSatisfying(FetchException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.RPC_ERROR);
      assertThat(e.getMessage()).contains("no formed block 1000");
    });
  }

  @Test
  void anHttpErrorStatusIsMalformed() throws Exception {
    var op = operator(json(503, "busy"));
    assertThat(kindOf(() -> op.block(1000))).isEqualTo(Kind.MALFORMED_RESPONSE);
  }

  @Test
  void anEndlessStreamIsCutAtTheSizeLimit() throws Exception {
    var op = operator(ex -> {
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      byte[] chunk = "[\"0x00\",".repeat(1000).getBytes(StandardCharsets.UTF_8);
      out.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"transactions\":"
          .getBytes(StandardCharsets.UTF_8));
      while (true) {
        out.write(chunk);
        out.flush();
      }
    });
    long start = System.nanoTime();
    assertThat(kindOf(() -> op.block(1000))).isEqualTo(Kind.TOO_LARGE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aTricklingAnswerTimesOutAtTheDeadline() throws Exception {
    var op = operator(ex -> {
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      while (true) {
        out.write(' ');
        out.flush();
        sleep(100);
      }
    });
    long start = System.nanoTime();
    assertThat(kindOf(() -> op.block(1000))).isEqualTo(Kind.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void headersThatNeverComeTimeOut() throws Exception {
    var op = operator(ex -> sleep(10_000));
    assertThat(kindOf(() -> op.block(1000))).isEqualTo(Kind.TIMEOUT);
  }

  @Test
  void anOperatorThatIsDownIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var op = new JsonRpcOperatorBlocks(
        URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2), 1024);
    assertThat(kindOf(() -> op.block(1000))).isEqualTo(Kind.UNREACHABLE);
  }

  static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }

  @Test
  void aBlockOfMillionsOfEmptyObjectsUnderTheCapIsMalformedBeforeItsTreeIsBuilt() throws Exception {
    int cap = 33 * 1024 * 1024;
    StringBuilder body =
        new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,"
            + "\"txCount\":1,\"offset\":0,\"transactions\":[");
    for (int i = 0; body.length() < cap - 16; i++) {
      body.append(i == 0 ? "{}" : ",{}");
    }
    String answer = body.append("]}}").toString();
    operator(json(200, answer));
    var watcherSized = new JsonRpcOperatorBlocks(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        Duration.ofSeconds(30),
        cap);
    long before = allocatedByThisThread();
    assertThatThrownBy(() -> watcherSized.block(1000))
        .isInstanceOf(FetchException.class)
        .hasMessageStartingWith(
            "malformed_response: plasma_getBlock answer is beyond what an answer holds: Token count")
        .extracting(e -> ((FetchException) e).kind())
        .isEqualTo(Kind.MALFORMED_RESPONSE);
    assertThat(allocatedByThisThread() - before)
        .as("bytes allocated reading %s bytes of empty objects", answer.length())
        .isLessThan(3L * cap);
  }

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean)
            java.lang.management.ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
