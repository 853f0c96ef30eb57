package org.plasma4j.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The explorer's API as a registry: {@code GET /api/<name>/<arg>} and {@code POST /api/<name>} go
 * to the route registered under {@code name}. A capability adds its own routes (and its own page,
 * see web/app.js) without touching the others.
 */
public final class ApiRoutes {

  /** One API request: the path after the route's name, the query string's fields, the body. */
  public record Request(String method, String arg, Map<String, String> query, JsonNode body) {
    public String param(String name) {
      String v = query.get(name);
      if (v != null) {
        return v;
      }
      JsonNode n = body == null ? null : body.get(name);
      if (n == null || n.isNull()) {
        throw new ApiError.BadRequest("missing '" + name + "'");
      }
      return n.asText();
    }

    public Optional<String> optional(String name) {
      String v = query.get(name);
      if (v != null) {
        return Optional.of(v);
      }
      JsonNode n = body == null ? null : body.get(name);
      return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }
  }

  /** Answers one request with JSON, or throws an {@link ApiError}. */
  @FunctionalInterface
  public interface Route {
    JsonNode handle(Request request);
  }

  /** How many views a request is answered from before a reorg under each one is the answer. */
  static final int REORG_ATTEMPTS = 3;

  /**
   * {@code route}'s answer to {@code request}. A reorg that replaced the confirmed block a view was
   * being read at fails that attempt whole (nothing of it is kept), and the route is asked again:
   * it takes a new view of the root chain. After {@code attempts} such failures the last one is the
   * answer.
   */
  public static JsonNode answer(Route route, Request request, int attempts) {
    ApiError.L1Reorging last = null;
    for (int i = 0; i < attempts; i++) {
      try {
        return route.handle(request);
      } catch (ApiError.L1Reorging e) {
        last = e;
      }
    }
    throw new ApiError.L1Reorging(
        "the root chain (L1) is reorganising: " + attempts + " views in a row were replaced while"
            + " read; ask again",
        last);
  }

  private final Map<String, Route> routes = new TreeMap<>();

  public ApiRoutes register(String name, Route route) {
    if (routes.putIfAbsent(name, route) != null) {
      throw new IllegalArgumentException("route " + name + " registered twice");
    }
    return this;
  }

  public Optional<Route> find(String name) {
    return Optional.ofNullable(routes.get(name));
  }

  public java.util.Set<String> names() {
    return routes.keySet();
  }
}
