package org.plasma4j.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw JSON-RPC over HTTP to a node under test, so tests see exactly what a client would. */
public final class RpcHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final NodeHarness harness;

  public RpcHttp(NodeHarness harness) {
    this.harness = harness;
  }

  /** Posts {@code body} as is and parses the answer. */
  public JsonNode post(String body) throws Exception {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.node.rpcPort() + "/"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  /** One request object with id 7. */
  public static String call(String method, String paramsJson) {
    return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + paramsJson
        + "}";
  }
}
