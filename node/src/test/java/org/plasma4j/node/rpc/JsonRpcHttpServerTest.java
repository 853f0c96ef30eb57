package org.plasma4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.WireName;
import org.plasma4j.node.testing.RawHttp;

/**
 * The server's own mechanics on a dispatcher with test methods: keep-alive, pipelining, queue,
 * budget, and the lingering close that lets a refused client read its answer.
 */
class JsonRpcHttpServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<String> halts = new java.util.concurrent.CopyOnWriteArrayList<>();
  private JsonRpcHttpServer server;

  private JsonRpcHttpServer start(int threads, RpcLimits limits) throws Exception {
    JsonRpcMethod echo = new JsonRpcMethod() {
      @Override
      public WireName method() {
        return () -> "test_echo";
      }

      @Override
      public Object execute(Params params) {
        return params.text(0);
      }
    };
    JsonRpcMethod block = new JsonRpcMethod() {
      @Override
      public WireName method() {
        return () -> "test_block";
      }

      @Override
      public Object execute(Params params) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "released";
      }
    };
    JsonRpcMethod exhaust = new JsonRpcMethod() {
      @Override
      public WireName method() {
        return () -> "test_exhaust";
      }

      @Override
      public Object execute(Params params) {
        throw new OutOfMemoryError("simulated: Java heap space");
      }
    };
    server = new JsonRpcHttpServer(
        "127.0.0.1",
        0,
        threads,
        new JsonRpcDispatcher(JSON, List.of(echo, block, exhaust)),
        JSON,
        limits,
        (where, error) -> halts.add(where));

    server.start();
    return server;
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.close();
    }
  }

  private static String call(String method, String param) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[\"" + param
        + "\"]}";
  }

  @Test
  void answersOverAKeptAliveConnection() throws Exception {
    start(2, RpcLimits.defaults());
    HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
              .timeout(Duration.ofSeconds(5))
              .POST(HttpRequest.BodyPublishers.ofString(call("test_echo", "hi" + i)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).get("result").asText()).isEqualTo("hi" + i);
    }
  }

  @Test
  void outOfMemoryInARequestCallsTheProcessExit() throws Exception {
    start(2, RpcLimits.defaults());
    try (RawHttp c = RawHttp.connect("127.0.0.1", server.port())) {
      c.send(RawHttp.post(call("test_exhaust", "")));
      assertThat(c.closedByServer(3_000)).isTrue();
    }
    // the request thread closes the connection before it calls the exit, so the client can see
    // the close first
    assertThat(awaitHalt(3_000)).containsExactly("a JSON-RPC request thread");
    try (RawHttp c =
        RawHttp.connect("127.0.0.1", server.port())) { // the recorder did not halt: still serving
      c.send(RawHttp.post(call("test_echo", "after")));
      assertThat(c.readResponse(3_000)).contains("\"after\"");
    }
  }

  private List<String> awaitHalt(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (halts.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return halts;
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    start(2, RpcLimits.defaults());
    try (RawHttp c = RawHttp.connect("127.0.0.1", server.port())) {
      c.send(RawHttp.post(call("test_echo", "one")) + RawHttp.post(call("test_echo", "two")));
      assertThat(c.readResponse(3_000)).startsWith("HTTP/1.1 200").contains("\"one\"");
      assertThat(c.readResponse(3_000)).startsWith("HTTP/1.1 200").contains("\"two\"");
    }
  }

  @Test
  void aFullQueueShedsLoadWithServerBusy() throws Exception {
    start(1, RpcLimits.defaults().withQueue(1));
    try (RawHttp running = RawHttp.connect("127.0.0.1", server.port());
        RawHttp queued = RawHttp.connect("127.0.0.1", server.port());
        RawHttp shed = RawHttp.connect("127.0.0.1", server.port())) {
      running.send(RawHttp.post(call("test_block", "")));
      Thread.sleep(300);
      queued.send(RawHttp.post(call("test_echo", "queued")));
      Thread.sleep(300);
      long start = System.nanoTime();
      shed.send(RawHttp.post(call("test_echo", "shed")));
      String answer = shed.readUntilClosed(3_000);
      assertThat(answer)
          .startsWith("HTTP/1.1 503")
          .containsIgnoringCase("Retry-After: 1")
          .contains("\"code\":" + RpcError.SERVER_BUSY.code());
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
      release.countDown();
      assertThat(running.readResponse(5_000)).contains("\"released\"");
      assertThat(queued.readResponse(5_000)).contains("\"queued\"");
    }
  }

  @Test
  void bodiesBeyondTheMemoryBudgetAreRefused() throws Exception {
    start(1, RpcLimits.defaults().withBytes(64 * 1024, 64 * 1024, 100 * 1024));
    try (RawHttp a = RawHttp.connect("127.0.0.1", server.port());
        RawHttp b = RawHttp.connect("127.0.0.1", server.port())) {
      // each declares 60 KiB and sends part of it: the second does not fit beside the first
      a.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 61440\r\n\r\n{");
      Thread.sleep(200);
      b.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 61440\r\n\r\n{");
      assertThat(b.readUntilClosed(3_000))
          .startsWith("HTTP/1.1 503")
          .contains("\"code\":" + RpcError.SERVER_BUSY.code());
    }
    // both gone: the budget is free again
    try (RawHttp c = RawHttp.connect("127.0.0.1", server.port())) {
      c.send(RawHttp.post(call("test_echo", "after")));
      assertThat(c.readResponse(3_000)).contains("\"after\"");
    }
  }

  // ---------------------------------------------------------------- refusals and the lingering
  // close

  private static final int MIB = 1024 * 1024;

  /** A 2 MiB body cap (and as small a budget as that allows), so bodies well over it stay quick. */
  private static final RpcLimits SMALL = RpcLimits.defaults().withBytes(2 * MIB, 2 * MIB, 2 * MIB);

  private static final String TOO_LARGE = "\"code\":" + RpcError.PAYLOAD_TOO_LARGE.code();

  private URI uri() {
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  @Test
  void aBodyWellOverTheCapIsAnsweredPayloadTooLargeEveryTimeNotWithABrokenConnection()
      throws Exception {
    start(2, SMALL);
    HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    byte[] body = new byte[6 * MIB];
    java.util.Arrays.fill(body, (byte) ' ');
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(uri())
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("attempt %d", i).isEqualTo(413);
      assertThat(JSON.readTree(r.body()).at("/error/code").asInt())
          .as("attempt %d", i)
          .isEqualTo(RpcError.PAYLOAD_TOO_LARGE.code());
    }
  }

  @Test
  void aClientThatWritesItsWholeOversizedBodyBeforeReadingStillReadsTheAnswer() throws Exception {
    start(2, SMALL);
    for (int i = 0; i < 20; i++) {
      try (RawHttp c = RawHttp.connect("127.0.0.1", server.port())) {
        // the answer is sent after the headers; the client only reads once all 6 MiB are out
        c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + 6 * MIB + "\r\n\r\n")
            .sendFiller(6L * MIB);
        // the answer whole, then end of stream: no reset, no "<...>" marker of a read error
        assertThat(c.readUntilClosed(5_000))
            .as("attempt %d", i)
            .startsWith("HTTP/1.1 413")
            .containsIgnoringCase("Connection: close")
            .contains(TOO_LARGE)
            .endsWith("}");
      }
    }
  }

  @Test
  void anExpectContinueRequestOverTheCapIsAnsweredWithoutItsBody() throws Exception {
    start(2, SMALL);
    HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    byte[] body = new byte[6 * MIB];
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(uri())
              .timeout(Duration.ofSeconds(10))
              .expectContinue(true)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("attempt %d", i).isEqualTo(413);
      assertThat(r.body()).contains(TOO_LARGE);
    }
    try (RawHttp c = RawHttp.connect("127.0.0.1", server.port())) {
      c.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " + 6 * MIB
          + "\r\n\r\n");
      // no 100 Continue: the refusal at once, and the body is never asked for
      String answer = c.readUntilClosed(3_000);
      assertThat(answer).startsWith("HTTP/1.1 413").contains(TOO_LARGE).endsWith("}");
    }
  }

  @Test
  void everyOtherRefusalAlsoReachesAClientThatKeepsWriting() throws Exception {
    start(2, SMALL);
    record Case(String head, String status, RpcError error) {}
    List<Case> cases = List.of(
        new Case(
            "POST / HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(20_000) + "\r\n\r\n",
            "HTTP/1.1 431",
            RpcError.PAYLOAD_TOO_LARGE),
        new Case(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 12x\r\n\r\n",
            "HTTP/1.1 400",
            RpcError.INVALID_REQUEST),
        new Case(
            "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: " + 6 * MIB + "\r\n\r\n",
            "HTTP/1.1 405",
            RpcError.INVALID_REQUEST));
    for (Case k : cases) {
      try (RawHttp c = RawHttp.connect("127.0.0.1", server.port())) {
        c.send(k.head()).sendFiller(6L * MIB);
        assertThat(c.readUntilClosed(5_000))
            .as(k.status())
            .startsWith(k.status())
            .contains("\"code\":" + k.error().code())
            .endsWith("}");
      }
    }
    try (RawHttp c = RawHttp.connect("127.0.0.1", server.port())) {
      c.send(RawHttp.post(call("test_echo", "still serving")));
      assertThat(c.readResponse(3_000)).contains("\"still serving\"");
    }
  }

  @Test
  void aConnectionRefusedAtTheDoorGetsItsAnswerThoughItSentARequestAndAFloodIsClosedAtOnce()
      throws Exception {
    start(2, SMALL.withConnections(1, 1));
    try (RawHttp admitted = RawHttp.connect("127.0.0.1", server.port())) {
      // connections are admitted on their own event loops: let the first be counted first
      awaitConnections(1, 3_000);
      try (RawHttp refused = RawHttp.connect("127.0.0.1", server.port())) {
        refused
            .send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + 6 * MIB + "\r\n\r\n")
            .sendFiller(6L * MIB);
        assertThat(refused.readUntilClosed(5_000))
            .startsWith("HTTP/1.1 503")
            .contains("\"code\":" + RpcError.SERVER_BUSY.code())
            .endsWith("}");
        // answered, and still open on the server's side, discarding, while its client keeps it
        assertThat(server.openConnections()).isEqualTo(2);
        try (RawHttp flood = RawHttp.connect("127.0.0.1", server.port())) {
          assertThat(flood.readUntilClosed(3_000)).startsWith("HTTP/1.1 503").endsWith("}");
          // the third is past the bound of lingering refusals (the cap): closed by the server
          // though
          // its client keeps it open
          assertThat(awaitConnections(2, 1_000)).isEqualTo(2);
        }
      }
      admitted.send(RawHttp.post(call("test_echo", "admitted")));
      assertThat(admitted.readResponse(3_000)).contains("\"admitted\"");
    }
  }

  /** A client that went on writing after its refusal: what it got out, and when it was cut off. */
  private record Sender(Thread thread, long refusedAt, AtomicLong sent, AtomicLong cutAt) {
    long millisToCut() throws InterruptedException {
      thread.join(5_000);
      assertThat(cutAt.get()).as("cut off by the server").isNotZero();
      return (cutAt.get() - refusedAt) / 1_000_000;
    }
  }

  /**
   * Declares a body of 2^62 bytes, reads the refusal, then writes 64 KiB every {@code pauseMillis}
   * until the server cuts it off.
   */
  private Sender refusedAndSendingForever(RawHttp c, int pauseMillis) throws Exception {
    c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4611686018427387904\r\n\r\n");
    assertThat(c.readResponse(3_000)).startsWith("HTTP/1.1 413").contains(TOO_LARGE);
    long refusedAt = System.nanoTime();
    AtomicLong sent = new AtomicLong();
    AtomicLong cutAt = new AtomicLong();
    Thread t = new Thread(() -> {
      try {
        while (true) {
          c.sendFiller(64 * 1024);
          sent.addAndGet(64 * 1024);
          if (pauseMillis > 0) {
            Thread.sleep(pauseMillis);
          }
        }
      } catch (java.io.IOException e) {
        cutAt.set(System.nanoTime());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.setDaemon(true);
    t.start();
    return new Sender(t, refusedAt, sent, cutAt);
  }

  @Test
  void aClientThatSendsForeverAfterTheRefusalIsClosedInTimeAndHoldsNoBudget() throws Exception {
    start(2, SMALL);
    try (RawHttp hostile = RawHttp.connect("127.0.0.1", server.port())) {
      // about 2 MB/s: the time bound, not the byte bound (four caps, 8 MiB), ends it
      Sender sender = refusedAndSendingForever(hostile, 30);
      Thread.sleep(1_000);
      // a megabyte or two discarded so far, none of it held: the whole budget is free, and an
      // honest request that needs nearly all of it (900 KiB in, 900 KiB out) is answered
      assertThat(sender.sent().get()).isGreaterThan(MIB);
      assertThat(server.bufferedBytes()).isZero();
      String big = "y".repeat(900 * 1024);
      try (RawHttp honest = RawHttp.connect("127.0.0.1", server.port())) {
        honest.send(RawHttp.post(call("test_echo", big)));
        assertThat(honest.readResponse(3_000)).startsWith("HTTP/1.1 200").contains(big);
      }
      assertThat(sender.millisToCut())
          .isBetween(LingeringClose.TIME.toMillis() - 300, LingeringClose.TIME.toMillis() + 1_500);
      assertThat(sender.sent().get()).isLessThan(LingeringClose.maxDiscarded(SMALL));
    }
    assertThat(awaitConnections(0, 3_000)).isZero();
    assertThat(server.bufferedBytes()).isZero();
  }

  @Test
  void aClientThatFloodsAfterTheRefusalIsClosedAtTheByteBound() throws Exception {
    start(2, SMALL);
    try (RawHttp hostile = RawHttp.connect("127.0.0.1", server.port())) {
      Sender sender = refusedAndSendingForever(hostile, 0);
      // cut once four caps were discarded, well before the time bound
      assertThat(sender.millisToCut()).isLessThan(LingeringClose.TIME.toMillis() - 500);
      assertThat(sender.sent().get()).isGreaterThanOrEqualTo(LingeringClose.maxDiscarded(SMALL));
    }
    try (RawHttp c = RawHttp.connect("127.0.0.1", server.port())) {
      c.send(RawHttp.post(call("test_echo", "after")));
      assertThat(c.readResponse(3_000)).contains("\"after\"");
    }
  }

  @Test
  void connectionsRefusedAtOneAddressesCapDoNotFillTheServerForOtherAddresses() throws Exception {
    start(2, SMALL.withConnections(8, 2));
    List<RawHttp> hostile = new java.util.ArrayList<>();
    try {
      // one address: two admitted, then eight more refused at its own cap of two. They send nothing
      // and read nothing; their refusals linger until the client closes or the time bound passes.
      for (int i = 0; i < 10; i++) {
        hostile.add(RawHttp.connect("127.0.0.1", server.port()));
      }
      awaitConnections(10, 3_000);
      // another address, well under its own cap and with the server holding two requests' worth
      // of admitted connections: it is served, not told the server is full
      try (RawHttp honest = RawHttp.connect("127.0.0.2", server.port())) {
        honest.send(RawHttp.post(call("test_echo", "another address")));
        assertThat(honest.readResponse(3_000))
            .startsWith("HTTP/1.1 200")
            .contains("\"another address\"");
      }
    } finally {
      hostile.forEach(RawHttp::close);
    }
  }

  @Test
  void anHonestClientIsAnsweredPromptlyWhileRefusedClientsFloodWhatIsDiscarded() throws Exception {
    // production caps: each refused client may have four 32 MiB bodies read and thrown away on the
    // event loops the honest connection shares
    start(2, RpcLimits.defaults());
    List<RawHttp> hostile = new java.util.ArrayList<>();
    List<Sender> senders = new java.util.ArrayList<>();
    try (RawHttp honest = RawHttp.connect("127.0.0.2", server.port())) {
      for (int i = 0; i < 8; i++) {
        RawHttp c = RawHttp.connect("127.0.0.1", server.port());
        hostile.add(c);
        senders.add(refusedAndSendingForever(c, 0));
      }
      long slowest = 0;
      int answered = 0;
      while (senders.stream().anyMatch(s -> s.thread().isAlive())) {
        long t0 = System.nanoTime();
        honest.send(RawHttp.post(call("test_echo", "honest " + answered)));
        assertThat(honest.readResponse(3_000)).contains("\"honest " + answered + "\"");
        slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
        answered++;
      }
      long discarded = senders.stream().mapToLong(s -> s.sent().get()).sum();
      System.out.printf(
          "discarded %d MiB from 8 refused clients; %d honest answers, slowest %d ms%n",
          discarded / MIB, answered, slowest);
      assertThat(answered).isPositive();
      assertThat(slowest).isLessThan(1_000);
    } finally {
      hostile.forEach(RawHttp::close);
    }
  }

  @Test
  void aBurstOfRefusedConnectionsThatResetOrHangLeavesNoCountBehind() throws Exception {
    start(2, SMALL.withConnections(4, 2));
    List<RawHttp> admitted = new java.util.ArrayList<>();
    List<java.net.Socket> burst = new java.util.ArrayList<>();
    try {
      admitted.add(RawHttp.connect("127.0.0.1", server.port()));
      admitted.add(RawHttp.connect("127.0.0.1", server.port()));
      admitted.add(RawHttp.connect("127.0.0.2", server.port()));
      admitted.add(RawHttp.connect("127.0.0.2", server.port()));
      assertThat(awaitConnections(4, 3_000)).isEqualTo(4);
      // 300 at once from a third address: each sends a request with a body over the cap; a third
      // reset at once, a third close politely, a third hang without reading or closing
      byte[] request = ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + 6 * MIB + "\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (int i = 0; i < 300; i++) {
        java.net.Socket s = new java.net.Socket();
        s.bind(new java.net.InetSocketAddress("127.0.0.3", 0));
        s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 5_000);
        try {
          s.getOutputStream().write(request);
          s.getOutputStream().write(new byte[32 * 1024]);
        } catch (java.io.IOException closedAtOnce) {
          // past the bound of lingering refusals the server may have closed it already
          s.close();
          continue;
        }
        if (i % 3 == 0) {
          s.setSoLinger(true, 0);
          s.close();
        } else if (i % 3 == 1) {
          s.close();
        } else {
          burst.add(s);
        }
      }
      // the refusals that hang are cut at the time bound; the admitted four are all that is left
      assertThat(awaitConnections(4, LingeringClose.TIME.toMillis() + 3_000)).isEqualTo(4);
      for (RawHttp c : admitted) {
        c.send(RawHttp.post(call("test_echo", "kept")));
        assertThat(c.readResponse(3_000)).startsWith("HTTP/1.1 200").contains("\"kept\"");
      }
    } finally {
      admitted.forEach(RawHttp::close);
      for (java.net.Socket s : burst) {
        s.close();
      }
    }
    assertThat(awaitConnections(0, 3_000)).isZero();
    // nothing of the burst is counted against its address either: it gets both its places
    try (RawHttp a = RawHttp.connect("127.0.0.3", server.port());
        RawHttp b = RawHttp.connect("127.0.0.3", server.port())) {
      a.send(RawHttp.post(call("test_echo", "a")));
      b.send(RawHttp.post(call("test_echo", "b")));
      assertThat(a.readResponse(3_000)).startsWith("HTTP/1.1 200").contains("\"a\"");
      assertThat(b.readResponse(3_000)).startsWith("HTTP/1.1 200").contains("\"b\"");
    }
    // the two answered connections give their share back as the server sees them close
    assertThat(awaitConnections(0, 3_000)).isZero();
    assertThat(server.bufferedBytes()).isZero();
  }

  @Test
  void aRequestSentBehindARefusalIsDiscardedNeverExecuted() throws Exception {
    start(2, SMALL.withConnections(2, 1));
    // test_exhaust calls the process exit: any of these requests executed would be recorded
    String smuggled = RawHttp.post(call("test_exhaust", ""));
    List<String> refusedFirst = List.of(
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + 6 * MIB + "\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n");
    for (String first : refusedFirst) {
      assertThat(awaitConnections(0, 3_000)).isZero(); // one place per address: the last one gone
      try (RawHttp c = RawHttp.connect("127.0.0.1", server.port())) {
        // in one write, so the refused request and the next arrive in one read; then more of them
        c.send(first + smuggled).send(smuggled + smuggled);
        assertThat(c.readUntilClosed(5_000)).startsWith("HTTP/1.1 4").doesNotContain("HTTP/1.1 2");
      }
    }
    // at the door: a whole request sent on a connection refused for its address (once the server
    // has seen the connections above closed, so the first below is admitted)
    assertThat(awaitConnections(0, 3_000)).isZero();
    try (RawHttp admitted = RawHttp.connect("127.0.0.1", server.port())) {
      assertThat(awaitConnections(1, 3_000)).isEqualTo(1);
      try (RawHttp refused = RawHttp.connect("127.0.0.1", server.port())) {
        refused.send(smuggled + smuggled);
        assertThat(refused.readUntilClosed(5_000)).startsWith("HTTP/1.1 503").endsWith("}");
      }
      admitted.send(RawHttp.post(call("test_echo", "served")));
      assertThat(admitted.readResponse(3_000)).contains("\"served\"");
    }
    assertThat(halts).isEmpty();
  }

  private int awaitConnections(int count, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (server.openConnections() != count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return server.openConnections();
  }
}
