package org.plasma4j.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.plasma4j.core.types.OutputPosition;

/**
 * An in-process JSON-RPC server that answers like the operator with canned results, and records
 * every request, for wallet and CLI tests. Shared with the CLI's tests through the test-jar.
 */
public final class StubOperator implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, Function<JsonNode, Object>> handlers = new ConcurrentHashMap<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  /** Thrown by a handler to answer with a JSON-RPC error. */
  public static final class RpcError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    public RpcError(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  public StubOperator() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      requests.add(request);
      ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
      response.set("id", request.get("id"));
      Function<JsonNode, Object> handler = handlers.get(request.get("method").asText());
      try {
        if (handler == null) {
          throw new RpcError(-32601, "method not found");
        }
        response.set("result", JSON.valueToTree(handler.apply(request.get("params"))));
      } catch (RpcError e) {
        response.putObject("error").put("code", e.code).put("message", e.getMessage());
      }
      byte[] body = response.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers {@code method} with {@code handler(params)}; a JSON-compatible value or a map. */
  public StubOperator on(String method, Function<JsonNode, Object> handler) {
    handlers.put(method, handler);
    return this;
  }

  public StubOperator on(String method, Object result) {
    return on(method, params -> result);
  }

  /** Every request received, in order. */
  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** The params of the last request for {@code method}. */
  public JsonNode lastParams(String method) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      if (requests.get(i).get("method").asText().equals(method)) {
        return requests.get(i).get("params");
      }
    }
    throw new AssertionError("no " + method + " request");
  }

  /**
   * Answers like a root-chain node holding a framework: {@code eth_chainId} with {@code chainId},
   * code at every address, and every {@code eth_call} (the framework's domainSeparator()) with
   * {@code separator}.
   */
  public StubOperator asRootChain(long chainId, org.plasma4j.core.types.Bytes32 separator) {
    return on("eth_chainId", "0x" + Long.toHexString(chainId))
        .on("eth_getCode", "0x6080")
        .on("eth_call", separator.toHex());
  }

  /** An eth_getBlockByNumber answer: a root-chain block 16 with a base fee of 1 wei. */
  public static Map<String, Object> latestBlock() {
    return Map.of(
        "number", "0x10",
        "timestamp", "0x10",
        "baseFeePerGas", "0x1",
        "hash", "0x" + "cd".repeat(32),
        "transactions", List.of());
  }

  /** A chain-info answer for chain 31337 and the given framework. */
  public static Map<String, Object> chainInfo(String framework) {
    return Map.of(
        "chainId",
        31337,
        "framework",
        framework,
        "operator",
        "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
        "feeBeneficiary",
        "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
        "childBlockInterval",
        1000);
  }

  /** A plasma_getUtxos entry. */
  public static Map<String, Object> utxo(long position, String owner, String token, String amount) {
    return Map.of(
        "position", position,
        "blkNum", OutputPosition.decode(position).blkNum(),
        "txIndex", OutputPosition.decode(position).txIndex(),
        "outputIndex", OutputPosition.decode(position).outputIndex(),
        "owner", owner,
        "token", token,
        "amount", amount);
  }

  /**
   * A whole plasma_getBlock answer as the operator writes it; {@code timestamp} null for a block
   * not yet submitted.
   */
  public static Map<String, Object> block(
      long blkNum, String root, Long timestamp, List<String> transactions) {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("blkNum", blkNum);
    m.put("root", root);
    m.put("txCount", transactions.size());
    m.put("offset", 0);
    m.put("transactions", transactions);
    m.put("submitted", timestamp != null);
    if (timestamp != null) {
      m.put("timestamp", timestamp);
    }
    return m;
  }

  /** A plasma_getTransaction answer of a transaction in block {@code blkNum} at {@code txIndex}. */
  public static Map<String, Object> formed(String txHash, long blkNum, int txIndex) {
    return Map.of("txHash", txHash, "status", "formed", "blkNum", blkNum, "txIndex", txIndex);
  }

  /** A plasma_getTransaction answer of an acknowledged transaction not in a block yet. */
  public static Map<String, Object> pending(String txHash) {
    return Map.of("txHash", txHash, "status", "pending");
  }

  /**
   * The plasma_sendTransaction answer of an operator that accepts every transaction: the hash of
   * the one sent.
   */
  public static Map<String, Object> acknowledge(JsonNode params) {
    return Map.of("txHash", hashOf(params.get(0)));
  }

  /** The plasma_sendTransactions answer that accepts every transaction of the batch. */
  public static List<Map<String, Object>> acknowledgeAll(JsonNode params) {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    params.get(0).forEach(tx -> out.add(Map.of("txHash", hashOf(tx))));
    return out;
  }

  private static String hashOf(JsonNode signedTxHex) {
    return org.plasma4j.core.tx.TransactionDecoder.decodeSigned(
            org.plasma4j.core.types.Bytes.fromHex(signedTxHex.asText()).toArray())
        .orElseThrow()
        .txHash()
        .toHex();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
