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
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;
import org.plasma4j.api.RpcMethod;

/**
 * Reads a formed block's Merkle leaves as the hex strings the operator sends, streaming: the
 * benchmark's tracker shares the cores with the operator it measures, so it asks for the leaves
 * (plasma_getBlockLeaves, 32 bytes a transaction, a page at a time) rather than the signed
 * transactions, and parses them without building a JSON tree.
 */
final class BlockReader {

  // the mapper's factory, so that an error answer can be read as a tree for its message
  private static final JsonFactory JSON =
      new com.fasterxml.jackson.databind.ObjectMapper().getFactory();

  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  BlockReader(URI endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Calls {@code each} with (leafHex, txIndex) for every transaction of block {@code blkNum}, page
   * by page until the block's {@code txCount}.
   */
  void leaves(long blkNum, ObjIntConsumer<String> each) {
    int offset = 0;
    while (true) {
      Page page = page(blkNum, offset);
      for (int i = 0; i < page.leaves().size(); i++) {
        each.accept(page.leaves().get(i), offset + i);
      }
      offset += page.leaves().size();
      if (offset >= page.txCount()) {
        return;
      }
      if (page.leaves().isEmpty()) {
        throw new IllegalStateException("plasma_getBlockLeaves " + blkNum
            + " answered no leaves at " + offset + " of " + page.txCount());
      }
    }
  }

  private record Page(int txCount, List<String> leaves) {}

  private Page page(long blkNum, int offset) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
        + RpcMethod.GET_BLOCK_LEAVES.wireName()
        + "\",\"params\":[" + blkNum + "," + offset + "]}";
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofMinutes(1))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    try (InputStream in =
            http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
        JsonParser p = JSON.createParser(in)) {
      List<String> leaves = null;
      int txCount = -1;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME) {
          continue;
        }
        String name = p.currentName();
        if ("error".equals(name) && p.getParsingContext().getParent().inRoot()) {
          p.nextToken();
          throw new IllegalStateException(
              "plasma_getBlockLeaves " + blkNum + " failed: " + p.readValueAsTree());
        }
        if ("txCount".equals(name)) {
          p.nextToken();
          txCount = p.getIntValue();
        } else if ("leaves".equals(name)) {
          if (p.nextToken() != JsonToken.START_ARRAY) {
            throw new IllegalStateException(
                "plasma_getBlockLeaves " + blkNum + ": leaves is not an array");
          }
          leaves = new ArrayList<>();
          while (p.nextToken() == JsonToken.VALUE_STRING) {
            leaves.add(p.getText());
          }
        }
      }
      if (leaves == null || txCount < 0) {
        throw new IllegalStateException(
            "plasma_getBlockLeaves " + blkNum + " has no leaves or no txCount");
      }
      return new Page(txCount, leaves);
    } catch (IOException e) {
      throw new UncheckedIOException("operator did not answer plasma_getBlockLeaves " + blkNum, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
