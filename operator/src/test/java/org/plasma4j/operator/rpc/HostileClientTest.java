package org.plasma4j.operator.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.RpcError;
import org.plasma4j.node.rpc.RpcLimits;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.node.testing.RawHttp;
import org.plasma4j.operator.ledger.Ledger;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.RpcHttp;
import org.plasma4j.operator.testing.TestChain;

/**
 * Clients with no key and bad intent against a real operator's JSON-RPC server (4 request threads):
 * idle and trickling connections far past the thread count, lying lengths, broken chunking,
 * oversized headers, amplifying batches. Each attack ends with a good request answered within a
 * bound and the ledger unchanged.
 */
class HostileClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A good request must be answered within this while an attack goes on. */
  private static final long ANSWER_BOUND_MS = 3_000;

  private static final RpcLimits LIMITS = RpcLimits.defaults()
      .withConnections(1024, 128)
      .withTimeouts(
          Duration.ofSeconds(3),
          Duration.ofMillis(800),
          Duration.ofMillis(1500),
          Duration.ofSeconds(5))
      .withBytes(1024 * 1024, 2 * 1024 * 1024, 64L * 1024 * 1024);

  private NodeHarness h;
  private int port;

  @BeforeEach
  void start() {
    h = NodeHarness.start(
        TestChain.rootChain(0),
        new InMemoryStore(),
        NodeHarness.config(Path.of("unused"), 100, 0).withRpcLimits(LIMITS),
        b -> b);
    h.chain.deposit(ALICE.address(), ETH, 1000);
    h.chain.deposit(ALICE.address(), ETH, 1000);
    h.node.pollRootChain();
    port = h.node.rpcPort();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  // ---------------------------------------------------------------- idle and slow connections

  @Test
  void hundredsOfIdleConnectionsDoNotStarveTheRequestThreads() throws Exception {
    State before = state();
    List<RawHttp> idle = new ArrayList<>();
    try {
      for (int i = 0;
          i < 300;
          i++) { // three peers, 100 each: under the per-peer cap, 75x the thread count
        idle.add(RawHttp.connect("127.0.0." + (2 + i % 3), port));
      }
      assertGoodRequestAnsweredInTime();
      // half of them start a request and stop after a few header bytes
      for (int i = 0; i < 150; i++) {
        idle.get(i).send("POST / HTTP/1.1\r\nHost: x\r\n");
      }
      assertGoodRequestAnsweredInTime();
      assertThat(state()).isEqualTo(before);
      // every idle or stuck connection is closed by its deadline
      for (RawHttp c : idle) {
        assertThat(c.closedByServer(6_000)).isTrue();
      }
    } finally {
      idle.forEach(RawHttp::close);
    }
    assertGoodRequestAnsweredInTime();
  }

  @Test
  void connectionsPastThePerPeerCapAreRefusedAtOnce() throws Exception {
    List<RawHttp> conns = new ArrayList<>();
    try {
      for (int i = 0; i < 160; i++) {
        conns.add(RawHttp.connect("127.0.0.5", port));
      }
      Thread.sleep(
          500); // all accepted (two I/O threads admit them, not necessarily in connect order)
      int refused = 0;
      int open = 0;
      for (RawHttp c : conns) {
        String answer = c.readUntilClosed(5); // quick: admitted ones are closed when idle for 3 s
        if (answer.equals("<still open>")) {
          open++;
        } else {
          assertThat(answer)
              .startsWith("HTTP/1.1 503")
              .contains("\"code\":" + RpcError.SERVER_BUSY.code());
          refused++;
        }
      }
      assertThat(open).isEqualTo(128);
      assertThat(refused).isEqualTo(32);
      assertGoodRequestAnsweredInTime(); // another peer is served as usual
    } finally {
      conns.forEach(RawHttp::close);
    }
  }

  @Test
  void tricklingHeadersTimeOut() throws Exception {
    State before = state();
    List<RawHttp> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        slow.add(RawHttp.connect("127.0.0.6", port).send("POST / HTTP/1.1\r\nX-Slow: "));
      }
      long start = System.nanoTime();
      for (int round = 0;
          round < 5;
          round++) { // one byte each every 100 ms: never idle, never done
        for (RawHttp c : slow) {
          try {
            c.send("a");
          } catch (java.io.IOException closed) {
            // the server already gave up on it
          }
        }
        Thread.sleep(100);
      }
      assertGoodRequestAnsweredInTime();
      for (RawHttp c : slow) {
        String answer = c.readUntilClosed(3_000);
        assertThat(answer)
            .startsWith("HTTP/1.1 408")
            .contains("\"code\":" + RpcError.REQUEST_TIMEOUT.code());
      }
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    } finally {
      slow.forEach(RawHttp::close);
    }
    assertThat(state()).isEqualTo(before);
    assertGoodRequestAnsweredInTime();
  }

  @Test
  void tricklingBodyTimesOut() throws Exception {
    State before = state();
    try (RawHttp c = RawHttp.connect("127.0.0.7", port)) {
      c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"jsonrpc\":");
      for (int i = 0; i < 10; i++) {
        Thread.sleep(100);
        try {
          c.send(" ");
        } catch (java.io.IOException closed) {
          break;
        }
      }
      assertGoodRequestAnsweredInTime();
      assertThat(c.readUntilClosed(3_000)).startsWith("HTTP/1.1 408");
    }
    assertThat(state()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- lying lengths and bad framing

  @Test
  void hugeContentLengthIsRefusedBeforeReadingAByte() throws Exception {
    State before = state();
    try (RawHttp c = RawHttp.connect("127.0.0.8", port)) {
      long start = System.nanoTime();
      c.send(
          "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9223372036854775807\r\n\r\n{\"jsonrpc\"");
      String answer = c.readUntilClosed(2_000);
      assertThat(answer)
          .startsWith("HTTP/1.1 413")
          .contains("\"code\":" + RpcError.PAYLOAD_TOO_LARGE.code());
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(ANSWER_BOUND_MS);
    }
    assertThat(state()).isEqualTo(before);
    assertGoodRequestAnsweredInTime();
  }

  @Test
  void invalidContentLengthsAreBadRequests() throws Exception {
    for (String length : List.of("-1", "abc", "1, 2", "99999999999999999999999")) {
      try (RawHttp c = RawHttp.connect("127.0.0.8", port)) {
        c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n{}");
        assertThat(c.readUntilClosed(2_000)).as(length).startsWith("HTTP/1.1 400");
      }
    }
    assertGoodRequestAnsweredInTime();
  }

  @Test
  void badChunkSizesAreRefused() throws Exception {
    State before = state();
    for (String chunk : List.of(
        "zz", "-1", "FFFFFFFFFFFFFFFFFFFF", "7fffffffffffffff", "1;" + "x".repeat(20_000))) {
      try (RawHttp c = RawHttp.connect("127.0.0.9", port)) {
        c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk
            + "\r\nabc\r\n");
        String answer = c.readUntilClosed(3_000);
        assertThat(answer)
            .as(chunk.substring(0, Math.min(20, chunk.length())))
            .matches("(?s)HTTP/1.1 (400|413|408).*");
      }
    }
    // a valid huge chunk is streamed against the body limit, not buffered or trusted
    try (RawHttp c = RawHttp.connect("127.0.0.9", port)) {
      c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7fffffff\r\n");
      byte[] filler = new byte[64 * 1024];
      java.util.Arrays.fill(filler, (byte) ' ');
      String spaces = new String(filler, StandardCharsets.ISO_8859_1);
      try {
        for (int i = 0; i < 20; i++) { // 1.25 MiB, past the 1 MiB body limit
          c.send(spaces);
        }
      } catch (java.io.IOException refused) {
        // the server answered and closed while we were still sending
      }
      assertThat(c.readUntilClosed(3_000)).matches("(?s)(HTTP/1.1 413.*|<.*>)");
    }
    assertThat(state()).isEqualTo(before);
    assertGoodRequestAnsweredInTime();
  }

  @Test
  void oversizedHeadersAreRefused() throws Exception {
    try (RawHttp c = RawHttp.connect("127.0.0.10", port)) {
      c.send("POST / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n");
      assertThat(c.readUntilClosed(3_000)).startsWith("HTTP/1.1 431");
    }
    assertGoodRequestAnsweredInTime();
  }

  @Test
  void notPostAndGarbageAreRefused() throws Exception {
    try (RawHttp c = RawHttp.connect("127.0.0.10", port)) {
      c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(c.readUntilClosed(3_000)).startsWith("HTTP/1.1 405");
    }
    try (RawHttp c = RawHttp.connect("127.0.0.10", port)) {
      c.send("\u0000\u0001\u0002 garbage\r\n\r\n");
      assertThat(c.readUntilClosed(3_000)).startsWith("HTTP/1.1 400");
    }
    assertGoodRequestAnsweredInTime();
  }

  // ---------------------------------------------------------------- amplification

  @Test
  void anAmplifyingBatchIsCutAtTheResponseCap() throws Exception {
    for (int i = 0; i < 1_855; i++) {
      h.chain.deposit(BOB.address(), ETH, 1_000 + i);
    }
    h.node.pollRootChain();
    State before = state();
    String call = RpcHttp.call("plasma_getUtxos", "[\"" + BOB.address().toHex() + "\"]");
    String batch = "[" + String.join(",", java.util.Collections.nCopies(4_000, call)) + "]";
    assertThat(batch.length()).isLessThan(LIMITS.maxBodyBytes());
    long start = System.nanoTime();
    byte[] answer;
    try (RawHttp c = RawHttp.connect("127.0.0.11", port)) {
      c.send(RawHttp.post(batch));
      String response = c.readResponse(20_000);
      answer =
          response.substring(response.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8);
    }
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    assertThat(answer.length).isLessThan(LIMITS.maxResponseBytes() + 4_000 * 200);
    JsonNode results = JSON.readTree(answer);
    assertThat(results).hasSize(4_000);
    int served = 0;
    for (JsonNode r : results) {
      if (r.has("result")) {
        assertThat(r.get("result")).hasSize(1_855);
        served++;
      } else {
        assertThat(r.path("error").path("code").asInt())
            .isEqualTo(RpcError.RESPONSE_TOO_LARGE.code());
      }
    }
    assertThat(served).isBetween(1, 20);
    assertThat(elapsed).as("ms for the batch").isLessThan(15_000);
    assertThat(state()).isEqualTo(before);
    assertGoodRequestAnsweredInTime();
  }

  @Test
  void utxosPageByPosition() throws Exception {
    for (int i = 0; i < 25; i++) {
      h.chain.deposit(BOB.address(), ETH, 1_000 + i);
    }
    h.node.pollRootChain();
    List<Long> seen = new ArrayList<>();
    long after = -1;
    while (true) {
      String params = after < 0
          ? "[\"" + BOB.address().toHex() + "\", 0, 10]"
          : "[\"" + BOB.address().toHex() + "\", " + after + ", 10]";
      JsonNode page =
          new RpcHttp(h).post(RpcHttp.call("plasma_getUtxos", params)).get("result");
      page.forEach(u -> seen.add(u.get("position").asLong()));
      if (page.size() < 10) {
        break;
      }
      after = page.get(page.size() - 1).get("position").asLong();
    }
    JsonNode all = new RpcHttp(h)
        .post(RpcHttp.call("plasma_getUtxos", "[\"" + BOB.address().toHex() + "\"]"))
        .get("result");
    List<Long> whole = new ArrayList<>();
    all.forEach(u -> whole.add(u.get("position").asLong()));
    assertThat(seen).hasSize(25).isEqualTo(whole).isSorted();
  }

  // ---------------------------------------------------------------- helpers

  private record State(int pending, int aliceUtxos, int bobUtxos, long lastFormed) {}

  private State state() {
    return new State(
        h.node.writer().call(Ledger::pendingCount).join(),
        h.node.queries().utxos(ALICE.address()).size(),
        h.node.queries().utxos(BOB.address()).size(),
        h.node.queries().lastFormedBlock());
  }

  /** A read from the honest peer 127.0.0.1 on a fresh connection, answered within the bound. */
  private void assertGoodRequestAnsweredInTime() throws Exception {
    long start = System.nanoTime();
    try (RawHttp c = RawHttp.connect("127.0.0.1", port)) {
      c.send(RawHttp.post(RpcHttp.call("plasma_getBlockNumber", "[]")));
      String response = c.readResponse((int) ANSWER_BOUND_MS);
      assertThat(response).startsWith("HTTP/1.1 200").contains("\"result\":");
    }
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(ANSWER_BOUND_MS);
  }
}
