package org.plasma4j.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.node.supervision.TaskHealth;

class NodeEndpointsTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final Metrics metrics = new Metrics();
  private final AtomicBoolean caughtUp = new AtomicBoolean(true);
  private NodeEndpoints endpoints;

  @AfterEach
  void stop() {
    if (endpoints != null) {
      endpoints.close();
    }
  }

  private void start(List<TaskHealth> tasks) {
    metrics.counter("plasma_test_blocks_formed_total", "blocks").inc(4);
    endpoints = NodeEndpoints.start(
        "test",
        "127.0.0.1",
        0,
        metrics,
        () -> tasks,
        () -> Readiness.evaluate(List.of(
            new Readiness.NamedCheck("store", () -> Check.ok("store", "open")),
            new Readiness.NamedCheck(
                "caughtUp",
                () -> caughtUp.get()
                    ? Check.ok("caughtUp", "0 blocks behind")
                    : Check.failed("caughtUp", "40 blocks behind")),
            new Readiness.NamedCheck("l1", () -> {
              if (!caughtUp.get()) {
                throw new IllegalStateException("connection refused");
              }
              return Check.ok("l1", "head 12");
            }))));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsAnswerInThePrometheusTextFormat() throws Exception {
    start(List.of());
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
    assertThat(r.body()).contains("plasma_test_blocks_formed_total 4.0");
  }

  @Test
  void healthIsUpWithEachTaskAndSaysWhenOneFails() throws Exception {
    start(List.of(
        new TaskHealth("block-producer", 3, 0, 0, 10, 0, ""),
        new TaskHealth("rootchain-poller", 3, 1, 1, 10, 12, "connection refused")));
    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"status\":\"up\"")
        .contains("\"healthy\":false")
        .contains("\"task\":\"rootchain-poller\"")
        .contains("connection refused");
  }

  @Test
  void readyIs200WhileEveryCheckHoldsAnd503WithTheFailingOnesOtherwise() throws Exception {
    start(List.of());
    HttpResponse<String> ready = get("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"ready\":true");

    caughtUp.set(false);
    HttpResponse<String> notReady = get("/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body())
        .contains("\"ready\":false")
        .contains("{\"name\":\"caughtUp\",\"ok\":false,\"detail\":\"40 blocks behind\"}")
        .contains(
            "{\"name\":\"l1\",\"ok\":false,\"detail\":\"IllegalStateException: connection refused\"}")
        .contains("{\"name\":\"store\",\"ok\":true,\"detail\":\"open\"}");
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    start(List.of());
    assertThat(get("/").statusCode()).isEqualTo(404);
    HttpResponse<String> post = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + "/metrics"))
            .POST(HttpRequest.BodyPublishers.ofString("x"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }
}
