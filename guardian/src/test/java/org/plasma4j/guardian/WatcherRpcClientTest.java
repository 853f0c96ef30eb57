package org.plasma4j.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;

/** The remote watcher's client against a stub server: good answers decode, garbage is one error. */
class WatcherRpcClientTest {

  private static final Address OWNER =
      Address.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
  private HttpServer server;
  private final AtomicReference<String> answer = new AtomicReference<>("");
  private final java.util.concurrent.atomic.AtomicLong written =
      new java.util.concurrent.atomic.AtomicLong();
  private WatcherRpcClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        if (answer.get() == null) {
          // far more than the cap, in 1 MiB chunks, counting what the client let out
          exchange.sendResponseHeaders(200, 0);
          byte[] chunk = new byte[1 << 20];
          java.util.Arrays.fill(chunk, (byte) ' ');
          for (int i = 0; i < 96; i++) {
            exchange.getResponseBody().write(chunk);
            written.addAndGet(chunk.length);
          }
          return;
        }
        byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } catch (IOException e) {
        // the client hung up past its cap
      }
    });
    server.start();
    client = new WatcherRpcClient(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void eventsAndAdviceDecode() {
    answer.set(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[{\"seq\":1,\"type\":\"invalid_block\",\"key\":\"invalid_block:2000\","
            + "\"details\":{\"blkNum\":\"2000\"},\"reportedAtMillis\":5}]}");
    assertThat(new WatcherAdvice(client).events())
        .containsExactly(new ByzantineEvent(
            "invalid_block", "invalid_block:2000", java.util.Map.of("blkNum", "2000"), 5));

    answer.set("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"owner\":\"" + OWNER.toHex()
        + "\",\"firstBadBlock\":2000,"
        + "\"standardExits\":[{\"position\":1000000,\"txBytes\":\"0x01\",\"proof\":\"0x02\",\"blockTimestamp\":1,"
        + "\"token\":\"0x0000000000000000000000000000000000000000\",\"amount\":5}],"
        + "\"inFlightExits\":[{\"ifeId\":7,\"txHash\":\"0x" + "00".repeat(32)
        + "\",\"txBytes\":\"0xc0\",\"canonical\":true,\"inputs\":[],\"outputs\":[0]}]}}");
    WatcherView.Advice advice = new WatcherAdvice(client).advice(OWNER);
    assertThat(advice.firstBadBlock()).isEqualTo(2000);
    // a 1-byte proof and an undecodable transaction are garbage: skipped, not trusted, not fatal
    assertThat(advice.outputs()).isEmpty();
    assertThat(advice.piggybackable()).isEmpty();
  }

  @Test
  void garbageIsOneSpecificError() {
    answer.set("<html>not json-rpc</html>");
    assertThatThrownBy(client::status).isInstanceOf(WatcherRpcClient.WatcherUnavailable.class);
    answer.set(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"bad params\"}}");
    assertThatThrownBy(() -> client.exitAdvice(OWNER))
        .isInstanceOf(WatcherRpcClient.WatcherUnavailable.class)
        .hasMessageContaining("bad params");
    answer.set("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"firstBadBlock\":\"not a number\"}}");
    assertThatThrownBy(() -> client.exitAdvice(OWNER))
        .isInstanceOf(WatcherRpcClient.WatcherUnavailable.class);
  }

  @Test
  void anAnswerOverTheCapIsTheSameErrorAndIsNotReadToItsEnd() {
    answer.set(null);
    assertThatThrownBy(() -> new WatcherRpcClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(20))
            .status())
        .isInstanceOf(WatcherRpcClient.WatcherUnavailable.class)
        .hasMessageEndingWith(
            "watcher_status: answer larger than " + WatcherRpcClient.MAX_ANSWER_BYTES + " bytes");
    assertThat(written.get()).isLessThan(48L << 20);
  }

  @Test
  void anUnreachableWatcherIsTheSameError() {
    server.stop(0);
    assertThatThrownBy(() -> client.byzantineEvents(0))
        .isInstanceOf(WatcherRpcClient.WatcherUnavailable.class);
  }
}
