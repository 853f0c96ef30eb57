package org.plasma4j.node.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.plasma4j.api.RpcError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request body into a response body: JSON-RPC 2.0 framing, batches and error mapping. The
 * methods may return a {@link CompletableFuture}; all calls of a batch are started before any is
 * awaited, so a batch of sends shares one group commit instead of paying one fsync per request.
 *
 * <p>An answer is bounded: each read call's result is serialized as soon as it is computed and
 * counted against the response's byte cap and the server's {@link ByteBudget}. Once a batch's
 * answer is full, the calls after it are not run and answer RESPONSE_TOO_LARGE, so a batch of
 * thousands of large reads costs at most one cap of memory. Results of calls that were run
 * asynchronously (sends) are always delivered: an acknowledged transaction is never reported as
 * refused.
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

  /** How many bytes an answer may take, and where they are reserved. */
  public record ResponseBound(int maxBytes, ByteBudget.Share share) {
    static ResponseBound unbounded() {
      return new ResponseBound(Integer.MAX_VALUE, new ByteBudget(Long.MAX_VALUE).share());
    }
  }

  /** Handles a body with no byte cap (tests and tools that call the dispatcher directly). */
  public byte[] handle(byte[] body) {
    return handle(body, ResponseBound.unbounded());
  }

  public byte[] handle(byte[] body, ResponseBound bound) {
    JsonNode request;
    try {
      request = mapper.readTree(body);
    } catch (java.io.IOException e) {
      return errorBytes(
          NullNode.instance, RpcError.PARSE_ERROR, RpcError.PARSE_ERROR.defaultMessage());
    }
    if (request == null || request.isMissingNode()) {
      return errorBytes(NullNode.instance, RpcError.PARSE_ERROR, "empty body");
    }
    Answer answer = new Answer(bound);
    if (!request.isArray()) {
      return answer.single(start(request, answer));
    }
    if (request.isEmpty()) {
      return errorBytes(NullNode.instance, RpcError.INVALID_REQUEST, "empty batch");
    }
    if (request.size() > MAX_BATCH) {
      return errorBytes(
          NullNode.instance, RpcError.PAYLOAD_TOO_LARGE, "batch over " + MAX_BATCH + " calls");
    }
    List<Part> parts = new ArrayList<>(request.size());
    for (JsonNode call : request) {
      parts.add(start(call, answer));
    }
    return answer.batch(parts);
  }

  /** One call's answer: already serialized, or a send still running. */
  private sealed interface Part {}

  private record Done(byte[] json) implements Part {}

  private record Running(JsonNode id, CompletableFuture<?> future) implements Part {}

  /** Counts the bytes of an answer in the making against its bound. */
  private final class Answer {
    private final ResponseBound bound;
    private long bytes;
    private boolean full;

    Answer(ResponseBound bound) {
      this.bound = bound;
    }

    /** The serialized element, or RESPONSE_TOO_LARGE / SERVER_BUSY in its place. */
    byte[] admit(JsonNode id, byte[] json) {
      if (full) {
        return tooLarge(id);
      }
      if (bytes + json.length > bound.maxBytes()) {
        full = true;
        return tooLarge(id);
      }
      if (!bound.share().tryReserve(json.length)) {
        full = true;
        return errorBytes(
            id, RpcError.SERVER_BUSY, "the server holds too many answers in memory; retry later");
      }
      bytes += json.length;
      return json;
    }

    private byte[] tooLarge(JsonNode id) {
      return errorBytes(
          id,
          RpcError.RESPONSE_TOO_LARGE,
          "the answer would exceed " + bound.maxBytes()
              + " bytes; ask for less (page the call or split the batch)");
    }

    byte[] single(Part part) {
      return part instanceof Done d ? d.json() : await((Running) part);
    }

    byte[] batch(List<Part> parts) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write('[');
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.writeBytes(single(parts.get(i)));
      }
      out.write(']');
      return out.toByteArray();
    }
  }

  private Part start(JsonNode call, Answer answer) {
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
      if (answer.full) { // the answer is already as large as it may be: run nothing more
        return new Done(answer.tooLarge(id));
      }
      Object result = method.execute(Params.of(params));
      if (result instanceof CompletableFuture<?> f) {
        return new Running(id, f);
      }
      return new Done(answer.admit(id, resultBytes(id, result)));
    } catch (RpcException e) {
      return new Done(errorBytes(id, e.error(), e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("method failed", e);
      return new Done(
          errorBytes(id, RpcError.INTERNAL_ERROR, RpcError.INTERNAL_ERROR.defaultMessage()));
    }
  }

  /** Waits for a running call; its result is delivered whatever its size (it was acted upon). */
  private byte[] await(Running p) {
    try {
      return resultBytes(p.id(), p.future().get());
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof RpcException r) {
        return errorBytes(p.id(), r.error(), r.getMessage());
      }
      LOG.error("method failed", e.getCause());
      return errorBytes(p.id(), RpcError.INTERNAL_ERROR, RpcError.INTERNAL_ERROR.defaultMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return errorBytes(p.id(), RpcError.INTERNAL_ERROR, "interrupted");
    }
  }

  private byte[] resultBytes(JsonNode id, Object result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jsonrpc", "2.0");
    out.put("id", id);
    out.put("result", result == null ? NullNode.instance : result);
    try {
      return mapper.writeValueAsBytes(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a result", e);
    }
  }

  private byte[] errorBytes(JsonNode id, RpcError error, String message) {
    return write(error(id, error, message));
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
