package org.plasma4j.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.OperatorRpcReader;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.wallet.WalletException.OperatorError;
import org.plasma4j.wallet.WalletException.OperatorUnreachable;

/**
 * A JSON-RPC 2.0 client for the operator (docs/protocol.md section 6): one typed method per RPC
 * method. A JSON-RPC error becomes {@link OperatorError} with its code and message; no answer at
 * all becomes {@link OperatorUnreachable}. Numbers are read whether the operator sends JSON
 * numbers, decimal strings or 0x-hex quantities. Thread-safe.
 */
public final class OperatorClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final URI endpoint;
  private final Duration timeout;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();

  public OperatorClient(URI endpoint) {
    this(endpoint, DEFAULT_TIMEOUT);
  }

  public OperatorClient(URI endpoint, Duration timeout) {
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Parses a URL such as {@code http://127.0.0.1:9545}; fails with a clear message if it is not
   * one.
   */
  public static OperatorClient connect(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return new OperatorClient(uri);
    } catch (IllegalArgumentException e) {
      throw new WalletException.InvalidInput("bad operator URL '" + url + "': " + e.getMessage());
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * The chain parameters as the operator states them. Its word only: a wallet signs under the root
   * chain's domain ({@link PinnedDomain}) and only compares these with it.
   */
  public record ChainInfo(
      long chainId,
      Address framework,
      Address operator,
      Address feeBeneficiary,
      long childBlockInterval) {}

  /**
   * A formed child block; {@code timestamp} (the root-chain time of submission) is 0 and
   * {@code l1TxHash} empty until its root was submitted to the root chain.
   */
  public record Block(
      long blkNum,
      Bytes32 root,
      long timestamp,
      List<Bytes> transactions,
      boolean submitted,
      Optional<String> l1TxHash) {}

  /** A transaction's status: included at (blkNum, txIndex) or still pending (blkNum 0). */
  public record TransactionStatus(
      Bytes32 txHash, String status, long blkNum, int txIndex, Optional<Bytes> signedTx) {

    public boolean isIncluded() {
      return blkNum > 0;
    }
  }

  /** What startStandardExit needs for an output. */
  public record ExitData(long position, Bytes txBytes, Bytes proof, long blockTimestamp) {}

  /** A signed spend of an exiting output: what challengeStandardExit needs. */
  public record ChallengeData(long position, Bytes spendingTx, int inputIndex, Bytes signature) {}

  /** One result of a batch submission: a transaction hash, or the error for that transaction. */
  public record SendResult(Optional<Bytes32> txHash, Optional<OperatorError> error) {
    public boolean isAccepted() {
      return txHash.isPresent();
    }
  }

  /** plasma_sendTransaction: returns the hash once the operator has persisted the transaction. */
  public Bytes32 sendTransaction(SignedTransaction tx) {
    return sendTransaction(tx.encode());
  }

  public Bytes32 sendTransaction(byte[] signedTx) {
    var sent = read(
        call(RpcMethod.SEND_TRANSACTION, Hex.encode(signedTx)), OperatorRpc.SentTransaction.class);
    return bytes32(sent.txHash());
  }

  /** plasma_sendTransactions: one result per transaction, in order. */
  public List<SendResult> sendTransactions(List<SignedTransaction> txs) {
    ArrayNode batch = JSON.createArrayNode();
    txs.forEach(tx -> batch.add(Hex.encode(tx.encode())));
    JsonNode result = call(RpcMethod.SEND_TRANSACTIONS, batch);
    if (!result.isArray() || result.size() != txs.size()) {
      // results are matched to transactions by their order: any other count names none reliably
      throw new OperatorUnreachable(
          "malformed operator answer: " + txs.size() + " results expected, not " + result, null);
    }
    List<SendResult> out = new ArrayList<>(result.size());
    for (JsonNode item : result) {
      JsonNode error = item.get("error");
      if (error != null && !error.isNull()) {
        out.add(new SendResult(Optional.empty(), Optional.of(toError(error))));
      } else {
        out.add(new SendResult(Optional.of(bytes32(field(item, "txHash"))), Optional.empty()));
      }
    }
    return out;
  }

  public Block getBlock(long blkNum) {
    JsonNode r = call(RpcMethod.GET_BLOCK, blkNum);
    List<Bytes> txs = new ArrayList<>();
    for (JsonNode tx : field(r, "transactions")) {
      txs.add(bytes(tx));
    }
    JsonNode l1 = r.get("l1TxHash");
    return new Block(
        longValue(field(r, "blkNum")),
        bytes32(field(r, "root")),
        optionalLong(r, "timestamp"),
        List.copyOf(txs),
        r.path("submitted").asBoolean(false),
        l1 == null || l1.isNull() || l1.asText().isEmpty()
            ? Optional.empty()
            : Optional.of(l1.asText()));
  }

  public long getBlockNumber() {
    return longValue(call(RpcMethod.GET_BLOCK_NUMBER));
  }

  public TransactionStatus getTransaction(Bytes32 txHash) {
    JsonNode r = call(RpcMethod.GET_TRANSACTION, txHash.toHex());
    long blkNum = optionalLong(r, "blkNum");
    JsonNode signed = r.get("signedTx");
    String status =
        r.hasNonNull("status") ? r.get("status").asText() : blkNum > 0 ? "included" : "pending";
    return new TransactionStatus(
        r.hasNonNull("txHash") ? bytes32(r.get("txHash")) : txHash,
        status,
        blkNum,
        optionalInt(r, "txIndex"),
        signed == null || signed.isNull() ? Optional.empty() : Optional.of(bytes(signed)));
  }

  public List<Utxo> getUtxos(Address owner) {
    JsonNode r = call(RpcMethod.GET_UTXOS, owner.toHex());
    List<Utxo> out = new ArrayList<>(r.size());
    for (JsonNode u : r) {
      OutputPosition at = outputPosition(u);
      out.add(new Utxo(
          at.encode(),
          at.blkNum(),
          at.txIndex(),
          at.outputIndex(),
          address(field(u, "owner")),
          address(field(u, "token")),
          amount(field(u, "amount"))));
    }
    return List.copyOf(out);
  }

  /**
   * The parts of a listed output come from its position by the layout the contracts read, never
   * from the operator's word beside it: a position that names no output, or parts that disagree
   * with it, is a malformed answer rather than a coin the wallet would later fail to spend.
   */
  private static OutputPosition outputPosition(JsonNode u) {
    long position = longValue(field(u, "position"));
    if (!OutputPosition.isValid(position)) {
      throw new OperatorUnreachable(
          "malformed operator answer: position " + position + " names no output", null);
    }
    OutputPosition at = OutputPosition.decode(position);
    long blkNum = longValue(field(u, "blkNum"));
    long txIndex = longValue(field(u, "txIndex"));
    long outputIndex = longValue(field(u, "outputIndex"));
    if (blkNum != at.blkNum() || txIndex != at.txIndex() || outputIndex != at.outputIndex()) {
      throw new OperatorUnreachable(
          "malformed operator answer: position " + position + " is " + at + ", not block " + blkNum
              + " tx " + txIndex + " output " + outputIndex,
          null);
    }
    return at;
  }

  public ExitData getExitData(long position) {
    var r = read(call(RpcMethod.GET_EXIT_DATA, position), OperatorRpc.ExitData.class);
    return new ExitData(r.position(), bytes(r.txBytes()), bytes(r.proof()), r.blockTimestamp());
  }

  public ChallengeData getChallengeData(long position) {
    var r = read(call(RpcMethod.GET_CHALLENGE_DATA, position), OperatorRpc.ChallengeData.class);
    return new ChallengeData(
        r.position(), bytes(r.spendingTx()), r.inputIndex(), bytes(r.signature()));
  }

  /** The fee per transaction, by the token it is paid in. */
  public Map<Address, BigInteger> getFeeSchedule() {
    JsonNode r = call(RpcMethod.GET_FEE_SCHEDULE);
    Map<Address, BigInteger> fees = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : r.properties()) {
      fees.put(address(e.getKey()), amount(e.getValue()));
    }
    return Map.copyOf(fees);
  }

  public ChainInfo getChainInfo() {
    var r = read(call(RpcMethod.GET_CHAIN_INFO), OperatorRpc.ChainInfo.class);
    return new ChainInfo(
        r.chainId(),
        address(r.framework()),
        address(r.operator()),
        address(r.feeBeneficiary()),
        r.childBlockInterval());
  }

  /**
   * A result whose record's every field the client needs, read by the record's names and with the
   * number forms of {@link #quantity}.
   */
  private static <R extends Record> R read(JsonNode result, Class<R> type) {
    try {
      return OperatorRpcReader.read(result, type);
    } catch (OperatorRpcReader.Malformed e) {
      throw new OperatorUnreachable("malformed operator answer: " + e.getMessage(), e);
    }
  }

  /**
   * An untyped call, for the clients of methods this class has no typed call for (the coin methods,
   * see wallet.cash): the result, or {@link OperatorError} / {@link OperatorUnreachable} as for the
   * typed methods.
   */
  public JsonNode call(RpcMethod method, Object... params) {
    return call(method.wireName(), params);
  }

  private JsonNode call(String method, Object... params) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", ids.incrementAndGet());
    request.put("method", method);
    request.set("params", JSON.valueToTree(params));
    HttpResponse<String> response = post(method, request.toString());
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw notJsonRpc(method, response);
    }
    if (body == null || !body.isObject()) {
      throw notJsonRpc(method, response);
    }
    JsonNode error = body.get("error");
    if (error != null && !error.isNull()) {
      throw toError(error);
    }
    if (!body.has("result")) {
      throw notJsonRpc(method, response);
    }
    return body.get("result");
  }

  private HttpResponse<String> post(String method, String body) {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/json")
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new OperatorUnreachable(
          "operator at " + endpoint + " did not answer " + method + " within "
              + Durations.text(timeout),
          e);
    } catch (IOException e) {
      throw new OperatorUnreachable(
          "operator unreachable at " + endpoint + " (" + describe(e) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorUnreachable("interrupted while calling " + method, e);
    }
  }

  private OperatorUnreachable notJsonRpc(String method, HttpResponse<String> response) {
    return new OperatorUnreachable(
        endpoint
            + " is not a Plasma4j operator: "
            + method
            + " got HTTP "
            + response.statusCode()
            + " without a JSON-RPC answer",
        null);
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused; is the operator running?";
    }
    String message = e.getMessage();
    if (message == null && e.getCause() != null) {
      message = e.getCause().getMessage();
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static OperatorError toError(JsonNode error) {
    return new OperatorError(error.path("code").asInt(0), error.path("message").asText(""));
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new OperatorUnreachable(
          "malformed operator answer: no '" + name + "' in " + node, null);
    }
    return value;
  }

  private static long optionalLong(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? 0 : longValue(value);
  }

  private static int optionalInt(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? 0 : (int) inRange(value, Integer.MAX_VALUE);
  }

  private static long longValue(JsonNode n) {
    return inRange(n, Long.MAX_VALUE);
  }

  /** A non-negative quantity up to {@code max} (a JSON number, a decimal string or 0x-hex). */
  private static long inRange(JsonNode n, long max) {
    try {
      return OperatorRpcReader.inRange(n, 0, max);
    } catch (OperatorRpcReader.Malformed e) {
      throw new OperatorUnreachable("malformed operator answer: " + e.getMessage(), e);
    }
  }

  /** A uint256 amount (a JSON number, a decimal string or 0x-hex). */
  static BigInteger amount(JsonNode n) {
    try {
      return OperatorRpcReader.unsigned(n, 256);
    } catch (OperatorRpcReader.Malformed e) {
      throw new OperatorUnreachable("malformed operator answer: " + e.getMessage(), e);
    }
  }

  private static Bytes bytes(JsonNode n) {
    return bytes(n.asText());
  }

  /** A field's text as hex; a refusal quotes it as the answer held it. */
  private static Bytes bytes(String hex) {
    try {
      return Bytes.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new OperatorUnreachable(
          "malformed operator answer: not hex: " + TextNode.valueOf(hex), e);
    }
  }

  private static Bytes32 bytes32(JsonNode n) {
    return bytes32(n.asText());
  }

  private static Bytes32 bytes32(String hex) {
    return new Bytes32(ofLength(hex, Bytes32.LENGTH).toArray());
  }

  private static Address address(JsonNode n) {
    return address(n.asText());
  }

  private static Address address(String hex) {
    return new Address(ofLength(hex, Address.LENGTH).toArray());
  }

  private static Bytes ofLength(String hex, int length) {
    Bytes b = bytes(hex);
    if (b.length() != length) {
      throw new OperatorUnreachable(
          "malformed operator answer: not " + length + " bytes: " + TextNode.valueOf(hex), null);
    }
    return b;
  }
}
