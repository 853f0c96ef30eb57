package org.plasma4j.devnet.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.ObjIntConsumer;
import org.plasma4j.api.RpcMethod;

/**
 * Reads a formed block's Merkle leaves as the hex strings the operator sends, streaming: the
 * benchmark's tracker shares the cores with the operator it measures, so it asks for the leaves
 * (plasma_getBlockLeaves, 32 bytes a transaction from the operator's cached tree) rather than the
 * signed transactions, and parses them without building a JSON tree.
 */
final class BlockReader {

  private static final JsonFactory JSON = new JsonFactory();

  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  BlockReader(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** Calls {@code each} with (leafHex, txIndex) for every transaction of block {@code blkNum}. */
  void leaves(long blkNum, ObjIntConsumer<String> each) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
        + RpcMethod.GET_BLOCK_LEAVES.wireName()
        + "\",\"params\":[" + blkNum + "]}";
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofMinutes(1))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    try (InputStream in =
            http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
        JsonParser p = JSON.createParser(in)) {
      boolean found = false;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME
            && "error".equals(p.currentName())
            && p.getParsingContext().getParent().inRoot()) {
          p.nextToken();
          throw new IllegalStateException(
              "plasma_getBlockLeaves " + blkNum + " failed: " + p.readValueAsTree());
        }
        if (t == JsonToken.FIELD_NAME && "leaves".equals(p.currentName())) {
          if (p.nextToken() != JsonToken.START_ARRAY) {
            throw new IllegalStateException(
                "plasma_getBlockLeaves " + blkNum + ": leaves is not an array");
          }
          int index = 0;
          while (p.nextToken() == JsonToken.VALUE_STRING) {
            each.accept(p.getText(), index++);
          }
          found = true;
        }
      }
      if (!found) {
        throw new IllegalStateException("plasma_getBlockLeaves " + blkNum + " has no leaves");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("operator did not answer plasma_getBlockLeaves " + blkNum, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
