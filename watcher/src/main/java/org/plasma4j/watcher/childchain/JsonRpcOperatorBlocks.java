package org.plasma4j.watcher.childchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.plasma4j.api.OperatorRpcReader;
import org.plasma4j.api.PackedTransactions;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Hex;
import org.plasma4j.watcher.childchain.FetchException.Kind;

/**
 * {@link OperatorBlocks} over the operator's JSON-RPC (plasma_getBlockBody, or plasma_getBlock from
 * an operator without it, and plasma_getFeeSchedule) with a {@link BoundedHttpClient}. Parsing is
 * strict: anything but the documented shape is MALFORMED_RESPONSE, never an exception that could
 * stop the watcher.
 */
public final class JsonRpcOperatorBlocks implements OperatorBlocks {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How many requests' deadlines a whole block read at {@link #FIRST_PAGE} may take: the largest
   * block is 8 such pages. At the smaller pages a slow link calls for (after timeouts) the block
   * needs proportionally more requests, each within a request deadline, and gets proportionally
   * more time (at most 128 times this, at {@link #MIN_PAGE}).
   */
  static final int BLOCK_DEADLINE_REQUESTS = 16;

  private final URI endpoint;
  private final BoundedHttpClient http;
  private final Duration requestDeadline;
  private final Duration blockDeadline;
  private final AtomicLong ids = new AtomicLong();

  /**
   * Each request within {@code deadline}, a whole block within {@value #BLOCK_DEADLINE_REQUESTS} of
   * them at full pages.
   */
  public JsonRpcOperatorBlocks(URI endpoint, Duration deadline, int maxResponseBytes) {
    this(endpoint, deadline, maxResponseBytes, deadline.multipliedBy(BLOCK_DEADLINE_REQUESTS));
  }

  /**
   * {@code blockDeadline} bounds the read of one block as a whole: each page within
   * {@code deadline} is not enough, since an operator answering a page a transaction, each just in
   * time, would hold the watcher for a request a transaction with no refusal counted.
   */
  public JsonRpcOperatorBlocks(
      URI endpoint, Duration deadline, int maxResponseBytes, Duration blockDeadline) {
    this.endpoint = endpoint;
    this.http = new BoundedHttpClient(deadline, maxResponseBytes);
    this.requestDeadline = deadline;
    this.blockDeadline = blockDeadline;
  }

  /**
   * Transactions asked for per plasma_getBlock page at most; halved while the operator says a page
   * is too large.
   */
  static final int FIRST_PAGE = 8_192;
  /**
   * The smallest page after timeouts: a few dozen KiB, which any working link delivers within the
   * deadline.
   */
  static final int MIN_PAGE = 64;

  /**
   * The page size to start the next read with: a page that timed out shrinks it (a slow link then
   * gets pages it can deliver, so only an operator that will not serve the block keeps timing out),
   * a page that arrived grows it back.
   */
  private volatile int pageSize = FIRST_PAGE;

  /**
   * The page size the watcher's own link called for: shrunk by timeouts only, grown back by each
   * block read whole, never lowered by an operator's RESPONSE_TOO_LARGE. A block's deadline is
   * {@code blockDeadline} at {@link #FIRST_PAGE} and proportionally longer at smaller pages: an
   * honest slow link whose pages each arrive within a request timeout needs that many more requests
   * for the same block, while an operator that drips short pages earns nothing by it.
   */
  private volatile int linkPage = FIRST_PAGE;

  /**
   * The most bytes of transactions one block body may hold: a full tree of the largest signed
   * transactions. What the watcher keeps in memory for one block is bounded by it, not by the
   * number of pages times the response cap.
   */
  static final long MAX_BODY_BYTES =
      (long) MerkleTree.CAPACITY * SignedTransaction.MAX_ENCODED_SIZE;

  /**
   * Whether blocks are asked for with plasma_getBlockBody: the compact form, until the operator
   * says it has no such method (an older operator), after which this client reads plasma_getBlock's
   * hex pages. Both forms are read under the same checks.
   */
  private volatile boolean packed = true;

  /**
   * The block in pages ([blkNum, offset, limit]) until its {@code txCount} transactions are read,
   * so a full block never needs one answer larger than the operator's response cap. A transaction
   * longer than any signed transaction may be, or a body past {@link #MAX_BODY_BYTES}, is a
   * malformed answer: no valid block holds one, and it is refused before the rest is read.
   */
  @Override
  public List<Bytes> block(long blkNum) throws FetchException {
    List<Bytes> out = new ArrayList<>();
    long bodyBytes = 0;
    int page = pageSize;
    Duration budget =
        blockDeadline.multipliedBy(FIRST_PAGE / Math.max(MIN_PAGE, Math.min(FIRST_PAGE, linkPage)));
    long deadline = System.nanoTime() + budget.toNanos();
    int answered = 0;
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw overrun(blkNum, budget, out.size(), answered);
      }
      RpcMethod method = packed ? RpcMethod.GET_BLOCK_BODY : RpcMethod.GET_BLOCK;
      Page read;
      try {
        read = method == RpcMethod.GET_BLOCK_BODY
            ? packedPage(Duration.ofNanos(left), blkNum, out.size(), page, bodyBytes)
            : hexPage(Duration.ofNanos(left), blkNum, out.size(), page, bodyBytes);
      } catch (FetchException e) {
        if (e.kind() == Kind.RPC_ERROR) {
          answered++;
        }
        if (method == RpcMethod.GET_BLOCK_BODY && e.rpcCode() == RpcError.METHOD_NOT_FOUND.code()) {
          packed = false;
          continue;
        }
        if (e.rpcCode() == RpcError.RESPONSE_TOO_LARGE.code() && page > 1) {
          page /= 2;
          continue;
        }
        if (e.kind() == Kind.TIMEOUT && answered > 0 && left < requestDeadline.toNanos()) {
          // cut short by the block's deadline after the operator had answered this read
          throw overrun(blkNum, budget, out.size(), answered);
        }
        if (e.kind() == Kind.TIMEOUT) {
          pageSize = Math.max(MIN_PAGE, page / 4);
          linkPage = Math.min(linkPage, pageSize);
        }
        throw e;
      }
      answered++;
      pageSize = Math.min(FIRST_PAGE, page * 2);
      boolean fromStart = out.isEmpty();
      for (byte[] tx : read.txs()) {
        bodyBytes += tx.length;
        out.add(Bytes.wrap(tx));
      }
      JsonNode count = read.result().get("txCount");
      if (count == null && method == RpcMethod.GET_BLOCK && fromStart) {
        // an operator that does not page sends the whole block at once, so only to the first ask:
        // an answer without a count after pages were read would end the block where it stopped
        return read(out);
      }
      // an integer only: a fraction's canConvertToInt is true and asInt drops what follows the
      // point
      if (count == null
          || !count.isIntegralNumber()
          || !count.canConvertToInt()
          || count.asInt() < out.size()
          || count.asInt() > MerkleTree.CAPACITY) {
        throw malformed(
            method.wireName() + " txCount " + count + " does not fit the transactions sent");
      }
      if (out.size() == count.asInt()) {
        return read(out);
      }
      if (read.txs().isEmpty()) {
        throw malformed(method.wireName() + " sent an empty page before txCount " + count.asInt());
      }
    }
  }

