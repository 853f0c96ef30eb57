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
import org.plasma4j.api.OperatorRpcReader;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.SeqPages;
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
 * watcher_exitAdvice). Every answer is held to {@link #MAX_ANSWER_BYTES} and parsed into at most
 * {@link OperatorRpcReader#MAX_TOKENS} tokens; the event lists, which can outgrow one answer, are
 * read in pages.
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

  /** All events after {@code afterSeq}, read in pages of {@link SeqPages#PAGE}. */
  @Override
  public List<ByzantineEvent> byzantineEvents(long afterSeq) {
    return pages(WatcherRpcMethod.BYZANTINE_EVENTS, afterSeq);
  }

  @Override
  public List<ByzantineEvent> byzantineEvents(long afterSeq, int limit) {
    return page(WatcherRpcMethod.BYZANTINE_EVENTS, afterSeq, limit);
  }

  /** Every standing event, read in pages of {@link SeqPages#PAGE}. */
  @Override
  public List<ByzantineEvent> openEvents() {
    return pages(WatcherRpcMethod.OPEN_EVENTS, 0);
  }

  @Override
  public List<ByzantineEvent> openEvents(long afterSeq, int limit) {
    return page(WatcherRpcMethod.OPEN_EVENTS, afterSeq, limit);
  }

  @Override
  public ExitAdvice exitAdvice(Address owner) {
    return call(
        WatcherRpcMethod.EXIT_ADVICE, Json.MAPPER.constructType(ExitAdvice.class), owner.toHex());
  }

  private static final JavaType EVENTS =
      Json.MAPPER.getTypeFactory().constructCollectionType(List.class, ByzantineEvent.class);

  private List<ByzantineEvent> page(WatcherRpcMethod method, long afterSeq, int limit) {
    return call(method, EVENTS, afterSeq, limit);
  }

  /**
   * The whole list in pages, each checked against its cursor ({@link SeqPages}), within
   * {@link #PAGED_READ} as a whole: a watcher cannot make one answer of it, since the guardian
   * parses no answer past {@link OperatorRpcReader#MAX_TOKENS} tokens.
   */
  private List<ByzantineEvent> pages(WatcherRpcMethod method, long afterSeq) {
    long deadline = System.nanoTime() + PAGED_READ.toNanos();
    try {
      return SeqPages.readAll(
          (after, limit, by) -> {
            Answer a = exchangeResult(method, by, after, limit);
            return new SeqPages.Page(a.result(), a.bytes());
          },
          afterSeq,
          SeqPages.Bounds.by(deadline),
          e -> convert(method, e, Json.MAPPER.constructType(ByzantineEvent.class)));
    } catch (SeqPages.Refused e) {
      throw new WatcherUnavailable(
          "watcher at " + endpoint + ": " + method.wireName() + ": " + e.getMessage(), e);
    }
  }

  /** How long reading a whole paged list may take. */
  static final Duration PAGED_READ = Duration.ofMinutes(2);

  private record Answer(JsonNode result, long bytes) {}

  private <T> T call(WatcherRpcMethod method, JavaType type, Object... params) {
    Answer a = exchangeResult(method, System.nanoTime() + timeout.toNanos(), params);
    return convert(method, a.result(), type);
  }

  private <T> T convert(WatcherRpcMethod method, JsonNode result, JavaType type) {
    try {
      return Json.MAPPER.convertValue(result, type);
    } catch (IllegalArgumentException e) {
      throw new WatcherUnavailable(
          "watcher at " + endpoint + ": " + method.wireName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * One call's result, its answer parsed into at most {@link OperatorRpcReader#MAX_TOKENS} tokens:
   * an answer nearly all structure ({@code [{},{},...]}) under the byte cap would otherwise become
   * a tree some forty times its bytes.
   */
  private Answer exchangeResult(WatcherRpcMethod method, long deadlineNanos, Object... params) {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", ids.incrementAndGet());
    request.put("method", method.wireName());
    request.set("params", Json.MAPPER.valueToTree(params));
    Duration left = Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
    Duration within = left.compareTo(timeout) < 0 ? left : timeout;
    String at = "watcher at " + endpoint + ": " + method.wireName() + ": ";
    try {
      HttpResponse<byte[]> response = exchange(
          method,
          within,
          HttpRequest.newBuilder(endpoint)
              .timeout(within)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8))
              .build());
      JsonNode body = OperatorRpcReader.parse(response.body());
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
      return new Answer(body.get("result"), response.body().length);
    } catch (OperatorRpcReader.Malformed e) {
      throw new WatcherUnavailable(at + "answered " + e.getMessage(), e);
    } catch (IOException | IllegalArgumentException e) {
      throw new WatcherUnavailable(at + e.getMessage(), e);
    }
  }

  /**
   * One exchange, bounded as a whole by the timeout (a trickled answer times out like a missing
   * one) and in size: past {@link #MAX_ANSWER_BYTES} the client stops reading, so a misbehaving
   * watcher can make the guardian hold no more of an answer than that.
   */
  private HttpResponse<byte[]> exchange(
      WatcherRpcMethod method, Duration within, HttpRequest request) {
    String at = "watcher at " + endpoint + ": " + method.wireName() + ": ";
    return switch (BoundedBody.exchange(http, request, MAX_ANSWER_BYTES, within)) {
      case BoundedBody.Exchange.Answered a -> a.response();
      case BoundedBody.Exchange.TimedOut t ->
        throw new WatcherUnavailable(
            at + "no whole answer within " + within.toMillis() + " ms", t.cause());
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
