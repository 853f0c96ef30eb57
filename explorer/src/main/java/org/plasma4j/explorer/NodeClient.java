package org.plasma4j.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.plasma4j.api.SeqPages;
import org.plasma4j.api.WireName;

/**
 * A JSON-RPC 2.0 client of one node (the operator or the watcher), called by the wire names of the
 * api module. A node that does not answer is {@link ApiError.NodeDown} naming it, so every page can
 * say which node is down while the explorer keeps serving the others. An answer is held to
 * {@link #MAX_ANSWER_BYTES} and parsed into at most {@link OperatorRpcReader#MAX_TOKENS} JSON
 * tokens, as the wallet reads the same nodes.
 */
public final class NodeClient {
  /** The operator's and watcher's code for an unknown block, transaction or output. */
  public static final int NOT_FOUND = -32022;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The node's own answer cap (32 MiB) and a MiB of envelope, as the wallet's clients read. */
  static final int MAX_ANSWER_BYTES = 33 * 1024 * 1024;

  private final String name;
  private final URI endpoint;
  private final Duration timeout;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();

  public NodeClient(String name, URI endpoint, Duration timeout) {
    this.name = name;
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public String name() {
    return name;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** The call's result; {@link ApiError.NodeDown} or {@link ApiError.NodeRejected} otherwise. */
  public JsonNode call(WireName method, Object... params) {
    return page(method, params).result();
  }

  /**
   * A list the node serves in pages by seq (the watcher's events), all of it after
   * {@code afterSeq}, by {@link SeqPages}' checks and within {@code within}; pages that do not read
   * as one list, or a list past the bounds, name the node down.
   */
  public List<JsonNode> pages(WireName method, long afterSeq, Duration within) {
    try {
      return SeqPages.readAll(
          (after, limit, by) -> page(method, after, limit),
          afterSeq,
          SeqPages.Bounds.by(System.nanoTime() + within.toNanos()),
          e -> e);
    } catch (SeqPages.Refused e) {
      throw down("listed " + method.wireName() + " badly: " + e.getMessage(), e);
    }
  }

  /** The call's result and the bytes its answer took. */
  private SeqPages.Page page(WireName method, Object... params) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", ids.incrementAndGet());
    request.put("method", method.wireName());
    request.set("params", JSON.valueToTree(params));
    HttpRequest http = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/json")
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8))
        .build();
    HttpResponse<byte[]> response = exchange(http);
    JsonNode body;
    try {
      body = OperatorRpcReader.parse(response.body());
    } catch (OperatorRpcReader.Malformed e) {
      throw down("answered " + e.getMessage(), e);
    } catch (IOException e) {
      throw down("answered HTTP " + response.statusCode() + " without JSON-RPC", e);
    }
    if (body == null || !body.isObject()) {
      throw down("answered HTTP " + response.statusCode() + " without JSON-RPC", null);
    }
    JsonNode error = body.get("error");
    if (error != null && !error.isNull()) {
      int code = error.path("code").asInt();
      String message = error.path("message").asText("");
      if (code == NOT_FOUND) {
        throw new ApiError.NotFound(message);
      }
      throw new ApiError.NodeRejected(
          name, code, name + " refused " + method.wireName() + ": " + message + " (" + code + ")");
    }
    if (!body.has("result")) {
      throw down("answered without a result", null);
    }
    return new SeqPages.Page(body.get("result"), response.body().length);
  }

  /**
   * One exchange, bounded as a whole by the timeout (a trickled answer times out like a missing
   * one) and in size: past {@link #MAX_ANSWER_BYTES} the client stops reading, so a misbehaving
   * node cannot make the explorer hold an answer of any size.
   */
  private HttpResponse<byte[]> exchange(HttpRequest request) {
    return switch (BoundedBody.exchange(http, request, MAX_ANSWER_BYTES, timeout)) {
      case BoundedBody.Exchange.Answered a -> a.response();
      case BoundedBody.Exchange.TimedOut t ->
        throw down("did not answer within " + timeout.toMillis() + " ms", t.cause());
      case BoundedBody.Exchange.Oversized o ->
        throw down("answered more than " + MAX_ANSWER_BYTES + " bytes", o.cause());
      case BoundedBody.Exchange.Failed f ->
        throw down(
            "does not answer at " + endpoint + " (" + f.cause().getClass().getSimpleName() + ")",
            f.cause());
      case BoundedBody.Exchange.Interrupted i -> throw down("interrupted", i.cause());
    };
  }

  private ApiError.NodeDown down(String what, Throwable cause) {
    return new ApiError.NodeDown(name, "the " + name + " is down: it " + what, cause);
  }
}
