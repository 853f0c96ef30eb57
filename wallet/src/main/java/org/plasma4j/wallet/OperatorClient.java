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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.plasma4j.api.BoundedBody;
import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.OperatorRpcReader;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
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
 * all becomes {@link OperatorUnreachable}. The operator is not trusted: every answer is read field
 * by field into its wire record ({@link OperatorRpcReader}), checked against what was asked (the
 * block, transaction, owner or slot, and the hash of each transaction sent) and held to
 * {@link #DEFAULT_MAX_ANSWER_BYTES} and the call's timeout; an answer that fails any of this is
 * {@link OperatorUnreachable} "malformed operator answer: ..." naming the field, and nothing of it
 * is returned. Thread-safe.
 */
public final class OperatorClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The largest answer read: the operator's own cap on one answer (32 MiB by default,
   * docs/rpc-errors.md) and a MiB for the JSON-RPC envelope. No honest answer of a default node is
   * larger; past this the client stops reading, so an operator cannot make a wallet or guardian
   * hold more.
   */
  public static final int DEFAULT_MAX_ANSWER_BYTES = 33 * 1024 * 1024;

  private final URI endpoint;
  private final Duration timeout;
  private final int maxAnswerBytes;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();
  private final int utxoPage;
  private final int maxUtxoPages;

  public OperatorClient(URI endpoint) {
    this(endpoint, DEFAULT_TIMEOUT);
  }

  public OperatorClient(URI endpoint, Duration timeout) {
    this(endpoint, timeout, DEFAULT_MAX_ANSWER_BYTES);
  }

  /**
   * {@code timeout} bounds each whole exchange (the answer's last byte included), so an operator
   * that trickles an answer cannot hold a call longer; {@code maxAnswerBytes} bounds its size.
   */
  public OperatorClient(URI endpoint, Duration timeout, int maxAnswerBytes) {
    this(endpoint, timeout, maxAnswerBytes, UTXO_PAGE, MAX_UTXO_PAGES);
  }

  private OperatorClient(
      URI endpoint, Duration timeout, int maxAnswerBytes, int utxoPage, int maxUtxoPages) {
    if (maxAnswerBytes < 1024) {
      throw new IllegalArgumentException("maxAnswerBytes < 1024");
    }
    if (utxoPage < 1 || utxoPage > UTXO_PAGE || maxUtxoPages < 1) {
      throw new IllegalArgumentException("utxoPage " + utxoPage + ", maxUtxoPages " + maxUtxoPages);
    }
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.maxAnswerBytes = maxAnswerBytes;
    this.utxoPage = utxoPage;
    this.maxUtxoPages = maxUtxoPages;
    this.http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .version(HttpClient.Version.HTTP_1_1)
        .build();
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
   * A formed child block, whole; {@code timestamp} (the root-chain time of submission) is 0 and
   * {@code l1TxHash} (0x and 64 hex digits) empty until its root was submitted to the root chain.
   */
  public record Block(
      long blkNum,
      Bytes32 root,
      long timestamp,
      List<Bytes> transactions,
      boolean submitted,
      Optional<String> l1TxHash) {}

  /**
   * A transaction's status: "formed", in block blkNum at txIndex, or "pending" (blkNum 0);
   * {@code signedTx}, when the operator sends it, is the transaction whose hash was asked for.
   */
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

  /**
   * plasma_sendTransaction: returns the hash once the operator has persisted the transaction; an
   * answer naming another hash is malformed, not an acknowledgement.
   */
  public Bytes32 sendTransaction(SignedTransaction tx) {
    return send(tx.encode(), Optional.of(tx.txHash()));
  }

  /**
   * As {@link #sendTransaction(SignedTransaction)} for an encoding; one that does not decode has no
   * hash, so the operator's acknowledgement of it is malformed.
   */
  public Bytes32 sendTransaction(byte[] signedTx) {
    TxResult<SignedTransaction> decoded = TransactionDecoder.decodeSigned(signedTx);
    return send(
        signedTx, decoded.isOk() ? Optional.of(decoded.value().txHash()) : Optional.empty());
  }

  private Bytes32 send(byte[] signedTx, Optional<Bytes32> expected) {
    var sent = read(
        call(RpcMethod.SEND_TRANSACTION, Hex.encode(signedTx)), OperatorRpc.SentTransaction.class);
    return sentHash("txHash", sent.txHash(), expected);
  }

  /** The hash an operator acknowledged a sent transaction by, which must be that transaction's. */
  private static Bytes32 sentHash(String field, String answered, Optional<Bytes32> expected) {
    Bytes32 hash = bytes32(field, answered);
    if (expected.isEmpty()) {
      throw malformed(field + " " + hash + " acknowledges a transaction that does not decode");
    }
    if (!hash.equals(expected.get())) {
      throw malformed(
          field + " " + hash + " is not the hash of the transaction sent, " + expected.get());
    }
    return hash;
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
    for (int i = 0; i < txs.size(); i++) {
      JsonNode item = result.get(i);
      String at = "[" + i + "]";
      if (!item.isObject()) {
        throw malformed(at + ": not an object: " + OperatorRpcReader.quote(item));
      }
      JsonNode error = item.get("error");
      JsonNode hash = item.get("txHash");
      boolean hasError = error != null && !error.isNull();
      boolean hasHash = hash != null && !hash.isNull();
      if (hasError == hasHash) {
        // the result of a send is one or the other: both or neither says nothing of the transaction
        throw malformed(
            at + ": neither or both of 'txHash' and 'error' in " + OperatorRpcReader.quote(item));
      }
      if (hasError) {
        out.add(new SendResult(Optional.empty(), Optional.of(toError(error))));
      } else {
        out.add(new SendResult(
            Optional.of(sentHash(
                at + ".txHash",
                text(at + ".txHash", hash),
                Optional.of(txs.get(i).txHash()))),
            Optional.empty()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * plasma_getBlock [blkNum, offset, limit]: the whole block asked for, in as many pages as the
   * operator's answer cap needs (it refuses a page too large with RESPONSE_TOO_LARGE, and the page
   * asked for is halved). Each page must be of the block and from the index asked for, hold at most
   * the transactions asked for and at least one until {@code txCount}, and be of the first page's
   * root and count; a submission half stated (a timestamp or L1 hash without {@code submitted}, or
   * {@code submitted} without its timestamp) or stated by one page and withdrawn by a later one is
   * malformed. The submission is the last page's: a block may be submitted while it is read.
   */
  public Block getBlock(long blkNum) {
    return getBlock(blkNum, Long.MAX_VALUE);
  }

  /**
   * {@link #getBlock(long)} until {@code deadlineNanos} (of {@link System#nanoTime()}): no page is
   * asked for past it. An operator that refuses every page of more than one transaction and answers
   * each page of one slowly would otherwise hold the reader for a call a transaction, up to 65,536
   * of them each up to the timeout, whatever the caller's own deadline.
   *
   * @throws WalletException.Timeout if the block is not read by the deadline
   */
  public Block getBlock(long blkNum, long deadlineNanos) {
    List<Bytes> txs = new ArrayList<>();
    OperatorRpc.Block first = null;
    OperatorRpc.Block last = null;
    int limit = MerkleTree.CAPACITY;
    while (first == null || txs.size() < first.txCount()) {
      if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
        throw blockPastDeadline(blkNum, txs.size(), first);
      }
      int from = txs.size();
      OperatorRpc.Block r;
      try {
        r = read(
            call(deadlineNanos, RpcMethod.GET_BLOCK.wireName(), blkNum, from, limit),
            OperatorRpc.Block.class);
      } catch (WalletException.Timeout e) {
        throw blockPastDeadline(blkNum, txs.size(), first);
      } catch (OperatorError e) {
        if (e.code() == RpcError.RESPONSE_TOO_LARGE.code() && limit > 1) {
          limit /= 2;
          continue;
        }
        throw e;
      }
      page(r, blkNum, from, limit);
      if (first == null) {
        first = r;
      } else if (!r.root().equals(first.root()) || r.txCount() != first.txCount()) {
        throw malformed("the page from " + from + " is of another block than the page from 0");
      } else if (last.submitted() && !r.submitted()) {
        throw malformed("the page from " + from
            + " says the block is not submitted, an earlier page that it is");
      }
      last = r;
      for (int i = 0; i < r.transactions().size(); i++) {
        txs.add(bytes("transactions[" + (from + i) + "]", r.transactions().get(i)));
      }
    }
    return new Block(
        blkNum,
        bytes32("root", first.root()),
        last.timestamp() == null ? 0 : last.timestamp(),
        List.copyOf(txs),
        last.submitted(),
        Optional.ofNullable(last.l1TxHash()).map(h -> bytes32("l1TxHash", h).toHex()));
  }

  private WalletException.Timeout blockPastDeadline(
      long blkNum, int read, OperatorRpc.Block first) {
    return new WalletException.Timeout("operator at " + endpoint + " did not serve block " + blkNum
        + " by the deadline: " + read + " of its "
        + (first == null ? "?" : String.valueOf(first.txCount())) + " transactions read");
  }

  /** A page of block {@code blkNum} from {@code from}, of at most {@code limit} transactions. */
  private static void page(OperatorRpc.Block r, long blkNum, int from, int limit) {
    if (r.blkNum() != blkNum) {
      throw malformed("blkNum " + r.blkNum() + " is not the block asked for, " + blkNum);
    }
    int size = r.transactions().size();
    if (r.offset() != from) {
      throw malformed(
          "transactions: a page from offset " + r.offset() + ", not from " + from + " as asked");
    }
    if (size > limit) {
      throw malformed("transactions: " + size + " from offset " + from + ", more than the " + limit
          + " asked for");
    }
    if (r.txCount() > MerkleTree.CAPACITY || (long) from + size > r.txCount()) {
      throw malformed(
          "transactions: " + size + " from offset " + from + " of a block of " + r.txCount());
    }
    if (size == 0 && from < r.txCount()) {
      throw malformed("transactions: an empty page from " + from + " of a block of " + r.txCount());
    }
    if (r.submitted() != (r.timestamp() != null) || (!r.submitted() && r.l1TxHash() != null)) {
      throw malformed("submitted " + r.submitted() + " with timestamp " + r.timestamp()
          + " and l1TxHash " + r.l1TxHash());
    }
  }

  public long getBlockNumber() {
    JsonNode r = call(RpcMethod.GET_BLOCK_NUMBER);
    try {
      return OperatorRpcReader.inRange(r, 0, Long.MAX_VALUE);
    } catch (OperatorRpcReader.Malformed e) {
      throw malformed(e.getMessage());
    }
  }

  /**
   * plasma_getTransaction [txHash]: the status of the transaction asked for. An answer for another
   * hash, carrying a signed transaction of another hash, of a status other than "pending" (no block
   * nor index) or "formed" (a block above 0 and an index), is malformed.
   */
  public TransactionStatus getTransaction(Bytes32 txHash) {
    return getTransaction(txHash, Long.MAX_VALUE);
  }

  /**
   * {@link #getTransaction(Bytes32)} answered by {@code deadlineNanos} (of
   * {@link System#nanoTime()}).
   *
   * @throws WalletException.Timeout if it is not
   */
  public TransactionStatus getTransaction(Bytes32 txHash, long deadlineNanos) {
    var r = read(
        call(deadlineNanos, RpcMethod.GET_TRANSACTION.wireName(), txHash.toHex()),
        OperatorRpc.Transaction.class);
    Bytes32 answered = bytes32("txHash", r.txHash());
    if (!answered.equals(txHash)) {
      throw malformed("txHash " + answered + " is not the transaction asked for, " + txHash);
    }
    switch (r.status()) {
      case PENDING -> {
        if (r.blkNum() != null || r.txIndex() != null) {
          throw malformed("a pending transaction in block " + r.blkNum() + " at " + r.txIndex());
        }
      }
      case FORMED -> {
        if (r.blkNum() == null || r.blkNum() == 0 || r.txIndex() == null) {
          throw malformed("a formed transaction in block " + r.blkNum() + " at " + r.txIndex());
        }
      }
      default ->
        throw malformed(
            "status: not \"" + PENDING + "\" or \"" + FORMED + "\": " + quote(r.status()));
    }
    Optional<Bytes> signed = Optional.ofNullable(r.signedTx()).map(h -> bytes("signedTx", h));
    if (signed.isPresent()) {
      TxResult<SignedTransaction> tx =
          TransactionDecoder.decodeSigned(signed.get().toArray());
      if (!tx.isOk()) {
        throw malformed("signedTx does not decode: " + tx.rejection() + " " + tx.detail());
      }
      if (!tx.value().txHash().equals(txHash)) {
        throw malformed("signedTx is transaction " + tx.value().txHash()
            + ", not the one asked for, " + txHash);
      }
    }
    return new TransactionStatus(
        answered,
        r.status(),
        r.blkNum() == null ? 0 : r.blkNum(),
        r.txIndex() == null ? 0 : r.txIndex(),
        signed);
  }

  /** The statuses plasma_getTransaction answers. */
  public static final String PENDING = "pending";

  public static final String FORMED = "formed";

  /**
   * Outputs asked for per plasma_getUtxos page: the operator's most (and default) page,
   * {@code LedgerQueries.MAX_UTXOS}.
   */
  public static final int UTXO_PAGE = 10_000;

  /**
   * The most pages of one owner's outputs read: 200,000 outputs at {@link #UTXO_PAGE}, some 40 MB
   * held. An operator may list increasing positions without end, each page valid; past this the
   * listing read so far is returned marked incomplete rather than more held.
   */
  public static final int MAX_UTXO_PAGES = 20;

  /** How long {@link #getUtxos(Address)} may take for all its pages. */
  public static final Duration DEFAULT_UTXOS_DEADLINE = Duration.ofMinutes(2);

  /**
   * plasma_getUtxos [owner, after, limit]: the owner's spendable outputs, page after page, within
   * {@link #DEFAULT_UTXOS_DEADLINE} and {@link #MAX_UTXO_PAGES} pages.
   */
  public UtxoListing getUtxos(Address owner) {
    return getUtxos(owner, System.nanoTime() + DEFAULT_UTXOS_DEADLINE.toNanos());
  }

  /** {@link #getUtxos(Address)} by {@code deadlineNanos} (of {@link System#nanoTime()}). */
  public UtxoListing getUtxos(Address owner, long deadlineNanos) {
    return getUtxos(owner, utxoPage, maxUtxoPages, deadlineNanos);
  }

  /**
   * This client with listings of at most {@code maxPages} pages of {@code page} outputs (by default
   * {@link #UTXO_PAGE} and {@link #MAX_UTXO_PAGES}): a wallet that needs less of a large owner's
   * outputs reads less.
   */
  public OperatorClient withUtxoPages(int page, int maxPages) {
    return new OperatorClient(endpoint, timeout, maxAnswerBytes, page, maxPages);
  }

  /**
   * The owner's spendable outputs in pages of {@code pageLimit}, each asked for after the last
   * position of the one before; a page shorter than its limit is the last. Each output must be the
   * owner's, its position after the one before it and after the page's cursor (so no output repeats
   * and the cursor only moves on), and a page may hold no more than asked for; an answer breaking
   * any of this is malformed. Bounded as a whole, so an operator listing valid pages without end
   * cannot hold the wallet: after {@code maxPages} full pages the outputs read so far are the
   * listing, marked incomplete (an honest owner of that many outputs can still see and spend what
   * was read); past the deadline it is {@link WalletException.Timeout}.
   */
  public UtxoListing getUtxos(Address owner, int pageLimit, int maxPages, long deadlineNanos) {
    if (pageLimit < 1 || pageLimit > UTXO_PAGE || maxPages < 1) {
      throw new IllegalArgumentException("pageLimit " + pageLimit + ", maxPages " + maxPages);
    }
    List<Utxo> out = new ArrayList<>();
    long after = 0; // no output is at position 0: the first page
    for (int page = 0; page < maxPages; page++) {
      JsonNode r;
      try {
        r = call(deadlineNanos, RpcMethod.GET_UTXOS.wireName(), owner.toHex(), after, pageLimit);
      } catch (WalletException.Timeout e) {
        throw new WalletException.Timeout("operator at " + endpoint
            + " did not list the outputs of " + owner + " by the deadline: " + out.size()
            + " read in " + page + " pages");
      }
      after = readUtxoPage(owner, r, after, pageLimit, out);
      if (r.size() < pageLimit) {
        return new UtxoListing(out, true);
      }
    }
    return new UtxoListing(out, false);
  }

  /**
   * The output at {@code position} if the operator lists it as the owner's spendable output: one
   * page of one output after the position before it, so an owner with more outputs than one listing
   * holds can still wait for any of them.
   */
  public Optional<Utxo> getUtxo(Address owner, long position, long deadlineNanos) {
    if (!OutputPosition.isValid(position)) {
      throw new IllegalArgumentException("position " + position + " names no output");
    }
    List<Utxo> out = new ArrayList<>(1);
    long after = position - 1;
    readUtxoPage(
        owner,
        call(deadlineNanos, RpcMethod.GET_UTXOS.wireName(), owner.toHex(), after, 1),
        after,
        1,
        out);
    return out.stream().filter(u -> u.position() == position).findFirst();
  }

  /**
   * Reads one page of the owner's outputs after {@code after} into {@code out}; the last position
   * read (the cursor for the next page).
   */
  private long readUtxoPage(Address owner, JsonNode r, long after, int pageLimit, List<Utxo> out) {
    if (!r.isArray()) {
      throw malformed("not a list of outputs: " + OperatorRpcReader.quote(r));
    }
    if (r.size() > pageLimit) {
      throw malformed("a page of " + r.size() + " outputs after position " + after
          + ", more than the " + pageLimit + " asked for");
    }
    for (int i = 0; i < r.size(); i++) {
      String at = "[" + out.size() + "]";
      OperatorRpc.Utxo u = read(r.get(i), OperatorRpc.Utxo.class, at);
      OutputPosition position = outputPosition(u);
      if (position.encode() <= after) {
        throw malformed(at + ".position " + position.encode() + " is not after " + after
            + ": outputs repeat or go back");
      }
      after = position.encode();
      Address listed = address(at + ".owner", u.owner());
      if (!listed.equals(owner)) {
        throw malformed(at + ".owner " + listed + " is not the owner asked for, " + owner);
      }
      out.add(new Utxo(
          position.encode(),
          position.blkNum(),
          position.txIndex(),
          position.outputIndex(),
          listed,
          address(at + ".token", u.token()),
          amount(at + ".amount", TextNode.valueOf(u.amount()))));
    }
    return after;
  }

  /**
   * The parts of a listed output come from its position by the layout the contracts read, never
   * from the operator's word beside it: a position that names no output, or parts that disagree
   * with it, is a malformed answer rather than a coin the wallet would later fail to spend.
   */
  private static OutputPosition outputPosition(OperatorRpc.Utxo u) {
    long position = u.position();
    if (!OutputPosition.isValid(position)) {
      throw new OperatorUnreachable(
          "malformed operator answer: position " + position + " names no output", null);
    }
    OutputPosition at = OutputPosition.decode(position);
    long blkNum = u.blkNum();
    long txIndex = u.txIndex();
    long outputIndex = u.outputIndex();
    if (blkNum != at.blkNum() || txIndex != at.txIndex() || outputIndex != at.outputIndex()) {
      throw new OperatorUnreachable(
          "malformed operator answer: position " + position + " is " + at + ", not block " + blkNum
              + " tx " + txIndex + " output " + outputIndex,
          null);
    }
    return at;
  }

  /** plasma_getExitData [position]: an answer for another position is malformed. */
  public ExitData getExitData(long position) {
    var r = read(call(RpcMethod.GET_EXIT_DATA, position), OperatorRpc.ExitData.class);
    requireAsked(r.position(), position);
    return new ExitData(
        r.position(), bytes("txBytes", r.txBytes()), bytes("proof", r.proof()), r.blockTimestamp());
  }

  /**
   * plasma_getChallengeData [position]: a spend of the output asked for. An answer for another
   * position, or whose {@code spendingTx} does not spend that output at {@code inputIndex}, is
   * malformed: it would tell an owner their output is spent, or have a challenge sent that cannot
   * succeed.
   */
  public ChallengeData getChallengeData(long position) {
    var r = read(call(RpcMethod.GET_CHALLENGE_DATA, position), OperatorRpc.ChallengeData.class);
    requireAsked(r.position(), position);
    Bytes spendingTx = bytes("spendingTx", r.spendingTx());
    TxResult<org.plasma4j.core.tx.Transaction> spend =
        TransactionDecoder.decodeTransaction(spendingTx.toArray());
    if (!spend.isOk()) {
      throw malformed("spendingTx does not decode: " + spend.rejection() + " " + spend.detail());
    }
    List<OutputPosition> inputs = spend.value().inputs();
    if (r.inputIndex() >= inputs.size()) {
      throw malformed("spendingTx has no input " + r.inputIndex());
    }
    OutputPosition spent = inputs.get(r.inputIndex());
    if (spent.encode() != position) {
      throw malformed("spendingTx's input " + r.inputIndex() + " is " + spent
          + ", not the output asked for, " + OutputPosition.decode(position));
    }
    return new ChallengeData(
        r.position(), spendingTx, r.inputIndex(), bytes("signature", r.signature()));
  }

  private static void requireAsked(long answered, long asked) {
    if (answered != asked) {
      throw malformed("position " + answered + " is not the output asked for, " + asked);
    }
  }

  /**
   * The fee per transaction, by the token it is paid in; {@code {}} is no fees, anything but a
   * {token: amount} object is malformed.
   */
  public Map<Address, BigInteger> getFeeSchedule() {
    JsonNode r = call(RpcMethod.GET_FEE_SCHEDULE);
    if (!r.isObject()) {
      throw malformed("not a {token: amount} object: " + OperatorRpcReader.quote(r));
    }
    Map<Address, BigInteger> fees = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : r.properties()) {
      fees.put(address("token", e.getKey()), amount(e.getKey(), e.getValue()));
    }
    return Map.copyOf(fees);
  }

  public ChainInfo getChainInfo() {
    var r = read(call(RpcMethod.GET_CHAIN_INFO), OperatorRpc.ChainInfo.class);
    return new ChainInfo(
        r.chainId(),
        address("framework", r.framework()),
        address("operator", r.operator()),
        address("feeBeneficiary", r.feeBeneficiary()),
        r.childBlockInterval());
  }

  /** A result read field by field into its wire record ({@link OperatorRpcReader}). */
  private static <R extends Record> R read(JsonNode result, Class<R> type) {
    return read(result, type, "");
  }

  /** As {@link #read(JsonNode, Class)} for an element of a result, named by {@code path}. */
  private static <R extends Record> R read(JsonNode result, Class<R> type, String path) {
    try {
      return OperatorRpcReader.read(result, type);
    } catch (OperatorRpcReader.Malformed e) {
      throw malformed(path + (path.isEmpty() ? "" : ": ") + e.getMessage());
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
    return call(Long.MAX_VALUE, method, params);
  }

  /**
   * A call answered by {@code deadlineNanos} (Long.MAX_VALUE: none) as well as within the timeout.
   *
   * @throws WalletException.Timeout if the deadline passes first
   */
  private JsonNode call(long deadlineNanos, String method, Object... params) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", ids.incrementAndGet());
    request.put("method", method);
    request.set("params", JSON.valueToTree(params));
    HttpResponse<byte[]> response = post(method, request.toString(), deadlineNanos);
    JsonNode body;
    try {
      body = OperatorRpcReader.parse(response.body());
    } catch (OperatorRpcReader.Malformed e) {
      throw malformed(e.getMessage());
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

  /**
   * One exchange, bounded as a whole by the timeout (a trickled answer times out like a missing
   * one) and in size by {@link #maxAnswerBytes}: past it the client stops reading.
   */
  private HttpResponse<byte[]> post(String method, String body, long deadlineNanos) {
    Duration within = timeout;
    if (deadlineNanos != Long.MAX_VALUE) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        throw pastDeadline(method);
      }
      within = left < timeout.toNanos() ? Duration.ofNanos(left) : timeout;
    }
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/json")
        .timeout(within)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    boolean cut = within.compareTo(timeout) < 0;
    return switch (BoundedBody.exchange(http, request, maxAnswerBytes, within)) {
      case BoundedBody.Exchange.Answered a -> a.response();
      case BoundedBody.Exchange.TimedOut t ->
        throw cut ? pastDeadline(method) : timedOut(method, t.cause());
      case BoundedBody.Exchange.Oversized o ->
        throw malformed("larger than " + o.limit() + " bytes");
      case BoundedBody.Exchange.Failed f -> {
        IOException io = f.cause() instanceof IOException i ? i : new IOException(f.cause());
        throw new OperatorUnreachable(
            "operator unreachable at " + endpoint + " (" + describe(io) + ")", f.cause());
      }
      case BoundedBody.Exchange.Interrupted i ->
        throw new OperatorUnreachable("interrupted while calling " + method, i.cause());
    };
  }

  private WalletException.Timeout pastDeadline(String method) {
    return new WalletException.Timeout(
        "operator at " + endpoint + " did not answer " + method + " by the deadline");
  }

  private OperatorUnreachable timedOut(String method, Throwable cause) {
    return new OperatorUnreachable(
        "operator at " + endpoint + " did not answer " + method + " within "
            + Durations.text(timeout),
        cause);
  }

  private OperatorUnreachable notJsonRpc(String method, HttpResponse<?> response) {
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

  /**
   * A JSON-RPC error object: an integer code and a message. Any other is malformed rather than an
   * error of code 0, which no caller could tell from another.
   */
  private static OperatorError toError(JsonNode error) {
    JsonNode code = error.get("code");
    JsonNode message = error.get("message");
    if (!error.isObject()
        || code == null
        || !code.isIntegralNumber()
        || !code.canConvertToInt()
        || message == null
        || !message.isTextual()) {
      throw malformed(
          "error: not {code: integer, message: text}: " + OperatorRpcReader.quote(error));
    }
    return new OperatorError(code.intValue(), message.textValue());
  }

  private static OperatorUnreachable malformed(String what) {
    return new OperatorUnreachable("malformed operator answer: " + what, null);
  }

  /** {@code field}'s value, which must be text. */
  private static String text(String field, JsonNode n) {
    if (!n.isTextual()) {
      throw malformed(field + ": not text: " + OperatorRpcReader.quote(n));
    }
    return n.textValue();
  }

  /** A uint256 amount (a JSON number, a decimal string or 0x-hex). */
  private static BigInteger amount(String field, JsonNode n) {
    try {
      return OperatorRpcReader.unsigned(n, 256);
    } catch (OperatorRpcReader.Malformed e) {
      throw malformed(field + ": " + e.getMessage());
    }
  }

  /** A field's text as hex; a refusal names the field and quotes the text as the answer held it. */
  private static Bytes bytes(String field, String hex) {
    try {
      return Bytes.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new OperatorUnreachable(
          "malformed operator answer: " + field + ": not hex: " + quote(hex), e);
    }
  }

  private static Bytes32 bytes32(String field, String hex) {
    return new Bytes32(ofLength(field, hex, Bytes32.LENGTH).toArray());
  }

  private static Address address(String field, String hex) {
    return new Address(ofLength(field, hex, Address.LENGTH).toArray());
  }

  private static Bytes ofLength(String field, String hex, int length) {
    Bytes b = bytes(field, hex);
    if (b.length() != length) {
      throw malformed(field + ": not " + length + " bytes: " + quote(hex));
    }
    return b;
  }

  /** Text from an answer as JSON, cut short: an answer may be megabytes long. */
  private static String quote(String text) {
    return OperatorRpcReader.quote(TextNode.valueOf(text));
  }
}
