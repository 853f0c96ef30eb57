package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.watcher.childchain.FetchException;
import org.plasma4j.watcher.childchain.JsonRpcOperatorBlocks;

/**
 * An honest operator behind a slow link: it serves a full block (65,536 transactions) exactly as
 * committed, and each page arrives at the link's rate, so a page of 8,192 or 4,096 takes longer
 * than the request timeout and one of 2,048 or less well within it. Scaled to the test (a 400 ms
 * request timeout, 3,000 transactions a timeout), this is a 10-second timeout on a link that moves
 * some 3,000 transactions of the largest size (12 MiB of hex) in 10 seconds, about 10 Mbit/s. Pages
 * shrink after the timeouts until each arrives in time, so the block must arrive; the whole block
 * then needs more than 16 request timeouts only because the watcher itself asked for small pages.
 */
class SlowLinkBlockTest {

  private static final int TX_COUNT = 65_536;
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(400);
  /** The link's time for one transaction: 3,000 transactions a request timeout. */
  private static final long NANOS_PER_TX = REQUEST_TIMEOUT.toNanos() / 3_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each page served whole: the milliseconds it took and how many transactions it held. */
  private final ConcurrentLinkedQueue<long[]> pagesServed = new ConcurrentLinkedQueue<>();

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static String tx(int i) {
    return String.format("\"0x%08x\"", i);
  }

  /** The honest operator on the slow link, read with the watcher's default block deadline. */
  private JsonRpcOperatorBlocks honestOperatorOnASlowLink() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", ex -> {
      try (ex) {
        long start = System.nanoTime();
        JsonNode request = JSON.readTree(ex.getRequestBody().readAllBytes());
        JsonNode params = request.path("params");
        String result;
        switch (request.path("method").asText()) {
          case "plasma_getBlock" -> {
            int offset = params.path(1).asInt();
            int n = Math.min(params.path(2).asInt(), TX_COUNT - offset);
            StringBuilder txs = new StringBuilder();
            for (int i = offset; i < offset + n; i++) {
              txs.append(i == offset ? "" : ",").append(tx(i));
            }
            Thread.sleep(Duration.ofNanos(n * NANOS_PER_TX)); // the link's time for the page
            result = "{\"blkNum\":" + params.path(0).asLong() + ",\"offset\":" + offset
                + ",\"txCount\":" + TX_COUNT + ",\"transactions\":[" + txs + "]}";
            pagesServed.add(new long[] {(System.nanoTime() - start) / 1_000_000, n});
          }
          case "plasma_getBlockNumber" -> result = "1000";
          default -> throw new IllegalStateException(request.toString());
        }
        byte[] b = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + result + "}")
            .getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
      } catch (IOException | InterruptedException e) {
        // the watcher hung up at its deadline
      }
    });
    server.start();
    return new JsonRpcOperatorBlocks(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        REQUEST_TIMEOUT,
        4 * 1024 * 1024);
  }

  @Test
  void anHonestBlockOnASlowLinkArrivesOncePagesFitTheRequestTimeout() throws Exception {
    JsonRpcOperatorBlocks op = honestOperatorOnASlowLink();

    List<FetchException.Kind> failures = new ArrayList<>();
    List<Bytes> body = null;
    for (int read = 0; read < 6 && body == null; read++) {
      try {
        body = op.block(1000);
      } catch (FetchException e) {
        failures.add(e.kind());
      }
    }

    // the first read asks for 8,192 and times out; pages then shrink to 2,048, which arrive
    assertThat(failures).startsWith(FetchException.Kind.TIMEOUT);
    assertThat(failures).doesNotContain(FetchException.Kind.BLOCK_DEADLINE);
    assertThat(body).isNotNull().hasSize(TX_COUNT);
    assertThat(body.get(TX_COUNT - 1)).isEqualTo(Bytes.fromHex("0x0000ffff"));
    // every page of 2,048 or fewer was answered well within the request timeout
    assertThat(pagesServed)
        .filteredOn(p -> p[1] <= 2_048)
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p[0]).isLessThan(REQUEST_TIMEOUT.toMillis()));
  }
}
