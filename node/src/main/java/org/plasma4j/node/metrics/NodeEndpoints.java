package org.plasma4j.node.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.plasma4j.node.supervision.TaskHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's monitoring port, apart from its JSON-RPC server so that scrapes and probes never queue
 * behind payments and a load balancer can reach them without reaching the API:
 *
 * <ul>
 *   <li>{@code GET /metrics}: every metric, Prometheus text format;
 *   <li>{@code GET /health}: liveness, 200 while the process serves, with how each background task
 *       fares ({@code healthy} false while a task's latest run failed);
 *   <li>{@code GET /ready}: readiness, 200 when every check of the node holds (root chain
 *       reachable, caught up, store open, ...) and 503 with the failing checks otherwise.
 * </ul>
 *
 * One thread answers, one request at a time: a monitoring port serves a few scrapers, and bind it
 * to a private interface.
 */
public final class NodeEndpoints implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeEndpoints.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService thread;

  private NodeEndpoints(HttpServer server, ExecutorService thread) {
    this.server = server;
    this.thread = thread;
  }

  /**
   * Binds {@code host:port} (port 0 picks a free one) and serves at once.
   *
   * @param name the node's name in the thread and the log
   */
  public static NodeEndpoints start(
      String name,
      String host,
      int port,
      Metrics metrics,
      Supplier<List<TaskHealth>> tasks,
      Readiness readiness) {
    return start(name, host, port, List.of(metrics), tasks, readiness);
  }

  /** As above, serving several registries on one /metrics (a guardian with its own watcher). */
  public static NodeEndpoints start(
      String name,
      String host,
      int port,
      List<Metrics> metrics,
      Supplier<List<TaskHealth>> tasks,
      Readiness readiness) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind the " + name + " metrics endpoint to " + host + ":" + port, e);
    }
    ExecutorService thread = Executors.newSingleThreadExecutor(
        r -> Thread.ofPlatform().name(name + "-metrics-http").daemon().unstarted(r));
    server.setExecutor(thread);
    server.createContext("/", exchange -> answer(exchange, metrics, tasks, readiness));
    server.start();
    NodeEndpoints endpoints = new NodeEndpoints(server, thread);
    LOG.info(
        "{} serves /metrics, /health and /ready on http://{}:{}", name, host, endpoints.port());
    return endpoints;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(
      HttpExchange exchange,
      List<Metrics> metrics,
      Supplier<List<TaskHealth>> tasks,
      Readiness readiness)
      throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain", "GET only\n".getBytes());
        return;
      }
      switch (path) {
        case "/metrics" -> send(exchange, 200, Metrics.contentType(), scrape(metrics));
        case "/health" -> {
          List<TaskHealth> health = tasks.get();
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("status", "up");
          body.put("healthy", health.stream().allMatch(TaskHealth::healthy));
          body.put("tasks", health);
          send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
        }
        case "/ready" -> {
          List<Check> checks = readiness.checks();
          boolean ready = checks.stream().allMatch(Check::ok);
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("ready", ready);
          body.put("checks", checks);
          send(exchange, ready ? 200 : 503, "application/json", JSON.writeValueAsBytes(body));
        }
        default -> send(exchange, 404, "text/plain", "/metrics, /health or /ready\n".getBytes());
      }
    } catch (RuntimeException e) {
      // a failing gauge or check must not leave the prober waiting for an answer
      LOG.warn("metrics endpoint failed: {}", e.toString());
      send(exchange, 500, "text/plain", (e + "\n").getBytes());
    }
  }

  private static byte[] scrape(List<Metrics> registries) {
    if (registries.size() == 1) {
      return registries.getFirst().scrape();
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    registries.forEach(r -> out.writeBytes(r.scrape()));
    return out.toByteArray();
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    if (exchange.getResponseCode() != -1) {
      exchange.close();
      return; // an answer already started
    }
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    thread.shutdownNow();
  }
}
