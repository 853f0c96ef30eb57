package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.childchain.FetchException;
import org.plasma4j.watcher.childchain.JsonRpcOperatorBlocks;
import org.plasma4j.watcher.childchain.LocalHttp;

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

  private final TestChain chain = new TestChain();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Serves {@code handler} on a free local port, each exchange on a thread of its own. */
  private URI serve(HttpHandler handler) throws IOException {
    server = LocalHttp.serve(handler);
    return LocalHttp.uri(server);
  }

  private static String tx(int i) {
    return String.format("0x%08x", i);
  }

  /** The honest operator on the slow link, read with the watcher's default block deadline. */
  private JsonRpcOperatorBlocks honestOperatorOnASlowLink() throws IOException {
    List<String> body = new ArrayList<>(TX_COUNT);
    for (int i = 0; i < TX_COUNT; i++) {
      body.add(tx(i));
    }
    return honestOperatorOnASlowLink(1000, body, REQUEST_TIMEOUT, NANOS_PER_TX);
  }

  /**
   * An operator serving block {@code blkNum} as {@code body} (its transactions in hex), each page
   * taking {@code nanosPerTx} a transaction, read with {@code requestTimeout} a request and the
   * watcher's default block deadline.
   */
  private JsonRpcOperatorBlocks honestOperatorOnASlowLink(
      long blkNum, List<String> body, Duration requestTimeout, long nanosPerTx) throws IOException {
    URI uri = serve(ex -> {
      try (ex) {
        long start = System.nanoTime();
        JsonNode request = JSON.readTree(ex.getRequestBody().readAllBytes());
        JsonNode params = request.path("params");
        String result;
        switch (request.path("method").asText()) {
          case "plasma_getBlock", "plasma_getBlockBody" -> {
            int offset = params.path(1).asInt();
            int n = Math.min(params.path(2).asInt(), body.size() - offset);
            Thread.sleep(Duration.ofNanos(n * nanosPerTx)); // the link's time for the page
            result = LocalHttp.page(
                request.path("method").asText(),
                params.path(0).asLong(),
                offset,
                body.size(),
                body.subList(offset, offset + n));
            pagesServed.add(new long[] {(System.nanoTime() - start) / 1_000_000, n});
          }
          case "plasma_getBlockNumber" -> result = Long.toString(blkNum);
          case "plasma_getFeeSchedule" ->
            result = "{\"0x0000000000000000000000000000000000000000\":\"10\"}";
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
    return new JsonRpcOperatorBlocks(uri, requestTimeout, 4 * 1024 * 1024);
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

  /**
   * The watcher over the same kind of link, at a rate of 300 transactions a request timeout, for a
   * valid block of 2,000 payments: pages of 512 and more time out, pages of 128 arrive within 0.43
   * of a timeout, and the block, 16 such pages, within 7 timeouts. The watcher polls every 5 s of
   * its clock; the withholding timeout is 30 s. The honest block must be validated, not reported
   * withheld.
   */
  @Test
  void anHonestBlockOnASlowLinkIsValidatedNotReportedWithheld() throws Exception {
    KeyPair alice = DevKeys.ACCOUNT_2;
    int payments = 2_000;
    long fee = 10;
    long amount = 1_000_000;
    OutputPosition in = chain.deposit(alice, amount);
    long blkNum = 1000;
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i = 0; i < payments; i++) {
      amount -= fee;
      txs.add(WatcherNodeTest.pay(in, alice, alice, amount));
      in = OutputPosition.of(blkNum, i, 0);
    }
    txs.add(WatcherNodeTest.feeTx(blkNum, DevKeys.ACCOUNT_4, fee * payments));
    assertThat(chain.submit(txs.toArray(SignedTransaction[]::new))).isEqualTo(blkNum);
    List<String> body = txs.stream().map(t -> t.encoded().toHex()).toList();
    Duration requestTimeout = Duration.ofMillis(300);
    JsonRpcOperatorBlocks op =
        honestOperatorOnASlowLink(blkNum, body, requestTimeout, requestTimeout.toNanos() / 300);

    try (WatcherNode w = chain.watcher(chain.config(), op)) {
      for (int poll = 0; poll < 8 && w.status().lastValidatedBlock() < blkNum; poll++) {
        w.pollOnce();
        chain.clock.addAndGet(5_000);
      }

      assertThat(w.byzantineEvents(0)).isEmpty();
      assertThat(w.status().withheldBlocks()).isEmpty();
      assertThat(w.status().lastValidatedBlock()).isEqualTo(blkNum);
      assertThat(w.status().lastValidBlock()).isEqualTo(blkNum);
    }
    assertThat(pagesServed)
        .filteredOn(p -> p[1] == 128)
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p[0]).isLessThan(requestTimeout.toMillis()));
  }

  /**
   * What an operator gains from the grown deadline: it times out the pages of four reads, so the
   * watcher asks for pages of 64 and allows the block 128 times its deadline, then drips one
   * transaction an answer, each within the request timeout. The read still ends at that bound, as a
   * refusal; and pages answered short (one transaction where 64 were asked) never grow it further.
   */
  @Test
  void anOperatorShrinkingPagesByTimeoutsThenDrippingIsRefusedAt128BlockDeadlines()
      throws Exception {
    Duration requestTimeout = Duration.ofMillis(400);
    Duration blockDeadline = Duration.ofMillis(20);
    URI uri = serve(ex -> {
      try (ex) {
        JsonNode request = JSON.readTree(ex.getRequestBody().readAllBytes());
        JsonNode params = request.path("params");
        int limit = params.path(2).asInt();
        Thread.sleep(limit > 64 ? 1_000 : 5); // a timeout until pages are 64, then in time
        int offset = params.path(1).asInt();
        LocalHttp.send(
            ex,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":"
                + LocalHttp.page(
                    request.path("method").asText(), 1000, offset, TX_COUNT, List.of(tx(offset)))
                + "}");
      } catch (IOException | InterruptedException e) {
        // the watcher hung up at its deadline
      }
    });
    JsonRpcOperatorBlocks op =
        new JsonRpcOperatorBlocks(uri, requestTimeout, 64 * 1024, blockDeadline);

    List<FetchException.Kind> failures = new ArrayList<>();
    for (int read = 0; read < 4; read++) {
      try {
        op.block(1000);
      } catch (FetchException e) {
        failures.add(e.kind());
      }
    }
    assertThat(failures).containsOnly(FetchException.Kind.TIMEOUT).hasSize(4);

    long start = System.nanoTime();
    FetchException e =
        org.junit.jupiter.api.Assertions.assertThrows(FetchException.class, () -> op.block(1000));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCK_DEADLINE);
    assertThat(e.getMessage()).contains("not served within 2560 ms");
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(2_560))
        .isLessThan(Duration.ofMillis(2_560).plus(requestTimeout).plusMillis(500));
  }
}
