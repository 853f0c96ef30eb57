package org.plasma4j.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.SeqPages;

/**
 * A hostile or intercepted watcher URL serving valid pages, every seq in order and every answer
 * under the byte cap and the token bound, of events with 500 one-character details each: some 5 MB
 * a page, 24 pages within the read's 128 MiB. Read whole, the guardian kept 1.19 GB of heap for
 * those 124 MB (allocating 3.7 GB), as its last events until the next good read. The read is
 * refused once its events hold more JSON values than an honest watcher's longest list.
 */
class WatcherEventsMemoryAttackTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DETAILS = 500;

  @Test
  void validPagesOfDetailHeavyEventsAreRefusedAtTheValuesBoundNotHeld() throws Exception {
    List<Long> asked = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        long after = request.path("params").path(0).asLong();
        asked.add(after);
        // 24 full pages, then a last one of one event
        int count = after >= 24_000 ? 1 : request.path("params").path(1).asInt();
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id") + ",\"result\":"
                + events(after + 1, count) + "}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } catch (IOException e) {
        // the client hung up
      }
    });
    server.start();
    try {
      WatcherRpcClient client = new WatcherRpcClient(
          URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(30));
      // 1,000 events of 1,011 values each a page: past 2^23 values at the ninth page
      assertThatThrownBy(() -> new WatcherAdvice(client).events())
          .isInstanceOf(WatcherRpcClient.WatcherUnavailable.class)
          .hasMessageEndingWith("watcher_openEvents: listed more than " + SeqPages.MAX_VALUES
              + " JSON values in 9 pages; stopped reading");
      assertThat(SeqPages.MAX_VALUES).isEqualTo(1L << 23);
      assertThat(asked).hasSize(9).last().isEqualTo(8_000L);
    } finally {
      server.stop(0);
    }
  }

  /** {@code count} events from {@code first} on, each with {@link #DETAILS} details. */
  private static String events(long first, int count) {
    StringBuilder b = new StringBuilder(6_000_000).append('[');
    for (long seq = first; seq < first + count; seq++) {
      b.append(seq == first ? "" : ",")
          .append("{\"seq\":")
          .append(seq)
          .append(",\"type\":\"invalid_exit\",\"key\":\"k")
          .append(seq)
          .append("\",\"details\":{");
      for (int d = 0; d < DETAILS; d++) {
        b.append(d == 0 ? "\"" : ",\"").append(d).append("\":\"1\"");
      }
      b.append("},\"reportedAtMillis\":1}");
    }
    return b.append(']').toString();
  }
}
