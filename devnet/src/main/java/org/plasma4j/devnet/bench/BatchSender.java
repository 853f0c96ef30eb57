package org.plasma4j.devnet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Hex;

/**
 * Posts pre-built plasma_sendTransactionsCompact bodies: the JSON is built before the clock starts
 * so the measured phase spends no client CPU on encoding. Thread-safe.
 */
final class BatchSender {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  BatchSender(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** The JSON-RPC request sending txs[from, to). */
  static String body(List<SignedTransaction> txs, int from, int to, long id) {
    StringBuilder sb = new StringBuilder(64 + (to - from) * 420);
    sb.append("{\"jsonrpc\":\"2.0\",\"id\":")
        .append(id)
        .append(",\"method\":\"")
        .append(RpcMethod.SEND_TRANSACTIONS_COMPACT.wireName())
        .append("\",\"params\":[[");
    for (int i = from; i < to; i++) {
      if (i > from) {
        sb.append(',');
      }
      sb.append('"').append(Hex.encode(txs.get(i).encode())).append('"');
    }
    return sb.append("]]}").toString();
  }

  /** The operator's verdict on one batch: per transaction, null if accepted, else the error. */
  String[] send(String body) {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofMinutes(2))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    JsonNode response;
    try {
      response = JSON.readTree(
          http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
    } catch (IOException e) {
      throw new UncheckedIOException("operator did not answer a batch", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (response.hasNonNull("error")) {
      throw new IllegalStateException("batch rejected as a whole: " + response.get("error"));
    }
    // per transaction its hash if accepted, else the number of the error that refused it
    JsonNode result = response.get("result");
    String[] errors = new String[result.size()];
    for (int i = 0; i < errors.length; i++) {
      JsonNode item = result.get(i);
      if (!item.isTextual()) {
        errors[i] = "error " + item;
      }
    }
    return errors;
  }
}
