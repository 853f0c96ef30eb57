package org.plasma4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.types.Address;
import org.plasma4j.guardian.GuardianService;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.watcher.WatcherConfig;
import org.plasma4j.watcher.WatcherNode;

/**
 * The monitoring endpoints of a running devnet's operator, a watcher and a guardian, on a real
 * anvil, after real traffic: every metric the Grafana dashboard queries is in their scrapes, the
 * counts match what happened, and /health and /ready answer.
 */
class MetricsEndpointsIT {

  private static final Pattern METRIC = Pattern.compile("plasma_[a-z0-9_]+");
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static double value(String scrape, String sample) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(sample + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(sample.length() + 1).trim()))
        .findFirst()
        .orElse(-1);
  }

  /** The metric names the dashboard's queries reference, histogram series included. */
  static Set<String> dashboardMetrics() throws Exception {
    Path file = Path.of("..", "docs", "grafana", "plasma4j.json");
    if (!Files.exists(file)) {
      file = Path.of("docs", "grafana", "plasma4j.json");
    }
    JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
    Set<String> names = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        Matcher m = METRIC.matcher(target.get("expr").asText());
        while (m.find()) {
          names.add(m.group());
        }
      }
    }
    return names;
  }

  @Test
  void everyMetricTheDashboardQueriesIsScrapedFromTheNodesAfterTrafficAndTheirCountsAreRight()
      throws Exception {
    Set<String> wanted = dashboardMetrics();
    assertThat(wanted).hasSizeGreaterThan(15);
    try (Devnet devnet = Devnet.start(Devnet.Options.defaults())) {
      WatcherConfig config = WatcherConfig.defaults(
              URI.create(devnet.operatorRpcUrl()), dir.resolve("watcher"))
          .withRpc("127.0.0.1", 0)
          .withFollowing(0, Duration.ofMillis(200), 0);
      try (WatcherNode watcher = WatcherNode.open(
          config,
          new Web3jRootChain(devnet.web3j(), devnet.framework(), Optional.empty()),
          Optional.empty())) {
        watcher.start();
        String watcherMetrics = "http://127.0.0.1:" + watcher.serveEndpoints("127.0.0.1", 0, 10);
        try (GuardianService guardian = GuardianService.open(
            GuardianService.Settings.of(
                    devnet.operatorRpcUrl(),
                    devnet.anvil().rpcUrl(),
                    devnet.framework(),
                    devnet.deployment().deployedAt(),
                    dir.resolve("guardian"))
                .with(s -> {
                  s.watcherUrl = Optional.of(URI.create("http://127.0.0.1:" + watcher.rpcPort()));
                  s.confirmations = 0;
                  s.pollInterval = Duration.ofMillis(500);
                  s.massExitThreshold = 100;
                }),
            List.of(Devnet.credentials(5)),
            line -> {})) {
          guardian.start();
          String guardianMetrics =
              "http://127.0.0.1:" + guardian.serveEndpoints("127.0.0.1", 0, 10);

          PlasmaWallet alice = devnet.wallet(2);
          PlasmaWallet bob = devnet.wallet(3);
          alice.deposit(Address.ETH, Devnet.ETHER);
          long credited = System.currentTimeMillis() + 30_000;
          while (alice.utxos().isEmpty() && System.currentTimeMillis() < credited) {
            Thread.sleep(100);
          }
          alice.awaitInclusion(
              alice.send(bob.address(), Address.ETH, Devnet.ETHER.divide(BigInteger.TEN)),
              Duration.ofSeconds(30));
          HttpResponse<String> refused = http.send(
              HttpRequest.newBuilder(URI.create(devnet.operatorRpcUrl()))
                  .POST(HttpRequest.BodyPublishers.ofString(
                      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"plasma_sendTransaction\","
                          + "\"params\":[\"0xc0\"]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(refused.body()).contains("\"error\"");

          String operator = "";
          String watched = "";
          long deadline = System.currentTimeMillis() + 90_000;
          while (System.currentTimeMillis() < deadline) {
            operator = get(devnet.operatorMetricsUrl() + "/metrics").body();
            watched = get(watcherMetrics + "/metrics").body();
            if (value(operator, "plasma_operator_blocks_submitted_total") >= 1
                && value(watched, "plasma_watcher_blocks_validated_total") >= 1
                && value(watched, "plasma_watcher_child_lag_blocks") == 0) {
              break;
            }
            Thread.sleep(300);
          }
          HttpResponse<String> guarded = get(guardianMetrics + "/metrics");
          assertThat(guarded.statusCode()).isEqualTo(200);
          String all = operator + watched + guarded.body();

          Set<String> missing = new TreeSet<>();
          for (String name : wanted) {
            if (all.lines().noneMatch(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))) {
              missing.add(name);
            }
          }
          assertThat(missing).as("dashboard metrics missing from the scrapes").isEmpty();

          assertThat(value(operator, "plasma_operator_transactions_accepted_total"))
              .isGreaterThanOrEqualTo(1);
          assertThat(operator)
              .containsPattern(
                  "plasma_operator_transactions_rejected_total\\{reason=\"[A-Z_]+\"} 1\\.0");
          assertThat(value(operator, "plasma_operator_deposits_followed_total")).isEqualTo(1);
          assertThat(value(watched, "plasma_watcher_deposits_followed_total")).isEqualTo(1);
          assertThat(value(operator, "plasma_operator_blocks_submitted_total"))
              .isGreaterThanOrEqualTo(1);
          // a submitBlock costs tens of thousands of gas, paid at anvil's price
          assertThat(value(operator, "plasma_operator_l1_gas_used_total")).isGreaterThan(20_000);
          assertThat(value(operator, "plasma_operator_l1_fees_wei_total")).isPositive();
          assertThat(value(operator, "plasma_operator_block_formation_seconds_count"))
              .isGreaterThanOrEqualTo(1);
          assertThat(value(watched, "plasma_watcher_child_lag_blocks")).isZero();
          assertThat(watched)
              .contains("plasma_watcher_byzantine_events_total{type=\"invalid_block\"} 0.0");

          for (String node :
              List.of(devnet.operatorMetricsUrl(), watcherMetrics, guardianMetrics)) {
            HttpResponse<String> health = get(node + "/health");
            assertThat(health.statusCode()).as(node + "/health").isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"up\"");
            HttpResponse<String> ready = get(node + "/ready");
            assertThat(ready.statusCode()).as(node + "/ready: " + ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"ready\":true").contains("\"name\":\"l1\"");
          }
        }
      }
    }
  }
}
