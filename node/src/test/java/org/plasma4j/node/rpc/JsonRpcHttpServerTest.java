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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.WireName;
import org.plasma4j.node.testing.RawHttp;

/**
 * The server's own mechanics on a dispatcher with test methods: keep-alive, pipelining, queue,
 * budget.
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
}
