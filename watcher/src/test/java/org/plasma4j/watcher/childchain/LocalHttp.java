package org.plasma4j.watcher.childchain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.plasma4j.api.PackedTransactions;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.types.Bytes;

/**
 * A scripted operator on a free local port for the watcher's HTTP tests: each exchange on a daemon
 * thread of its own, so an answer a test holds back never blocks the next request or the JVM's
 * exit.
 */
public final class LocalHttp {

  private LocalHttp() {}

  /** Serves {@code handler} at {@code /}, started. */
  public static HttpServer serve(HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", handler);
    server.start();
    return server;
  }

  public static URI uri(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** What an operator without plasma_getBlockBody answers it with. */
  public static final String NO_BLOCK_BODY = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":"
      + RpcError.METHOD_NOT_FOUND.code() + ",\"message\":\"no method plasma_getBlockBody\"}}";

  public static void send(HttpExchange exchange, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, b.length);
    exchange.getResponseBody().write(b);
  }

  /**
   * The result of a page of a block of {@code txCount} from {@code offset}, {@code txs} (0x-hex),
   * in the form {@code method} (plasma_getBlock or plasma_getBlockBody) answers with.
   */
  public static String page(String method, long blkNum, int offset, int txCount, List<String> txs) {
    String head = "{\"blkNum\":" + blkNum + ",\"offset\":" + offset + ",\"txCount\":" + txCount;
    if (method.equals(RpcMethod.GET_BLOCK.wireName())) {
      return head + ",\"transactions\":["
          + txs.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]}";
    }
    if (!method.equals(RpcMethod.GET_BLOCK_BODY.wireName())) {
      throw new IllegalArgumentException(method);
    }
    byte[] body = PackedTransactions.pack(
            txs.stream().map(t -> Bytes.fromHex(t).toArray()).toList())
        .base64();
    return head + ",\"root\":\"0x" + "00".repeat(32) + "\",\"body\":\""
        + new String(body, StandardCharsets.US_ASCII) + "\"}";
  }
}
