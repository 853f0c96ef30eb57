package org.plasma4j.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The explorer and web wallet: static pages (HTML, CSS and ES modules from the classpath, no build
 * step) and the JSON API of {@link ChainViews} and {@link WalletViews} on one local port.
 */
public final class Explorer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Explorer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEB = "/org/plasma4j/explorer/web";
  private static final int MAX_BODY = 64 * 1024;
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "json", "application/json");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Web3j web3j;
  private final ApiRoutes routes;

  private Explorer(ExplorerConfig config) throws IOException {
    this.web3j = Web3j.build(new HttpService(config.l1().toString()));
    NodeClient operator = new NodeClient("operator", config.operator(), config.nodeTimeout());
    NodeClient watcher = new NodeClient("watcher", config.watcher(), config.nodeTimeout());
    L1View l1 =
        new L1View(web3j, config.framework(), config.startL1Block(), config.confirmations());
    this.routes = new ApiRoutes();
    new ChainViews(operator, watcher, l1).register(routes);
    new WalletViews(operator, watcher, l1).register(routes);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
    server.setExecutor(executor);
    server.createContext("/api/", this::api);
    server.createContext("/", this::file);
    server.start();
  }

  /** Starts serving; the pages are at {@link #url()}. */
  public static Explorer start(ExplorerConfig config) {
    try {
      return new Explorer(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port() + "/";
  }

  private void api(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath().substring("/api/".length());
      int slash = path.indexOf('/');
      String name = slash < 0 ? path : path.substring(0, slash);
      String arg =
          slash < 0 ? "" : URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
      JsonNode body = null;
      if ("POST".equals(ex.getRequestMethod())) {
        byte[] raw = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (raw.length > MAX_BODY) {
          send(ex, 413, error("bad_request", "request body over " + MAX_BODY + " bytes", null));
          return;
        }
        try {
          body = raw.length == 0 ? null : JSON.readTree(raw);
        } catch (IOException e) {
          send(ex, 400, error("bad_request", "the body is not JSON", null));
          return;
        }
      }
      var route = routes.find(name);
      if (route.isEmpty()) {
        send(ex, 404, error("not_found", "no API route '" + name + "'", null));
        return;
      }
      ApiRoutes.Request request =
          new ApiRoutes.Request(ex.getRequestMethod(), arg, query(ex), body);
      try {
        send(ex, 200, ApiRoutes.answer(route.get(), request, ApiRoutes.REORG_ATTEMPTS));
      } catch (ApiError e) {
        String node = e instanceof ApiError.NodeDown d
            ? d.node()
            : e instanceof ApiError.NodeRejected r ? r.node() : null;
        send(ex, e.status(), error(e.kind(), e.getMessage(), node));
      } catch (RuntimeException e) {
        LOG.warn("explorer API {} failed", name, e);
        send(ex, 500, error("internal", String.valueOf(e.getMessage()), null));
      }
    }
  }

  private static ObjectNode error(String kind, String message, String node) {
    ObjectNode e = JSON.createObjectNode();
    e.putObject("error").put("kind", kind).put("message", message).put("node", node);
    return e;
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    String q = ex.getRequestURI().getRawQuery();
    if (q == null) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private void file(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/")) {
        path = "/index.html";
      }
      if (path.contains("..") || !path.matches("/[A-Za-z0-9_./-]+")) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      String ext = path.substring(path.lastIndexOf('.') + 1);
      try (InputStream in = Explorer.class.getResourceAsStream(WEB + path)) {
        if (in == null || !TYPES.containsKey(ext)) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        byte[] bytes = in.readAllBytes();
        ex.getResponseHeaders().set("Content-Type", TYPES.get(ext));
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    web3j.shutdown();
  }
}
