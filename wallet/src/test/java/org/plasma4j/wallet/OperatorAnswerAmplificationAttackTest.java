package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.wallet.WalletException.OperatorUnreachable;

/**
 * An answer under the size cap whose JSON is nearly all structure ({@code [{},{},...]}): every
 * three bytes on the wire would be an object of about a hundred bytes in a parsed tree, so a 33 MiB
 * answer would make a client build a gigabyte before any field is read. The client refuses it as
 * malformed having built little of it, and reads the next honest answer.
 */
class OperatorAnswerAmplificationAttackTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Serves {@code body} as every answer. */
  private URI serving(byte[] body) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A JSON-RPC answer whose result is {@code items} copies of {@code item} in an array. */
  static byte[] answerOf(String item, int items) {
    String head = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[";
    StringBuilder b = new StringBuilder(head.length() + items * (item.length() + 1) + 2);
    b.append(head);
    for (int i = 0; i < items; i++) {
      b.append(i == 0 ? "" : ",").append(item);
    }
    return b.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  @Test
  void anAnswerOfMillionsOfEmptyObjectsIsRefusedBeforeItsTreeIsBuilt() throws IOException {
    // just under the cap: the size check lets it through
    int items = (OperatorClient.DEFAULT_MAX_ANSWER_BYTES - 64) / 3;
    byte[] body = answerOf("{}", items);
    assertThat(body.length).isLessThanOrEqualTo(OperatorClient.DEFAULT_MAX_ANSWER_BYTES);
    OperatorClient client = new OperatorClient(serving(body), Duration.ofSeconds(60));
    Address owner = Address.fromHex("0x" + "aa".repeat(20));

    long before = allocatedByThisThread();
    assertThatThrownBy(() -> client.getUtxos(owner))
        .isInstanceOf(OperatorUnreachable.class)
        .hasMessageStartingWith("malformed operator answer: ");
    long allocated = allocatedByThisThread() - before;
    // the body itself is collected on the client's own threads; what the call builds of it is
    // bounded by a small multiple of the cap, not by the number of values the bytes spell
    assertThat(allocated)
        .as("bytes allocated reading an answer of %s empty objects", items)
        .isLessThan(3L * OperatorClient.DEFAULT_MAX_ANSWER_BYTES);
  }
}