  /** One page's answer: its transactions, and the result they came in for its other fields. */
  private record Page(JsonNode result, List<byte[]> txs) {}

  /**
   * A plasma_getBlock page from {@code offset}: a hex string per transaction, each refused unread
   * if longer than any signed transaction, the page refused once the block's transactions would
   * pass {@link #MAX_BODY_BYTES} ({@code bodyBytes} read before it).
   */
  private Page hexPage(Duration within, long blkNum, int offset, int limit, long bodyBytes)
      throws FetchException {
    JsonNode result = call(within, RpcMethod.GET_BLOCK, blkNum, offset, limit);
    requireAsked(RpcMethod.GET_BLOCK, result, blkNum, offset);
    JsonNode txs = result.get("transactions");
    if (txs == null || !txs.isArray() || offset + txs.size() > MerkleTree.CAPACITY) {
      throw malformed(
          "plasma_getBlock result has no transactions array of at most " + MerkleTree.CAPACITY);
    }
    List<byte[]> read = new ArrayList<>(txs.size());
    for (JsonNode tx : txs) {
      byte[] bytes = transaction(tx);
      bodyBytes += bytes.length;
      if (bodyBytes > MAX_BODY_BYTES) {
        throw malformed("plasma_getBlock body exceeds " + MAX_BODY_BYTES + " bytes");
      }
      read.add(bytes);
    }
    return new Page(result, read);
  }

