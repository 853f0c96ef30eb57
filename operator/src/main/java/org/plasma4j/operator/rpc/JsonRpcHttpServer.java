package org.plasma4j.operator.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JSON-RPC over HTTP POST on the JDK's built-in server. A bounded pool runs the requests; when it is
 * saturated the accepting thread runs the request itself, which slows intake instead of queueing
 * without limit.
 */
public final class JsonRpcHttpServer implements AutoCloseable {

  /** The largest request body (docs/rpc-errors.md, PAYLOAD_TOO_LARGE). */
  public static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final JsonRpcDispatcher dispatcher;
  private final ObjectMapper mapper;

  public JsonRpcHttpServer(
      String host, int port, int threads, JsonRpcDispatcher dispatcher, ObjectMapper mapper)
      throws IOException {
    this.dispatcher = dispatcher;
    this.mapper = mapper;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(threads * 64),
            r -> {
              Thread t = new Thread(r, "rpc-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    this.server = HttpServer.create(new InetSocketAddress(host, port), 1024);
    server.setExecutor(pool);
    server.createContext("/", this::serve);
  }

  public void start() {
    server.start();
  }

  /** The bound port (useful when configured with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, errorBody(RpcError.INVALID_REQUEST, "JSON-RPC requires HTTP POST"));
        return;
      }
      byte[] body = readLimited(exchange.getRequestBody());
      byte[] response =
          body == null
              ? errorBody(RpcError.PAYLOAD_TOO_LARGE, "body over " + MAX_BODY_BYTES + " bytes")
              : dispatcher.handle(body);
      respond(exchange, 200, response);
    }
  }

  /** Reads the body, or returns null as soon as it exceeds the limit (without buffering the rest). */
  private static byte[] readLimited(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    int total = 0;
    for (int r; (r = in.read(buf)) >= 0; ) {
      total += r;
      if (total > MAX_BODY_BYTES) {
        return null;
      }
      out.write(buf, 0, r);
    }
    return out.toByteArray();
  }

  private byte[] errorBody(RpcError error, String message) throws IOException {
    return mapper.writeValueAsBytes(JsonRpcDispatcher.error(NullNode.instance, error, message));
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdown();
  }
}
