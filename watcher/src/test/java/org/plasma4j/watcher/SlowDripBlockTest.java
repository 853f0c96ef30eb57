package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.childchain.FetchException;
import org.plasma4j.watcher.childchain.JsonRpcOperatorBlocks;
import org.plasma4j.watcher.childchain.LocalHttp;
import org.plasma4j.watcher.childchain.OperatorAvailability;

/**
 * An operator that refuses every page of more than one transaction as too large and answers each
 * page of one well within the request deadline, for a block it says holds 1,000: each request is
 * answered in time, so without a deadline for the whole block the watcher would read for 1,000
 * requests (here 40 s, with real timeouts hours) before any verdict. The block's deadline ends the
 * read as a refusal, and the withholding verdict comes by it.
 */
class SlowDripBlockTest {

  private static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  private static final KeyPair BOB = DevKeys.ACCOUNT_3;
  private static final int TX_COUNT = 1_000;
  private static final long PAGE_MILLIS = 40;
  private static final Duration BLOCK_DEADLINE = Duration.ofMillis(400);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestChain chain = new TestChain();
  private final AtomicInteger pagesServed = new AtomicInteger();
  private final AtomicLong formed = new AtomicLong();
  /** Blocks served whole at once (hex of each transaction); every other block is dripped. */
  private final java.util.Map<Long, java.util.List<String>> honest =
      new java.util.concurrent.ConcurrentHashMap<>();

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** The dripping operator over HTTP, read with 2 s a request and the block deadline. */
  private JsonRpcOperatorBlocks drippingOperator() throws IOException {
    server = LocalHttp.serve(ex -> {
      try (ex) {
        JsonNode request = JSON.readTree(ex.getRequestBody().readAllBytes());
        JsonNode params = request.path("params");
        String result;
        switch (request.path("method").asText()) {
          case "plasma_getBlock", "plasma_getBlockBody" -> {
            String method = request.path("method").asText();
            java.util.List<String> whole = honest.get(params.path(0).asLong());
            if (whole != null) {
              result = LocalHttp.page(method, params.path(0).asLong(), 0, whole.size(), whole);
            } else if (params.path(2).asInt() > 1) {
              result = null;
            } else {
              Thread.sleep(PAGE_MILLIS);
              pagesServed.incrementAndGet();
              int offset = params.path(1).asInt();
              result = LocalHttp.page(
                  method, params.path(0).asLong(), offset, TX_COUNT, java.util.List.of("0xc0"));
            }
          }
          case "plasma_getBlockNumber" -> result = Long.toString(formed.get());
          case "plasma_getFeeSchedule" ->
            result = "{\"0x0000000000000000000000000000000000000000\":\"1\"}";
          default -> throw new IllegalStateException(request.toString());
        }
        String body = result == null
            ? "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":"
                + RpcError.RESPONSE_TOO_LARGE.code() + ",\"message\":\"too large\"}}"
            : "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + result + "}";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
      } catch (IOException | InterruptedException e) {
        // the watcher hung up at its deadline
      }
    });
    return new JsonRpcOperatorBlocks(
        LocalHttp.uri(server), Duration.ofSeconds(2), 64 * 1024, BLOCK_DEADLINE);
  }

  @Test
  void aBlockDrippedAPageATransactionIsARefusalAtTheBlocksDeadline() throws Exception {
    JsonRpcOperatorBlocks op = drippingOperator();

    long start = System.nanoTime();
    FetchException e = null;
    try {
      op.block(1000);
    } catch (FetchException thrown) {
      e = thrown;
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCK_DEADLINE);
    assertThat(e.getMessage())
        .matches("block_deadline: block 1000 not served within 400 ms: "
            + "[0-9]+ transactions in [0-9]+ answers");
    assertThat(OperatorAvailability.isRefusal(e)).isTrue();
    assertThat(pagesServed.get()).isBetween(3, 11);
  }

  @Test
  void theWithholdingVerdictComesByTheBlocksDeadlineNotAfterEveryPage() throws Exception {
    OutputPosition a = chain.deposit(ALICE, 100);
    long blk = chain.submit(WatcherNodeTest.pay(a, ALICE, BOB, 90));
    formed.set(blk);
    long start = System.nanoTime();
    try (WatcherNode w = chain.watcher(chain.config(), drippingOperator())) {
      w.pollOnce();
      assertThat(w.byzantineEvents(0)).isEmpty();
      assertThat(w.status().lastValidatedBlock()).isLessThan(blk);
      chain.clock.addAndGet(30_000); // the withholding timeout of the chain's config
      w.pollOnce();

      // the deposit before the withheld block is advised for exit
      TestChain.assertWithheld(w, blk, "refused", ALICE, a.encode());
    }
    // two block reads of 400 ms each, not two of 1,000 pages of 40 ms
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(pagesServed.get()).isLessThan(40);
  }

  /**
   * The dripped block is the one after an honest block, so it is fetched ahead while that one is
   * judged: the fetch ahead runs into the block's deadline, the poll loop waits for it, drops it,
   * and reads the block again up to the deadline before anything is recorded. One round holds two
   * block reads, and the first refusal comes a block deadline later than for a block not fetched
   * ahead.
   */
  @Test
  void aDrippedBlockFetchedAheadIsReadOnceAndNotTwiceBeforeItsRefusalIsRecorded() throws Exception {
    OutputPosition a = chain.deposit(ALICE, 100);
    org.plasma4j.core.tx.SignedTransaction pay = WatcherNodeTest.pay(a, ALICE, BOB, 90);
    long first = chain.submit(pay);
    honest.put(first, java.util.List.of(pay.encoded().toHex()));
    long blk = chain.submit(WatcherNodeTest.pay(OutputPosition.of(first, 0, 0), BOB, ALICE, 80));
    formed.set(blk);
    try (WatcherNode w = chain.watcher(chain.config(), drippingOperator())) {
      long start = System.nanoTime();
      w.pollOnce();
      Duration round = Duration.ofNanos(System.nanoTime() - start);

      assertThat(w.status().lastValidBlock()).isEqualTo(first);
      // the honest block pays the chain's fee of 10 against this operator's advertised 1
      assertThat(WatcherNodeTest.types(w)).containsExactly("fee_policy");
      // one read of 400 ms, about ten pages of 40 ms; two reads are twice that
      assertThat(pagesServed.get()).isLessThanOrEqualTo(11);
      assertThat(round).isLessThan(BLOCK_DEADLINE.multipliedBy(2));
    }
  }
}
