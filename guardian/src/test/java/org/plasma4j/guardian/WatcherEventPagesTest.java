package org.plasma4j.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.SeqPages;
import org.plasma4j.core.types.Address;
import org.plasma4j.node.rpc.JsonRpcDispatcher;
import org.plasma4j.node.rpc.JsonRpcHttpServer;
import org.plasma4j.node.rpc.RpcLimits;
import org.plasma4j.watcher.WatcherQueries;
import org.plasma4j.watcher.WatcherStatus;
import org.plasma4j.watcher.advice.ExitAdvice;
import org.plasma4j.watcher.events.ByzantineEvent;
import org.plasma4j.watcher.rpc.methods.WatcherGetByzantineEvents;
import org.plasma4j.watcher.rpc.methods.WatcherGetOpenEvents;
import org.plasma4j.watcher.rpc.methods.WatcherGetStatus;
import org.plasma4j.watcher.store.Json;

/**
 * The guardian reads its watcher's event lists in pages, each answer parsed under the token bound:
 * an honest watcher with more events than one page is read whole through the watcher's own RPC
 * methods, and a watcher answering with pages that repeat or go back, or with an answer nearly all
 * structure, is refused with a specific error while the client goes on reading honest answers.
 */
class WatcherEventPagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Events 1..n, every third standing, as a watcher with a long history holds them. */
  private static final class ManyEvents implements WatcherQueries {
    final List<ByzantineEvent> all;
    final List<String> asked = new CopyOnWriteArrayList<>();

    ManyEvents(int n) {
      all = LongStream.rangeClosed(1, n)
          .mapToObj(seq -> new ByzantineEvent(
              seq,
              "invalid_exit",
              "invalid_exit:" + (1_000_000_000L * seq),
              Map.of("position", Long.toString(1_000_000_000L * seq), "amount", "5"),
              1_000 + seq))
          .toList();
    }

    List<ByzantineEvent> standing() {
      return all.stream().filter(e -> e.seq() % 3 == 0).toList();
    }

    @Override
    public WatcherStatus status() {
      return WatcherStatus.initial();
    }

    @Override
    public List<ByzantineEvent> byzantineEvents(long afterSeq) {
      asked.add("history after " + afterSeq);
      return all.stream().filter(e -> e.seq() > afterSeq).toList();
    }

    @Override
    public List<ByzantineEvent> byzantineEvents(long afterSeq, int limit) {
      asked.add("history after " + afterSeq + " limit " + limit);
      return all.stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
    }

    @Override
    public List<ByzantineEvent> openEvents() {
      asked.add("open");
      return standing();
    }

    @Override
    public List<ByzantineEvent> openEvents(long afterSeq, int limit) {
      asked.add("open after " + afterSeq + " limit " + limit);
      return standing().stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
    }

    @Override
    public ExitAdvice exitAdvice(Address owner) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void anHonestWatcherWithMoreEventsThanOnePageIsReadWholeThroughItsOwnApi() throws Exception {
    ManyEvents watcher = new ManyEvents(2 * SeqPages.PAGE + 500);
    var mapper = Json.MAPPER;
    JsonRpcHttpServer rpc = new JsonRpcHttpServer(
        "127.0.0.1",
        0,
        2,
        new JsonRpcDispatcher(
            mapper,
            List.of(
                new WatcherGetStatus(watcher),
                new WatcherGetByzantineEvents(watcher),
                new WatcherGetOpenEvents(watcher))),
        mapper,
        RpcLimits.defaults(),
        (where, error) -> {});
    rpc.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + rpc.port());
      WatcherRpcClient client = new WatcherRpcClient(url, Duration.ofSeconds(10));

      assertThat(client.byzantineEvents(0)).isEqualTo(watcher.all);
      assertThat(watcher.asked)
          .containsExactly(
              "history after 0 limit 1000",
              "history after 1000 limit 1000",
              "history after 2000 limit 1000");
      assertThat(client.byzantineEvents(2_400)).isEqualTo(watcher.all.subList(2_400, 2_500));

      watcher.asked.clear();
      assertThat(new WatcherAdvice(client).events())
          .hasSize(833)
          .first()
          .isEqualTo(new org.plasma4j.guardian.ByzantineEvent(
              "invalid_exit",
              "invalid_exit:3000000000",
              Map.of("position", "3000000000", "amount", "5"),
              1_003));
      assertThat(client.openEvents()).isEqualTo(watcher.standing());
      // 833 standing events: one page (shorter than asked, so the last) each time
      assertThat(watcher.asked)
          .containsExactly("open after 0 limit 1000", "open after 0 limit 1000");

      // the forms first served still answer whole, so no earlier caller takes a page for all
      assertThat(raw(url, "watcher_byzantineEvents", "[0]").path("result")).hasSize(2_500);
      assertThat(raw(url, "watcher_openEvents", "[]").path("result")).hasSize(833);
      // a limit outside 1..1000, or an afterSeq without one, is bad params
      for (String[] bad : new String[][] {
        {"watcher_byzantineEvents", "[0, 0]"},
        {"watcher_byzantineEvents", "[0, 1001]"},
        {"watcher_byzantineEvents", "[0, 10, 1]"},
        {"watcher_openEvents", "[5]"},
        {"watcher_openEvents", "[0, 1001]"},
      }) {
        assertThat(raw(url, bad[0], bad[1]).path("error").path("code").asInt())
            .as(bad[0] + " " + bad[1])
            .isEqualTo(-32602);
      }
    } finally {
      rpc.close();
    }
  }

  @Test
  void aRepeatedPageOrAnEventGoingBackIsRefusedAndTheNextHonestReadWorks() throws Exception {
    // the second page serves the first again
    try (Stub stub = new Stub((after, limit) -> events(1, limit))) {
      assertThatThrownBy(() -> stub.client.byzantineEvents(0))
          .isInstanceOf(WatcherRpcClient.WatcherUnavailable.class)
          .hasMessageEndingWith(
              "watcher_byzantineEvents: [1000].seq 1 is not after 1000: entries repeat or go back");
    }
    // an event within a page goes back
    try (Stub stub = new Stub((after, limit) -> "[" + event(3) + "," + event(2) + "]")) {
      assertThatThrownBy(() -> stub.client.openEvents())
          .isInstanceOf(WatcherRpcClient.WatcherUnavailable.class)
          .hasMessageEndingWith(
              "watcher_openEvents: [1].seq 2 is not after 3: entries repeat or go back");
    }
    // a page longer than asked for
    try (Stub stub = new Stub((after, limit) -> events(after + 1, limit + 1))) {
      assertThatThrownBy(() -> stub.client.openEvents())
          .isInstanceOf(WatcherRpcClient.WatcherUnavailable.class)
          .hasMessageEndingWith(
              "watcher_openEvents: a page of 1001 entries after seq 0, more than the 1000 asked for");
    }
    // an honest listing: two pages, the second short
    try (Stub stub = new Stub((after, limit) -> events(after + 1, after == 0 ? limit : 7))) {
      assertThat(stub.client.openEvents())
          .extracting(ByzantineEvent::seq)
          .isEqualTo(LongStream.rangeClosed(1, 1_007).boxed().toList());
      assertThat(stub.asked).containsExactly("0 1000", "1000 1000");
    }
  }

  @Test
  void anAnswerNearlyAllStructureIsRefusedQuicklyAndTheClientGoesOnServing() throws Exception {
    // about 30 MB of empty objects, under the 33 MiB cap: some forty times that as a tree
    StringBuilder wide = new StringBuilder(31_000_000).append("[{}");
    for (int i = 1; i < 10_000_000; i++) {
      wide.append(",{}");
    }
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    String[] answer = {wide.append(']').toString()};
    try (Stub stub = new Stub((after, limit) -> answer[0])) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> new WatcherAdvice(stub.client).events())
          .isInstanceOf(WatcherRpcClient.WatcherUnavailable.class)
          .hasMessageContaining("watcher_openEvents: answered beyond what an answer holds")
          .hasMessageContaining("Token count (1048577) exceeds the maximum allowed");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

      answer[0] = deep;
      assertThatThrownBy(() -> stub.client.byzantineEvents(0))
          .isInstanceOf(WatcherRpcClient.WatcherUnavailable.class)
          .hasMessageContaining("watcher_byzantineEvents: answered beyond what an answer holds")
          .hasMessageContaining("nesting depth");

      answer[0] = events(1, 2);
      assertThat(new WatcherAdvice(stub.client).events())
          .extracting(org.plasma4j.guardian.ByzantineEvent::key)
          .containsExactly("invalid_exit:1", "invalid_exit:2");
    }
  }

  private static String event(long seq) {
    return "{\"seq\":" + seq + ",\"type\":\"invalid_exit\",\"key\":\"invalid_exit:" + seq
        + "\",\"details\":{},\"reportedAtMillis\":1}";
  }

  /** {@code count} events from {@code first} on, as a result. */
  private static String events(long first, long count) {
    List<String> out = new ArrayList<>();
    for (long seq = first; seq < first + count; seq++) {
      out.add(event(seq));
    }
    return "[" + String.join(",", out) + "]";
  }

  private static JsonNode raw(URI url, String method, String params) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(url)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body());
    }
  }

  /** A watcher answering each page request with the result its script gives for the params. */
  private static final class Stub implements AutoCloseable {
    final HttpServer server;
    final WatcherRpcClient client;
    final List<String> asked = new CopyOnWriteArrayList<>();

    Stub(BiFunction<Long, Integer, String> result) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        try (exchange) {
          JsonNode request = JSON.readTree(exchange.getRequestBody());
          JsonNode params = request.path("params");
          long after = params.path(0).asLong();
          int limit = params.path(1).asInt();
          asked.add(after + " " + limit);
          byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id") + ",\"result\":"
                  + result.apply(after, limit) + "}")
              .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        } catch (IOException e) {
          // the client hung up
        }
      });
      server.start();
      client = new WatcherRpcClient(
          URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(10));
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
