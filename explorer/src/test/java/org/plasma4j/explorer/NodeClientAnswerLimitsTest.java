package org.plasma4j.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.OperatorRpcReader;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.api.WatcherRpcMethod;

/**
 * A node that answers too much or too slowly is named down; the explorer neither hangs nor holds
 * it.
 */
class NodeClientAnswerLimitsTest {

  private final AtomicReference<Answer> answer = new AtomicReference<>();
  private final AtomicLong written = new AtomicLong();
  private final AtomicReference<String> request = new AtomicReference<>();
  private HttpServer server;

  private interface Answer {
    void write(HttpExchange exchange) throws IOException, InterruptedException;
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        answer.get().write(exchange);
      } catch (IOException | InterruptedException e) {
        // the client hung up, as it should past the limit
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private NodeClient client(Duration timeout) {
    return new NodeClient(
        "operator", URI.create("http://127.0.0.1:" + server.getAddress().getPort()), timeout);
  }

  @Test
  void anHonestAnswerIsRead() {
    answer.set(exchange -> send(exchange, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x3e8\"}"));

    assertThat(client(Duration.ofSeconds(5)).call(RpcMethod.GET_BLOCK_NUMBER).asText())
        .isEqualTo("0x3e8");
  }

  @Test
  void anAnswerOverTheCapIsRefusedUnreadAndTheNodeNamedDown() {
    byte[] chunk = new byte[1 << 20];
    java.util.Arrays.fill(chunk, (byte) ' ');
    answer.set(exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (int i = 0; i < 96; i++) {
        out.write(chunk);
        written.addAndGet(chunk.length);
      }
    });

    assertThatThrownBy(() -> client(Duration.ofSeconds(20)).call(RpcMethod.GET_BLOCK_NUMBER))
        .isInstanceOf(ApiError.NodeDown.class)
        .hasMessage("the operator is down: it answered more than " + NodeClient.MAX_ANSWER_BYTES
            + " bytes");
    // the client stopped reading: what the server got out is the cap plus the sockets' buffers
    assertThat(written.get()).isLessThan(48L << 20);
  }

  /**
   * An answer under the byte cap that is nearly all structure would parse into a tree of some
   * eleven million nodes, far more memory than its bytes; the token bound refuses it after the
   * first million, and the same client then reads the node's next honest answer.
   */
  @Test
  void anAnswerOfEmptyObjectsUnderTheCapIsRefusedQuicklyAndTheClientKeepsServing() {
    byte[] head = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[{}".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "]}".getBytes(StandardCharsets.UTF_8);
    int objects = (NodeClient.MAX_ANSWER_BYTES - head.length - tail.length) / 3;
    byte[] body = new byte[head.length + objects * 3 + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    for (int i = 0; i < objects; i++) {
      int at = head.length + i * 3;
      body[at] = ',';
      body[at + 1] = '{';
      body[at + 2] = '}';
    }
    System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
    assertThat(body.length)
        .isGreaterThan(33 * 1024 * 1024 - 3)
        .isLessThanOrEqualTo(NodeClient.MAX_ANSWER_BYTES);
    answer.set(exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    });
    NodeClient client = client(Duration.ofSeconds(20));

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.call(RpcMethod.GET_UTXOS, "0x" + "11".repeat(20)))
        .isInstanceOf(ApiError.NodeDown.class)
        .hasMessageStartingWith("the operator is down: it answered beyond what an answer holds: ")
        .hasMessageContaining("Token count (" + (OperatorRpcReader.MAX_TOKENS + 1) + ")");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

    answer.set(exchange -> send(exchange, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x3e9\"}"));
    assertThat(client.call(RpcMethod.GET_BLOCK_NUMBER).asText()).isEqualTo("0x3e9");
  }

  @Test
  void aTrickledAnswerTimesOutAsAWhole() {
    answer.set(exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (int i = 0; i < 100; i++) {
        out.write(' ');
        out.flush();
        Thread.sleep(100);
      }
    });

    long start = System.nanoTime();
    assertThatThrownBy(() -> client(Duration.ofSeconds(1)).call(RpcMethod.GET_BLOCK_NUMBER))
        .isInstanceOf(ApiError.NodeDown.class)
        .hasMessage("the operator is down: it did not answer within 1000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void theWatchersEventsAreReadInPagesAndAPageServedAgainNamesItDown() {
    // 1,500 standing events: a whole page after seq 0, then the rest; or the first page again
    java.util.function.LongFunction<String> page = after -> {
      StringBuilder events = new StringBuilder("[");
      long last = after == 0 ? 1_000 : 1_500;
      for (long seq = after + 1; seq <= last; seq++) {
        events
            .append(seq > after + 1 ? "," : "")
            .append("{\"seq\":")
            .append(seq)
            .append(",\"type\":\"invalid_exit\"}");
      }
      return "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + events.append(']') + "}";
    };
    java.util.List<Long> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    answer.set(exchange -> {
      long after = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(request.get())
          .path("params")
          .path(0)
          .asLong();
      asked.add(after);
      send(exchange, page.apply(after));
    });
    NodeClient watcher = new NodeClient(
        "watcher",
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        Duration.ofSeconds(5));

    assertThat(watcher.pages(WatcherRpcMethod.OPEN_EVENTS, 0, Duration.ofSeconds(30)))
        .extracting(e -> e.path("seq").asLong())
        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 1_500).boxed().toList());
    assertThat(asked).containsExactly(0L, 1_000L);

    answer.set(exchange -> send(exchange, page.apply(0)));
    assertThatThrownBy(() -> watcher.pages(WatcherRpcMethod.OPEN_EVENTS, 0, Duration.ofSeconds(30)))
        .isInstanceOf(ApiError.NodeDown.class)
        .hasMessage("the watcher is down: it listed watcher_openEvents badly: "
            + "[1000].seq 1 is not after 1000: entries repeat or go back");
  }

  private static void send(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }
}