  /**
   * A plasma_getBlockBody page from {@code offset}, its base64 body decoded from the answer's own
   * bytes (never a String of it) under the same bounds as {@link #hexPage}: no transaction past the
   * tree's capacity or longer than any signed transaction, nothing past {@link #MAX_BODY_BYTES},
   * each refused before it is copied.
   */
  private Page packedPage(Duration within, long blkNum, int offset, int limit, long bodyBytes)
      throws FetchException {
    RpcMethod method = RpcMethod.GET_BLOCK_BODY;
    byte[] answer = post(within, method, blkNum, offset, limit);
    OperatorRpcReader.Spliced spliced;
    try {
      spliced = OperatorRpcReader.parseLeaving(answer, "body");
    } catch (OperatorRpcReader.Malformed e) {
      throw malformed(method.wireName() + " answer is " + e.getMessage());
    } catch (IOException e) {
      throw malformed(method.wireName() + " answer is not JSON");
    }
    JsonNode result = result(method, spliced.response());
    requireAsked(method, result, blkNum, offset);
    if (spliced.from() < 0 || !result.isObject()) {
      throw malformed(method.wireName() + " result has no body string");
    }
    try {
      return new Page(
          result,
          PackedTransactions.unpack(
              answer,
              spliced.from(),
              spliced.to(),
              MerkleTree.CAPACITY - offset,
              SignedTransaction.MAX_ENCODED_SIZE,
              MAX_BODY_BYTES - bodyBytes));
    } catch (OperatorRpcReader.Malformed e) {
      throw malformed(method.wireName() + " " + e.getMessage());
    }
  }

  /** A block read whole: the link delivered it, so the next read may ask for larger pages. */
  private List<Bytes> read(List<Bytes> body) {
    linkPage = Math.min(FIRST_PAGE, linkPage * 2);
    return body;
  }

  private static FetchException overrun(long blkNum, Duration budget, int read, int answered) {
    return new FetchException(
        Kind.BLOCK_DEADLINE,
        "block " + blkNum + " not served within "
            + budget.toMillis() + " ms: " + read + " transactions in " + answered
            + " answers");
  }

  /**
   * A page of the block and from the index asked for: an answer naming another block, or another
   * offset, would put another block's transactions, or these at other indexes, in this one.
   */
  private static void requireAsked(RpcMethod method, JsonNode page, long blkNum, int offset)
      throws FetchException {
    JsonNode number = page.get("blkNum");
    if (number == null
        || !number.isIntegralNumber()
        || !number.canConvertToLong()
        || number.asLong() != blkNum) {
      throw malformed(method.wireName() + " answered block " + number + ", not " + blkNum);
    }
    JsonNode from = page.get("offset"); // an operator that does not page sends none
    if (from != null
        && (!from.isIntegralNumber() || !from.canConvertToInt() || from.asInt() != offset)) {
      throw malformed(
          method.wireName() + " answered the page from " + from + ", not from " + offset);
    }
  }

  /**
   * The most fee tokens read from a schedule. The watcher only compares fees with it (it decides no
   * validity), so any number a fee transaction could pay in, and many more, is accepted; past this
   * the answer is refused.
   */
  static final int MAX_FEE_TOKENS = 256;

