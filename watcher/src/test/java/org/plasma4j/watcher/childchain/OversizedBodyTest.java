package org.plasma4j.watcher.childchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.tx.SignedTransaction;

/**
 * What a block body read from the operator may take is bounded by the largest signed transaction
 * (SignedTransaction.MAX_ENCODED_SIZE) per transaction, not by pages of maxResponseBytes each: a
 * hostile operator serving one huge transaction per page is refused at the first one, before the
 * watcher asks for more, and the refusal is a malformed answer (evidence of withholding), not an
 * exception.
 */
class OversizedBodyTest {

  final AtomicInteger asked = new AtomicInteger();

  /**
   * An operator without plasma_getBlockBody serving {@code pages} pages of one transaction
   * {@code tx} (0x-hex) each.
   */
  HttpServer operator(int pages, String tx) throws IOException {
    return LocalHttp.serve(ex -> {
      try (ex) {
        if (new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
            .contains("plasma_getBlockBody")) {
          LocalHttp.send(ex, LocalHttp.NO_BLOCK_BODY);
          return;
        }
        asked.incrementAndGet();
        byte[] b = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,\"txCount\":" + pages
                + ",\"transactions\":[\"" + tx + "\"]}}")
            .getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
      }
    });
  }

  static JsonRpcOperatorBlocks client(HttpServer server) {
    return new JsonRpcOperatorBlocks(LocalHttp.uri(server), Duration.ofSeconds(2), 64 * 1024);
  }

  @Test
  void aTransactionLargerThanAnySignedTransactionIsRefusedWhileReading() throws Exception {
    HttpServer server =
        operator(20, "0x" + "ab".repeat(30_000)); // 30,000 bytes per transaction, one per page
    try {
      assertThatThrownBy(() -> client(server).block(1000))
          .isInstanceOfSatisfying(FetchException.class, e -> {
            assertThat(e.kind()).isEqualTo(FetchException.Kind.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).contains("exceeds " + SignedTransaction.MAX_ENCODED_SIZE);
          });
      assertThat(asked)
          .as("refused at the first page, the rest never asked for")
          .hasValue(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void transactionsOfTheLargestSignedSizeAreReadWhole() throws Exception {
    HttpServer server = operator(3, "0x" + "ab".repeat(SignedTransaction.MAX_ENCODED_SIZE));
    try {
      assertThat(client(server).block(1000))
          .hasSize(3)
          .allSatisfy(tx -> assertThat(tx.toArray()).hasSize(SignedTransaction.MAX_ENCODED_SIZE));
    } finally {
      server.stop(0);
    }
  }
}
