package org.plasma4j.watcher.childchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.tx.SignedTransaction;

/**
 * What a block body read from the operator may take is bounded by the largest signed transaction
 * (SignedTransaction.MAX_ENCODED_SIZE) per transaction, not by pages of maxResponseBytes each: a hostile
 * operator serving one huge transaction per page is refused at the first one, before the watcher asks
 * for more, and the refusal is a malformed answer (evidence of withholding), not an exception.
 */
class OversizedBodyTest {

  @Test
  void aTransactionLargerThanAnySignedTransactionIsRefusedWhileReading() throws Exception {
    int pages = 20;
    String huge = "0x" + "ab".repeat(30_000); // 30,000 bytes per transaction, one per page
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    }));
    AtomicInteger asked = new AtomicInteger();
    server.createContext("/", ex -> {
      try (ex) {
        asked.incrementAndGet();
        ex.getRequestBody().readAllBytes();
        byte[] b = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,\"txCount\":" + pages
            + ",\"transactions\":[\"" + huge + "\"]}}").getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
      }
    });
    server.start();
    try {
      var op = new JsonRpcOperatorBlocks(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
          Duration.ofSeconds(2), 64 * 1024);
      assertThatThrownBy(() -> op.block(1000)).isInstanceOfSatisfying(FetchException.class, e -> {
        assertThat(e.kind()).isEqualTo(FetchException.Kind.MALFORMED_RESPONSE);
        assertThat(e.getMessage()).contains("exceeds " + SignedTransaction.MAX_ENCODED_SIZE);
      });
      assertThat(asked).as("refused at the first page, the rest never asked for").hasValue(1);
    } finally {
      server.stop(0);
    }
  }
}