  @Override
  public FeeSchedule feeSchedule() throws FetchException {
    JsonNode result = call(RpcMethod.GET_FEE_SCHEDULE);
    if (!result.isObject() || result.isEmpty()) {
      throw malformed("plasma_getFeeSchedule result is not a {token: amount} object");
    }
    if (result.size() > MAX_FEE_TOKENS) {
      throw malformed("plasma_getFeeSchedule lists " + result.size() + " tokens; at most "
          + MAX_FEE_TOKENS + " are read");
    }
    Map<Address, BigInteger> fees = new HashMap<>();
    var fields = result.properties().iterator();
    while (fields.hasNext()) {
      var f = fields.next();
      try {
        // the clients' one spelling of an amount: a sign or another script's digits is no fee
        fees.put(Address.fromHex(f.getKey()), OperatorRpcReader.unsigned(f.getValue(), 256));
      } catch (RuntimeException e) {
        throw malformed("bad fee entry " + f.getKey());
      }
    }
    try {
      return new FeeSchedule(fees);
    } catch (RuntimeException e) {
      throw malformed("fee schedule out of range: " + e.getMessage());
    }
  }

  @Override
  public long blockNumber() throws FetchException {
    JsonNode result = call(RpcMethod.GET_BLOCK_NUMBER);
    if (!result.isIntegralNumber() || !result.canConvertToLong() || result.asLong() < 0) {
      throw malformed("plasma_getBlockNumber result is not a block number");
    }
    return result.asLong();
  }

  private JsonNode call(RpcMethod method, Object... params) throws FetchException {
    return call(Duration.ofNanos(Long.MAX_VALUE), method, params);
  }

  /** A call answered within {@code within} as well as the request deadline. */
  private JsonNode call(Duration within, RpcMethod method, Object... params) throws FetchException {
    byte[] answer = post(within, method, params);
    JsonNode response;
    try {
      response = OperatorRpcReader.parse(answer);
    } catch (OperatorRpcReader.Malformed e) {
      throw malformed(method.wireName() + " answer is " + e.getMessage());
    } catch (IOException e) {
      throw malformed(method.wireName() + " answer is not JSON");
    }
    return result(method, response);
  }

  /** The answer's bytes, within {@code within} as well as the request deadline. */
  private byte[] post(Duration within, RpcMethod method, Object... params) throws FetchException {
    ObjectNode request = JSON.createObjectNode()
        .put("jsonrpc", "2.0")
        .put("id", ids.incrementAndGet())
        .put("method", method.wireName());
    var array = request.putArray("params");
    for (Object p : params) {
      array.addPOJO(p);
    }
    try {
      return http.post(endpoint, JSON.writeValueAsBytes(request), within);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a request", e);
    }
  }

  /** The result of a parsed answer; its error as an RPC_ERROR. */
  private static JsonNode result(RpcMethod method, JsonNode response) throws FetchException {
    if (response == null || !response.isObject()) {
      throw malformed(method.wireName() + " answer is not a JSON object");
    }
    JsonNode error = response.get("error");
    if (error != null && !error.isNull()) {
      throw new FetchException(
          Kind.RPC_ERROR,
          method.wireName() + ": " + error.path("message").asText(error.toString()),
          error.path("code").asInt(0));
    }
    JsonNode result = response.get("result");
    if (result == null || result.isNull()) {
      throw malformed(method.wireName() + " answer has no result");
    }
    return result;
  }

  /**
   * One transaction of a body, refused unread if its hex is longer than any signed transaction's.
   */
  private static byte[] transaction(JsonNode node) throws FetchException {
    if (node.isTextual() && node.asText().length() > 2 + 2 * SignedTransaction.MAX_ENCODED_SIZE) {
      throw malformed("transaction of " + (node.asText().length() - 2) / 2 + " bytes exceeds "
          + SignedTransaction.MAX_ENCODED_SIZE);
    }
    return hex(node, "transaction");
  }

  private static byte[] hex(JsonNode node, String what) throws FetchException {
    String text = node.isTextual() ? node.asText() : "";
    if (!text.startsWith("0x") || (text.length() & 1) != 0) {
      throw malformed(what + " is not 0x-prefixed hex");
    }
    byte[] bytes = Hex.digits(text, 2);
    if (bytes == null) {
      throw malformed(what + " is not valid hex");
    }
    return bytes;
  }

  private static FetchException malformed(String message) {
    return new FetchException(Kind.MALFORMED_RESPONSE, message);
  }
}
