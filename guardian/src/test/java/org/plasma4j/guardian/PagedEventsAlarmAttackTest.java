package org.plasma4j.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.guardian.GuardianFixture.ALICE;
import static org.plasma4j.guardian.GuardianFixture.CONFIG;
import static org.plasma4j.guardian.GuardianFixture.ETH;
import static org.plasma4j.guardian.GuardianFixture.deposit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.SeqPages;
import org.plasma4j.core.types.Address;

/**
 * The whole guardian loop over a watcher that serves its standing events in pages: a cause standing
 * only on a later page raises the alarm, and a read that fails part-way (a page served again, a
 * page going back, the watcher restarted between pages) never counts as "nothing stands", so it
 * ends no alarm; only a whole honest read without the cause does.
 */
class PagedEventsAlarmAttackTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dataDir;

  private final OwnedOutput alice1 = deposit(ALICE, ETH, 1_000, 1);
  private final InMemoryExecutor rootChain = new InMemoryExecutor();
  private final List<String> lines = new ArrayList<>();
  private final List<String> asked = new CopyOnWriteArrayList<>();
  /** What the watcher answers to watcher_openEvents [after, limit]: a result or an error. */
  private volatile BiFunction<Long, Integer, String> openEvents;

  private final HttpServer server = serve();
  private final WatcherRpcClient client = new WatcherRpcClient(
      URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(10));

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Events from the watcher over RPC; outputs as a watcher that knows alice's deposit says. */
  private final WatcherView view = new WatcherView() {
    @Override
    public List<ByzantineEvent> events() {
      return new WatcherAdvice(client).events();
    }

    @Override
    public Advice advice(Address owner) {
      return new Advice(0, owner.equals(ALICE.address()) ? List.of(alice1) : List.of(), List.of());
    }
  };

  private Guardian guardian() {
    return new Guardian(
        CONFIG,
        List.of(ALICE.address()),
        view,
        rootChain,
        rootChain,
        new JournalFile(dataDir),
        System::currentTimeMillis,
        lines::add);
  }

  private static String event(long seq, String type) {
    return "{\"seq\":" + seq + ",\"type\":\"" + type + "\",\"key\":\"" + type + ":" + seq
        + "\",\"details\":{\"blkNum\":\"" + seq * 1000 + "\"},\"reportedAtMillis\":1}";
  }

  /**
   * Standing events 1..1000, none alarming (invalid exits being challenged), and {@code alarming}
   * after them: an invalid block at seq 1001 if true.
   */
  private static String honest(long after, int limit, boolean alarming) {
    List<String> out = new ArrayList<>();
    long last = alarming ? 1001 : 1000;
    for (long seq = after + 1; seq <= last && out.size() < limit; seq++) {
      out.add(event(seq, seq == 1001 ? "invalid_block" : "invalid_exit"));
    }
    return "{\"result\":[" + String.join(",", out) + "]}";
  }

  @Test
  void aCauseStandingOnlyOnTheSecondPageRaisesTheAlarmAndAFailedPageEndsNone() {
    openEvents = (after, limit) -> honest(after, limit, true);
    Guardian g = guardian();
    g.pollOnce();
    assertThat(asked).containsExactly("0 " + SeqPages.PAGE, "1000 " + SeqPages.PAGE);
    assertThat(g.journal().alarm())
        .hasValueSatisfying(a -> assertThat(a).contains("invalid_block"));
    assertThat(rootChain.executed).containsExactly(new Action.StartStandardExit(alice1));

    // the second page is the first served again: the read is refused, not taken as "nothing more"
    openEvents = (after, limit) -> honest(0, limit, false);
    g.pollOnce();
    // the second page goes back within itself
    openEvents = (after, limit) -> after == 0
        ? honest(0, limit, false)
        : "{\"result\":[" + event(1002, "invalid_exit") + "," + event(1001, "invalid_exit") + "]}";
    g.pollOnce();
    // the watcher restarted between the pages: not ready on the second
    openEvents = (after, limit) -> after == 0
        ? honest(0, limit, false)
        : "{\"error\":{\"code\":" + RpcError.WATCHER_NOT_READY.code()
            + ",\"message\":\"the watcher has not audited the chain since it started\"}}";
    g.pollOnce();
    Guardian restarted = guardian();
    restarted.pollOnce();
    assertThat(restarted.journal().alarm())
        .hasValueSatisfying(a -> assertThat(a).contains("invalid_block"));
    assertThat(lines).noneMatch(l -> l.startsWith("ALARM ENDED"));
    assertThat(lines)
        .filteredOn(l -> l.startsWith("poll failed") || l.startsWith("ALARM ENDED"))
        .isEmpty();
    assertThat(rootChain.executed).hasSize(1);

    // a whole honest read in which the block no longer stands ends it
    openEvents = (after, limit) -> honest(after, limit, false);
    restarted.pollOnce();
    assertThat(restarted.journal().alarm()).isEmpty();
    assertThat(lines).filteredOn(l -> l.startsWith("ALARM ENDED")).hasSize(1);
    assertThat(rootChain.executed).hasSize(1);
  }

  private HttpServer serve() {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      s.createContext("/", exchange -> {
        try (exchange) {
          JsonNode request = JSON.readTree(exchange.getRequestBody());
          JsonNode params = request.path("params");
          String method = request.path("method").asText();
          String answer;
          if (method.equals("watcher_openEvents")) {
            asked.add(params.path(0).asLong() + " " + params.path(1).asInt());
            answer = openEvents.apply(params.path(0).asLong(), params.path(1).asInt());
          } else {
            answer = "{\"error\":{\"code\":-32601,\"message\":\"not served here\"}}";
          }
          byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id") + ","
                  + answer.substring(1))
              .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        } catch (IOException e) {
          // the client hung up
        }
      });
      s.start();
      return s;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
