package org.plasma4j.devnet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bench's leaf reader pages through a block as plasma_getBlockLeaves bounds its answers, and
 * refuses answers that would leave transactions unplaced.
 */
class BlockReaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /**
   * Serves a block of {@code txCount} leaves "l0".."l{n-1}", answering each offset by {@code page}.
   */
  private URI serve(IntFunction<String> answerAtOffset) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      JsonNode params = request.get("params");
      int offset = params.size() > 1 ? params.get(1).asInt() : 0;
      byte[] body = answerAtOffset.apply(offset).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private static String page(int txCount, int offset, int size) {
    List<String> leaves = new ArrayList<>();
    for (int i = offset; i < Math.min(txCount, offset + size); i++) {
      leaves.add("\"l" + i + "\"");
    }
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,\"root\":\"0x00\",\"txCount\":"
        + txCount + ",\"offset\":" + offset + ",\"leaves\":[" + String.join(",", leaves)
        + "],\"submitted\":true}}";
  }

  @Test
  void readsEveryLeafOfABlockLargerThanOnePageAtItsIndex() throws IOException {
    URI endpoint = serve(offset -> page(7, offset, 3));
    List<String> seen = new ArrayList<>();
    new BlockReader(endpoint).leaves(1000, (hex, i) -> seen.add(i + ":" + hex));
    assertThat(seen).containsExactly("0:l0", "1:l1", "2:l2", "3:l3", "4:l4", "5:l5", "6:l6");
  }

  @Test
  void anEmptyBlockIsOnePage() throws IOException {
    URI endpoint = serve(offset -> page(0, offset, 3));
    List<String> seen = new ArrayList<>();
    new BlockReader(endpoint).leaves(1000, (hex, i) -> seen.add(hex));
    assertThat(seen).isEmpty();
  }

  @Test
  void anEmptyPageBeforeTheCountIsRefusedNotLooped() throws IOException {
    URI endpoint = serve(offset -> page(offset == 0 ? 5 : 0, offset, offset == 0 ? 2 : 0)
        .replace("\"txCount\":0", "\"txCount\":5"));
    assertThatThrownBy(() -> new BlockReader(endpoint).leaves(1000, (hex, i) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no leaves at 2 of 5");
  }

  @Test
  void anErrorAnswerIsReportedWithItsBody() throws IOException {
    URI endpoint = serve(offset ->
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32004,\"message\":\"no block\"}}");
    assertThatThrownBy(() -> new BlockReader(endpoint).leaves(1000, (hex, i) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no block");
  }
}
