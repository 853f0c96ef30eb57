package org.plasma4j.operator.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request body into a response body: JSON-RPC 2.0 framing, batches and error mapping. The
 * methods may return a {@link CompletableFuture}; all calls of a batch are started before any is
 * awaited, so a batch of sends shares one group commit instead of paying one fsync per request.
 */
public final class JsonRpcDispatcher {

  /** The largest JSON-RPC batch, matching the per-call transaction limit of docs/rpc-errors.md. */
  public static final int MAX_BATCH = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcDispatcher.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectMapper mapper;
  private final Map<String, JsonRpcMethod> methods = new HashMap<>();

  public JsonRpcDispatcher(ObjectMapper mapper, List<JsonRpcMethod> methods) {
    this.mapper = mapper;
    methods.forEach(m -> this.methods.put(m.method().wireName(), m));
  }

  public byte[] handle(byte[] body) {
    JsonNode request;
    try {
      request = mapper.readTree(body);
    } catch (java.io.IOException e) {
      return write(error(NullNode.instance, RpcError.PARSE_ERROR, RpcError.PARSE_ERROR.defaultMessage()));
    }
    if (request == null || request.isMissingNode()) {
      return write(error(NullNode.instance, RpcError.PARSE_ERROR, "empty body"));
    }
    if (!request.isArray()) {
      return write(await(start(request)));
    }
    if (request.isEmpty()) {
      return write(error(NullNode.instance, RpcError.INVALID_REQUEST, "empty batch"));
    }
    if (request.size() > MAX_BATCH) {
      return write(
          error(NullNode.instance, RpcError.PAYLOAD_TOO_LARGE, "batch over " + MAX_BATCH + " calls"));
    }
    List<Pending> started = new ArrayList<>(request.size());
    request.forEach(r -> started.add(start(r)));
    var out = NODES.arrayNode(started.size());
    started.forEach(p -> out.add(await(p)));
    return write(out);
  }

  /** A call that has run up to its asynchronous part, if any. */
  private record Pending(JsonNode id, Object result, RpcException failure) {}

  private Pending start(JsonNode call) {
    JsonNode id = call.isObject() && call.has("id") ? call.get("id") : NullNode.instance;
    try {
      if (!call.isObject()
          || !"2.0".equals(call.path("jsonrpc").textValue())
          || !call.path("method").isTextual()
          || !(id.isNull() || id.isTextual() || id.isIntegralNumber())) {
        throw new RpcException(
            RpcError.INVALID_REQUEST, "not a JSON-RPC 2.0 request (jsonrpc, method, id)");
      }
      JsonNode params = call.has("params") ? call.get("params") : NODES.arrayNode();
      if (!params.isArray()) {
        throw Params.invalid("params must be an array");
      }
      String name = call.get("method").textValue();
      JsonRpcMethod method = methods.get(name);
      if (method == null) {
        throw new RpcException(RpcError.METHOD_NOT_FOUND, "no method " + name);
      }
      return new Pending(id, method.execute(Params.of(params)), null);
    } catch (RpcException e) {
      return new Pending(id, null, e);
    } catch (RuntimeException e) {
      LOG.error("method failed", e);
      return new Pending(id, null, new RpcException(RpcError.INTERNAL_ERROR));
    }
  }

  private ObjectNode await(Pending p) {
    if (p.failure() != null) {
      return error(p.id(), p.failure().error(), p.failure().getMessage());
    }
    Object result = p.result();
    try {
      if (result instanceof CompletableFuture<?> f) {
        result = f.get();
      }
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof RpcException r) {
        return error(p.id(), r.error(), r.getMessage());
      }
      LOG.error("method failed", e.getCause());
      return error(p.id(), RpcError.INTERNAL_ERROR, RpcError.INTERNAL_ERROR.defaultMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(p.id(), RpcError.INTERNAL_ERROR, "interrupted");
    }
    ObjectNode out = envelope(p.id());
    out.set("result", mapper.valueToTree(result));
    return out;
  }

  private static ObjectNode envelope(JsonNode id) {
    ObjectNode out = NODES.objectNode();
    out.put("jsonrpc", "2.0");
    out.set("id", id);
    return out;
  }

  public static ObjectNode error(JsonNode id, RpcError error, String message) {
    ObjectNode out = envelope(id);
    out.putObject("error").put("code", error.code()).put("message", message);
    return out;
  }

  private byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }
}
