package org.plasma4j.guardian;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.plasma4j.api.BoundedBody;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.WatcherRpcMethod;
import org.plasma4j.core.types.Address;
import org.plasma4j.watcher.WatcherNotReady;
import org.plasma4j.watcher.WatcherQueries;
import org.plasma4j.watcher.WatcherStatus;
import org.plasma4j.watcher.advice.ExitAdvice;
import org.plasma4j.watcher.events.ByzantineEvent;
import org.plasma4j.watcher.store.Json;

/**
 * A remote watcher's JSON-RPC API (watcher_status, watcher_byzantineEvents, watcher_openEvents,
 * watcher_exitAdvice).
 */
public final class WatcherRpcClient implements WatcherQueries {

  /**
   * Anything wrong with the call: unreachable, not JSON-RPC, an error answer, a malformed result.
   */
  public static final class WatcherUnavailable extends RuntimeException {
    WatcherUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The node's own answer cap (32 MiB) and a MiB of envelope, as the wallet's clients read. */
  static final int MAX_ANSWER_BYTES = 33 * 1024 * 1024;

  private final URI endpoint;
  private final Duration timeout;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();

  public WatcherRpcClient(URI endpoint, Duration timeout) {
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public WatcherStatus status() {
    return call(WatcherRpcMethod.STATUS, Json.MAPPER.constructType(WatcherStatus.class));
  }

  @Override
  public List<ByzantineEvent> byzantineEvents(long afterSeq) {
    return call(
        WatcherRpcMethod.BYZANTINE_EVENTS,
        Json.MAPPER.getTypeFactory().constructCollectionType(List.class, ByzantineEvent.class),
        afterSeq);
  }

  @Override
  public List<ByzantineEvent> openEvents() {
    return call(
        WatcherRpcMethod.OPEN_EVENTS,
        Json.MAPPER.getTypeFactory().constructCollectionType(List.class, ByzantineEvent.class));
  }

  @Override
  public ExitAdvice exitAdvice(Address owner) {
    return call(
        WatcherRpcMethod.EXIT_ADVICE, Json.MAPPER.constructType(ExitAdvice.class), owner.toHex());
  }

  private <T> T call(WatcherRpcMethod method, JavaType type, Object... params) {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", ids.incrementAndGet());
    request.put("method", method.wireName());
    request.set("params", Json.MAPPER.valueToTree(params));
    try {
      HttpResponse<byte[]> response = exchange(
          method,
          HttpRequest.newBuilder(endpoint)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8))
              .build());
      JsonNode body = Json.MAPPER.readTree(response.body());
      if (body == null || !body.isObject()) {
        throw new WatcherUnavailable(
            method.wireName() + ": not a JSON-RPC answer (HTTP " + response.statusCode() + ")",
            null);
      }
      if (body.path("error").path("code").asInt() == RpcError.WATCHER_NOT_READY.code()) {
        throw new WatcherNotReady(
            method.wireName() + ": " + body.get("error").path("message").asText());
      }
      if (body.hasNonNull("error")) {
        throw new WatcherUnavailable(method.wireName() + " failed: " + body.get("error"), null);
      }
      return Json.MAPPER.convertValue(body.get("result"), type);
    } catch (IOException | IllegalArgumentException e) {
      throw new WatcherUnavailable(
          "watcher at " + endpoint + ": " + method.wireName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * One exchange, bounded as a whole by the timeout (a trickled answer times out like a missing
   * one) and in size: past {@link #MAX_ANSWER_BYTES} the client stops reading, so a misbehaving
   * watcher can make the guardian hold no more of an answer than that.
   */
  private HttpResponse<byte[]> exchange(WatcherRpcMethod method, HttpRequest request) {
    String at = "watcher at " + endpoint + ": " + method.wireName() + ": ";
    return switch (BoundedBody.exchange(http, request, MAX_ANSWER_BYTES, timeout)) {
      case BoundedBody.Exchange.Answered a -> a.response();
      case BoundedBody.Exchange.TimedOut t ->
        throw new WatcherUnavailable(
            at + "no whole answer within " + timeout.toMillis() + " ms", t.cause());
      case BoundedBody.Exchange.Oversized o ->
        throw new WatcherUnavailable(
            at + "answer larger than " + MAX_ANSWER_BYTES + " bytes", o.cause());
      case BoundedBody.Exchange.Failed f ->
        throw new WatcherUnavailable(at + f.cause().getMessage(), f.cause());
      case BoundedBody.Exchange.Interrupted i ->
        throw new WatcherUnavailable("interrupted", i.cause());
    };
  }
}
