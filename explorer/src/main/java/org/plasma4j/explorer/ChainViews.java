package org.plasma4j.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.api.SeqPages;
import org.plasma4j.api.WatcherRpcMethod;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.rootchain.TokenUnits;

/**
 * The explorer's read-only views as JSON: status and health, blocks, transactions, addresses,
 * coins, exit queues, byzantine events and search. Each view reads what it needs from the operator,
 * the watcher and L1, and says which of them is down instead of failing whole where it can show the
 * rest.
 */
public final class ChainViews {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CHILD_BLOCK_INTERVAL = 1000;
  /** A block page lists its first transactions only; txCount says how many it holds. */
  private static final int MAX_TXS_SHOWN = 500;

  private final NodeClient operator;
  private final NodeClient watcher;
  private final L1View l1;

  public ChainViews(NodeClient operator, NodeClient watcher, L1View l1) {
    this.operator = operator;
    this.watcher = watcher;
    this.l1 = l1;
  }

  public ApiRoutes register(ApiRoutes routes) {
    return routes
        .register("status", r -> status())
        .register(
            "blocks", r -> blocks(r.optional("limit").map(Integer::parseInt).orElse(10)))
        .register("block", r -> block(number(r.arg(), "block number")))
        .register("tx", r -> tx(r.arg()))
        .register("address", r -> address(address(r.arg())))
        .register("coin", r -> coin(r.arg()))
        .register("exits", r -> exits())
        .register("events", r -> events())
        .register("search", r -> search(r.param("q")));
  }

  // ---- status and health ----

  public ObjectNode status() {
    ObjectNode out = JSON.createObjectNode();
    ObjectNode nodes = out.putObject("nodes");
    ObjectNode op = nodes.putObject("operator").put("url", operator.endpoint().toString());
    try {
      op.put("blockNumber", operator.call(RpcMethod.GET_BLOCK_NUMBER).asLong());
      op.put("up", true);
    } catch (ApiError e) {
      down(op, e);
    }
    ObjectNode w = nodes.putObject("watcher").put("url", watcher.endpoint().toString());
    L1View.AsOf at = asOfOrNull();
    List<String> l1Notices = l1Notices(at);
    Health health;
    try {
      w.set("status", watcher.call(WatcherRpcMethod.STATUS));
      w.put("up", true);
      health = health(l1Notices);
    } catch (ApiError e) {
      down(w, e);
      health = Health.withoutWatcher(
          "the watcher is down: nobody is checking the chain for this page", l1Notices);
    }
    ObjectNode l = nodes.putObject("l1");
    try {
      L1View.AsOf confirmed = at != null ? at : l1.asOf();
      // the head is for reference only: nothing on the pages is read at it
      l.put("head", l1.headBlock());
      l.put("headLabel", "unconfirmed head: nothing shown is read at it");
      l.put("confirmedBlock", confirmed.block());
      l.put("confirmedTimestamp", confirmed.timestamp());
      l.put("timestamp", l1.headTimestamp());
      l.put("chainId", l1.chainId());
      l.put("framework", l1.framework().toHex());
      l.put("exitBond", l1.exitBond().toString());
      l.put("minExitPeriod", l1.minExitPeriod());
      l.put("up", true);
    } catch (ApiError e) {
      down(l, e);
    }
    ObjectNode h = out.putObject("health").put("state", health.state().wire());
    ArrayNode reasons = h.putArray("reasons");
    health.reasons().forEach(reasons::add);
    return out;
  }

  /** The confirmed view of L1, or null while L1 cannot be read. */
  private L1View.AsOf asOfOrNull() {
    try {
      return l1.asOf();
    } catch (ApiError.NodeDown e) {
      return null;
    }
  }

  /** What the root chain's events show on their own; nothing while L1 cannot be read. */
  private static List<String> l1Notices(L1View.AsOf at) {
    return at == null ? List.of() : Health.l1Notices(at.events());
  }

  private Health health(List<String> l1Notices) {
    List<JsonNode> open;
    try {
      open = openEvents();
    } catch (ApiError.NodeRejected e) {
      return Health.withoutWatcher(
          "the watcher has not judged the chain yet (" + e.getMessage() + ")", l1Notices);
    }
    return health(open, l1Notices);
  }

  private static Health health(List<JsonNode> open, List<String> l1Notices) {
    List<Health.StandingEvent> standing = new ArrayList<>();
    for (JsonNode e : open) {
      JsonNode error = e.path("details").get("error");
      standing.add(
          new Health.StandingEvent(e.path("type").asText(), error == null ? null : error.asText()));
    }
    return Health.judge(standing, l1Notices);
  }

  private static void down(ObjectNode node, ApiError e) {
    node.put("up", false);
    node.put("error", e.getMessage());
  }

  // ---- blocks ----

  public ObjectNode blocks(int limit) {
    ObjectNode out = JSON.createObjectNode();
    long latest = operator.call(RpcMethod.GET_BLOCK_NUMBER).asLong();
    out.put("latest", latest);
    ArrayNode list = out.putArray("blocks");
    for (long n = latest;
        n >= CHILD_BLOCK_INTERVAL && list.size() < Math.min(limit, 50);
        n -= CHILD_BLOCK_INTERVAL) {
      JsonNode b = operator.call(RpcMethod.GET_BLOCK, n, 0, 1);
      list.addObject()
          .put("blkNum", n)
          .put("root", b.path("root").asText())
          .put("txCount", b.path("txCount").asLong())
          .put("timestamp", b.path("timestamp").asLong())
          .put("submitted", b.path("submitted").asBoolean())
          .put("l1TxHash", b.path("l1TxHash").asText(""));
    }
    ArrayNode deposits = out.putArray("deposits");
    try {
      L1View.AsOf at = l1.asOf();
      out.put("asOfL1Block", at.block());
      List<RootChain.DepositEvent> all = at.events(RootChain.DepositEvent.class);
      for (int i = all.size() - 1; i >= 0 && deposits.size() < limit; i--) {
        deposits.add(deposit(all.get(i)));
      }
    } catch (ApiError.NodeDown e) {
      out.put("l1Error", e.getMessage());
    }
    return out;
  }

  private ObjectNode deposit(RootChain.DepositEvent d) {
    return JSON.createObjectNode()
        .put("blkNum", d.blkNum())
        .put("position", OutputPosition.of(d.blkNum(), 0, 0).encode())
        .put("owner", d.owner().toHex())
        .put("token", d.token().toHex())
        .put("amount", d.amount().toString())
        .put("display", units(d.token()).format(d.amount()))
        .put("l1Block", d.l1Block());
  }

  public ObjectNode block(long blkNum) {
    if (blkNum % CHILD_BLOCK_INTERVAL != 0) {
      return depositBlock(blkNum);
    }
    JsonNode b;
    try {
      b = operator.call(RpcMethod.GET_BLOCK, blkNum, 0, MAX_TXS_SHOWN);
    } catch (ApiError.NotFound e) {
      throw new ApiError.NotFound("unknown block " + blkNum + ": the operator has not formed it"
          + " (or does not serve it)");
    }
    ObjectNode out = JSON.createObjectNode()
        .put("blkNum", blkNum)
        .put("kind", "child")
        .put("root", b.path("root").asText())
        .put("timestamp", b.path("timestamp").asLong())
        .put("txCount", b.path("txCount").asLong())
        .put("submitted", b.path("submitted").asBoolean())
        .put("l1TxHash", b.path("l1TxHash").asText(""));
    try {
      L1View.AsOf at = l1.asOf();
      out.put("committedOnL1", at.committed(blkNum));
      out.put("asOfL1Block", at.block());
    } catch (ApiError.NodeDown e) {
      out.put("l1Error", e.getMessage());
    }
    ArrayNode txs = out.putArray("transactions");
    int index = 0;
    for (JsonNode hex : b.path("transactions")) {
      ObjectNode t = decodeSigned(Hex.decode(hex.asText()));
      t.put("txIndex", index++);
      txs.add(t);
    }
    return out;
  }

  private ObjectNode depositBlock(long blkNum) {
    L1View.AsOf at = l1.asOf();
    RootChain.DepositEvent d = at.events(RootChain.DepositEvent.class).stream()
        .filter(e -> e.blkNum() == blkNum)
        .findFirst()
        .orElseThrow(() -> new ApiError.NotFound(
            "unknown block " + blkNum + ": no deposit made it and it is not a child block"));
    ObjectNode out = JSON.createObjectNode()
        .put("blkNum", blkNum)
        .put("kind", "deposit")
        .put("root", d.root().toHex())
        .put("timestamp", d.timestamp())
        .put("txCount", 1)
        .put("submitted", true)
        .put("committedOnL1", true)
        .put("l1Block", d.l1Block())
        .put("asOfL1Block", at.block());
    out.set("deposit", deposit(d));
    out.putArray("transactions");
    return out;
  }

  /** A signed transaction for the pages: hash, inputs, outputs, signatures and their signers. */
  private ObjectNode decodeSigned(byte[] signed) {
    TxResult<SignedTransaction> decoded = TransactionDecoder.decodeSigned(signed);
    ObjectNode t = JSON.createObjectNode();
    if (!decoded.isOk()) {
      return t.put("malformed", decoded.detail()).put("raw", Hex.encode(signed));
    }
    SignedTransaction s = decoded.value();
    t.put("txHash", s.txHash().toHex());
    t.put("txType", s.tx().txType());
    t.put("chainId", s.domain().chainId());
    t.put("verifyingContract", s.domain().verifyingContract().toHex());
    ArrayNode inputs = t.putArray("inputs");
    byte[] digest = s.signingDigest();
    for (int i = 0; i < s.tx().inputs().size(); i++) {
      OutputPosition p = s.tx().inputs().get(i);
      ObjectNode in = inputs
          .addObject()
          .put("position", p.encode())
          .put("blkNum", p.blkNum())
          .put("txIndex", p.txIndex())
          .put("outputIndex", p.outputIndex());
      if (i < s.signatures().size()) {
        Signature sig = s.signatures().get(i);
        in.put("signature", sig.toHex());
        Optional<Address> signer = Secp256k1.recover(digest, sig);
        in.put("signer", signer.map(Address::toHex).orElse(""));
      }
    }
    ArrayNode outputs = t.putArray("outputs");
    for (Output o : s.tx().outputs()) {
      outputs.add(output(o));
    }
    return t;
  }

  private ObjectNode output(Output o) {
    return JSON.createObjectNode()
        .put("owner", o.owner().toHex())
        .put("token", o.token().toHex())
        .put("amount", o.amount().toString())
        .put("display", units(o.token()).format(o.amount()));
  }

  // ---- transactions ----

  public ObjectNode tx(String hash) {
    String h = hash.toLowerCase(java.util.Locale.ROOT);
    if (!h.matches("0x[0-9a-f]{64}")) {
      throw new ApiError.BadRequest(
          "'" + hash + "' is not a transaction hash (0x and 64 hex digits)");
    }
    JsonNode r;
    try {
      r = operator.call(RpcMethod.GET_TRANSACTION, h);
    } catch (ApiError.NotFound e) {
      throw new ApiError.NotFound(
          "unknown transaction " + h + ": the operator has neither included nor accepted it");
    }
    JsonNode signed = r.get("signedTx");
    ObjectNode out = signed == null || signed.isNull()
        ? JSON.createObjectNode().put("txHash", h)
        : decodeSigned(Hex.decode(signed.asText()));
    long blkNum = r.path("blkNum").asLong(0);
    // the operator says "formed" once a block holds it: included, whether or not L1 has it yet
    out.put("status", blkNum > 0 ? "included" : "pending");
    out.put("operatorStatus", r.path("status").asText(""));
    if (blkNum > 0) {
      int txIndex = r.path("txIndex").asInt();
      ObjectNode inclusion =
          out.putObject("inclusion").put("blkNum", blkNum).put("txIndex", txIndex);
      try {
        JsonNode block = operator.call(RpcMethod.GET_BLOCK, blkNum, 0, 1);
        inclusion.put("root", block.path("root").asText());
        inclusion.put("l1TxHash", block.path("l1TxHash").asText(""));
        inclusion.put("submitted", block.path("submitted").asBoolean());
      } catch (ApiError e) {
        inclusion.put("blockError", e.getMessage());
      }
      try {
        L1View.AsOf at = l1.asOf();
        inclusion.put("committedOnL1", at.committed(blkNum));
        inclusion.put("asOfL1Block", at.block());
      } catch (ApiError.NodeDown e) {
        inclusion.put("l1Error", e.getMessage());
      }
      ArrayNode positions = inclusion.putArray("outputPositions");
      int outputs = out.path("outputs").size();
      for (int i = 0; i < outputs; i++) {
        positions.add(OutputPosition.of(blkNum, txIndex, i).encode());
      }
    }
    return out;
  }

  // ---- addresses ----

  public ObjectNode address(Address who) {
    ObjectNode out = JSON.createObjectNode().put("address", who.toHex());
    boolean activity = false;
    Map<Address, BigInteger> balances = new LinkedHashMap<>();
    ArrayNode utxos = out.putArray("utxos");
    try {
      for (JsonNode u : operator.call(RpcMethod.GET_UTXOS, who.toHex())) {
        Address token = Address.fromHex(u.path("token").asText());
        BigInteger amount = quantity(u.path("amount"));
        balances.merge(token, amount, BigInteger::add);
        utxos
            .addObject()
            .put("position", u.path("position").asLong())
            .put("blkNum", u.path("blkNum").asLong())
            .put("txIndex", u.path("txIndex").asInt())
            .put("outputIndex", u.path("outputIndex").asInt())
            .put("token", token.toHex())
            .put("amount", amount.toString())
            .put("display", units(token).format(amount));
      }
    } catch (ApiError.NodeDown e) {
      out.put("operatorError", e.getMessage());
    }
    activity |= !utxos.isEmpty();
    ArrayNode bal = out.putArray("balances");
    balances.forEach((token, amount) -> bal.addObject()
        .put("token", token.toHex())
        .put("symbol", units(token).label())
        .put("amount", amount.toString())
        .put("display", units(token).format(amount)));
    try {
      L1View.AsOf at = l1.asOf();
      out.put("asOfL1Block", at.block());
      ArrayNode exits = out.putArray("exits");
      ExitQueues.of(queues(at), who).forEach(e -> exits.add(entry(e)));
      ArrayNode deposits = out.putArray("deposits");
      for (RootChain.DepositEvent d : at.events(RootChain.DepositEvent.class)) {
        if (d.owner().equals(who)) {
          deposits.add(deposit(d));
        }
      }
      ArrayNode coins = out.putArray("coins");
      for (CashGameEvents.CoinDeposited c : at.events(CashGameEvents.CoinDeposited.class)) {
        if (c.owner().equals(who)) {
          coins
              .addObject()
              .put("slot", Long.toUnsignedString(c.slot()))
              .put("token", c.token().toHex())
              .put("kind", c.kind())
              .put("value", c.value().toString())
              .put(
                  "display",
                  c.kind() == 2 ? "token id " + c.value() : units(c.token()).format(c.value()));
        }
      }
      activity |= !exits.isEmpty() || !deposits.isEmpty() || !coins.isEmpty();
    } catch (ApiError.NodeDown e) {
      out.put("l1Error", e.getMessage());
    }
    try {
      JsonNode advice = watcher.call(WatcherRpcMethod.EXIT_ADVICE, who.toHex());
      for (JsonNode e : advice.path("standardExits")) {
        if (e instanceof ObjectNode o && e.hasNonNull("token") && e.hasNonNull("amount")) {
          Address token = Address.fromHex(e.get("token").asText());
          o.put("display", units(token).format(quantity(e.get("amount"))));
          o.put("symbol", units(token).label());
        }
      }
      out.set("advice", advice);
    } catch (ApiError e) {
      out.put("watcherError", e.getMessage());
    }
    out.put("activity", activity);
    return out;
  }

  // ---- coins ----

  public ObjectNode coin(String slotText) {
    long slot;
    try {
      slot = Long.parseUnsignedLong(slotText.replaceFirst("^(?:slot|coin):?", ""));
    } catch (NumberFormatException e) {
      throw new ApiError.BadRequest("'" + slotText + "' is not a coin slot (a number)");
    }
    String slotString = Long.toUnsignedString(slot);
    // the wire takes a slot as a JSON number or a 0x quantity: the quantity holds all 64 bits
    String slotParam = "0x" + Long.toHexString(slot);
    JsonNode coin;
    try {
      coin = operator.call(RpcMethod.GET_COIN, slotParam);
    } catch (ApiError.NodeRejected e) {
      if (e.code() == -32025) {
        throw new ApiError.NotFound(
            "unknown coin " + slotString + ": no coin was deposited at" + " this slot");
      }
      throw e;
    }
    ObjectNode out = ((ObjectNode) coin.deepCopy());
    Address token = Address.fromHex(coin.path("token").asText(Address.ETH.toHex()));
    BigInteger value = new BigInteger(coin.path("value").asText("0"));
    out.put(
        "display",
        coin.path("kind").asInt() == 2 ? "token id " + value : units(token).format(value));
    ArrayNode history = out.putArray("history");
    long origin = coin.path("originBlock").asLong();
    long latest = operator.call(RpcMethod.GET_BLOCK_NUMBER).asLong();
    long from = (origin / CHILD_BLOCK_INTERVAL + 1) * CHILD_BLOCK_INTERVAL;
    if (from <= latest) {
      long to = Math.min(latest, from + 9_999L * CHILD_BLOCK_INTERVAL);
      try {
        JsonNode proofs = operator.call(RpcMethod.GET_COIN_PROOFS, slotParam, from, to);
        for (JsonNode entry : proofs.path("entries")) {
          if ("included".equals(entry.path("kind").asText())) {
            history
                .addObject()
                .put("blkNum", entry.path("blkNum").asLong())
                .put("coinRoot", entry.path("coinRoot").asText())
                .put("transfer", entry.path("tx").asText(""));
          }
        }
      } catch (ApiError e) {
        out.put("historyError", e.getMessage());
      }
    }
    ArrayNode checkpoints = out.putArray("checkpoints");
    ArrayNode exits = out.putArray("exits");
    try {
      L1View.AsOf at = l1.asOf();
      out.put("asOfL1Block", at.block());
      for (L1Event e : at.events()) {
        if (e instanceof CashGameEvents.CheckpointStarted c && c.slot() == slot) {
          checkpoints
              .addObject()
              .put("owner", c.owner().toHex())
              .put("exitBlock", c.exitBlock())
              .put("claimId", c.claimId())
              .put("state", "started")
              .put("l1Block", c.l1Block());
        } else if (e instanceof CashGameEvents.CheckpointCancelled c && c.slot() == slot) {
          checkpoints
              .addObject()
              .put("owner", c.owner().toHex())
              .put("state", "cancelled")
              .put("l1Block", c.l1Block());
        } else if (e instanceof CashGameEvents.CheckpointFinalized c && c.slot() == slot) {
          checkpoints.addObject().put("state", "finalized").put("l1Block", c.l1Block());
        } else if (e instanceof CashGameEvents.CoinExitStarted c && c.slot() == slot) {
          exits
              .addObject()
              .put("owner", c.owner().toHex())
              .put("exitBlock", c.exitBlock())
              .put("state", "started")
              .put("l1Block", c.l1Block());
        } else if (e instanceof CashGameEvents.CoinExitFinalized c && c.slot() == slot) {
          exits.addObject().put("state", "finalized").put("l1Block", c.l1Block());
        }
      }
    } catch (ApiError.NodeDown e) {
      out.put("l1Error", e.getMessage());
    }
    return out;
  }

  // ---- exit queues ----

  public ObjectNode exits() {
    L1View.AsOf at = l1.asOf();
    long now = at.timestamp();
    ObjectNode out = JSON.createObjectNode().put("asOfL1Block", at.block()).put("now", now);
    ArrayNode queues = out.putArray("queues");
    for (ExitQueues.Queue queue : queues(at)) {
      Address token = queue.token();
      ExitQueues.QueueOnL1 onL1 = at.queue(token);
      ObjectNode q = queues
          .addObject()
          .put("token", token.toHex())
          .put("symbol", units(token).label())
          .put("length", Long.toString(onL1.length()));
      onL1.head()
          .ifPresent(h ->
              q.putObject("head").put("position", h.position()).put("exitableAt", h.exitableAt()));
      ArrayNode entries = q.putArray("entries");
      queue.open().forEach(e -> entries.add(entry(e)));
      ArrayNode deferred = q.putArray("deferred");
      queue.deferred().forEach(e -> deferred.add(entry(e)));
      ArrayNode settled = q.putArray("settled");
      queue.settled().stream().limit(50).forEach(e -> settled.add(entry(e)));
      ArrayNode coins = q.putArray("coinExits");
      queue.coins().stream().limit(100).forEach(e -> coins.add(entry(e)));
    }
    return out;
  }

  /** The exit queues as of {@code at}: its events, its clock and its state. */
  private List<ExitQueues.Queue> queues(L1View.AsOf at) {
    return ExitQueues.build(at.events(), at.timestamp(), lookups(at));
  }

  /**
   * What the exit queues need beyond the events: an input's output, a coin exit's maturity, a
   * token's queue on L1, all as of the same block as the events.
   */
  private ExitQueues.Lookups lookups(L1View.AsOf at) {
    return new ExitQueues.Lookups() {
      @Override
      public Optional<Output> output(long position) {
        return outputAt(at, position);
      }

      @Override
      public Optional<ExitQueues.PendingCoinExit> coinExit(long slot, Address owner) {
        return at.coinExit(slot, owner);
      }

      @Override
      public ExitQueues.QueueOnL1 queue(Address token) {
        return at.queue(token);
      }
    };
  }

  /**
   * The output at {@code position}: a deposit's from L1, any other from its block at the operator.
   */
  private Optional<Output> outputAt(L1View.AsOf view, long position) {
    OutputPosition at = OutputPosition.decode(position);
    if (at.blkNum() % CHILD_BLOCK_INTERVAL != 0) {
      return view.events(RootChain.DepositEvent.class).stream()
          .filter(d -> d.blkNum() == at.blkNum())
          .findFirst()
          .map(d -> new Output(d.owner(), d.token(), d.amount()));
    }
    try {
      JsonNode b = operator.call(RpcMethod.GET_BLOCK, at.blkNum(), at.txIndex(), 1);
      for (JsonNode hex : b.path("transactions")) {
        TxResult<SignedTransaction> tx = TransactionDecoder.decodeSigned(Hex.decode(hex.asText()));
        if (tx.isOk() && at.outputIndex() < tx.value().tx().outputs().size()) {
          return Optional.of(tx.value().tx().outputs().get(at.outputIndex()));
        }
      }
    } catch (ApiError e) {
      // the operator is down or does not serve the block: the piggyback's token stays unknown
    }
    return Optional.empty();
  }

  private ObjectNode entry(ExitQueues.Entry e) {
    ObjectNode o = JSON.createObjectNode()
        .put("kind", e.kind().wire())
        .put("token", e.token().toHex())
        .put("symbol", units(e.token()).label())
        .put("position", e.position())
        .put("id", e.id().toString())
        .put("owner", e.owner().toHex())
        .put("amount", e.amount() == null ? "" : e.amount().toString())
        .put("display", e.amount() == null ? "" : units(e.token()).format(e.amount()))
        .put("exitableAt", e.exitableAt())
        .put("status", e.status().wire())
        .put("secondsToMaturity", e.secondsToMaturity())
        .put("open", e.open())
        .put("detail", e.detail())
        .put("l1Block", e.l1Block());
    return o;
  }

  // ---- byzantine events ----

  /** The events standing now, all of them, in pages. */
  private List<JsonNode> openEvents() {
    return watcher.pages(WatcherRpcMethod.OPEN_EVENTS, 0, EVENTS_READ);
  }

  /** How long reading the standing events, page after page, may take. */
  static final Duration EVENTS_READ = Duration.ofMinutes(1);

  /**
   * The watcher's status, the events standing now and the latest page of the history: a chain's
   * whole history may be more than one answer holds or a page shows.
   */
  public ObjectNode events() {
    ObjectNode out = JSON.createObjectNode();
    JsonNode status = watcher.call(WatcherRpcMethod.STATUS);
    long reported = status.path("byzantineEvents").asLong();
    long after = Math.max(0, reported - SeqPages.PAGE);
    out.set(
        "history", readable(watcher.call(WatcherRpcMethod.BYZANTINE_EVENTS, after, SeqPages.PAGE)));
    out.put("historyTotal", reported);
    List<String> l1Notices = l1Notices(asOfOrNull());
    Health h;
    try {
      List<JsonNode> open = openEvents();
      out.set("open", readable(JSON.valueToTree(open)));
      h = health(open, l1Notices);
    } catch (ApiError.NodeRejected e) {
      out.put("openError", e.getMessage());
      h = Health.withoutWatcher(e.getMessage(), l1Notices);
    }
    ObjectNode health = out.putObject("health").put("state", h.state().wire());
    ArrayNode reasons = health.putArray("reasons");
    h.reasons().forEach(reasons::add);
    out.set("status", status);
    return out;
  }

  /** Each event with its amounts in whole units and symbols beside the watcher's raw ones. */
  private JsonNode readable(JsonNode events) {
    for (JsonNode e : events) {
      if (e instanceof ObjectNode o) {
        o.set("readable", EventAmounts.readable(e.path("details"), this::units));
      }
    }
    return events;
  }

  // ---- search ----

  public ObjectNode search(String q) {
    SearchQuery query = SearchQuery.parse(q);
    ObjectNode out = JSON.createObjectNode().put("query", q);
    return switch (query) {
      case SearchQuery.TxHash t -> {
        try {
          tx(t.hash());
          yield out.put("route", "tx/" + t.hash());
        } catch (ApiError.NotFound e) {
          L1View.L1Transaction onL1 = l1.asOf().transaction(t.hash());
          throw switch (onL1.state()) {
            case CONFIRMED ->
              new ApiError.NotFound(t.hash() + " is a root-chain (L1) transaction"
                  + " (in L1 block " + onL1.block()
                  + "), not a child-chain one: look it up in an L1"
                  + " explorer");
            case PENDING ->
              new ApiError.NotFound(t.hash() + " is a root-chain (L1) transaction"
                  + " pending confirmation: "
                  + (onL1.block() < 0 ? "not yet mined" : "in L1 block " + onL1.block())
                  + ", and this explorer shows L1 as of block " + onL1.asOf());
            case UNKNOWN ->
              new ApiError.NotFound("unknown hash " + t.hash()
                  + ": no child-chain transaction and no root-chain transaction has it (L1 as of"
                  + " block " + onL1.asOf() + ")");
          };
        }
      }
      case SearchQuery.AddressQuery a -> out.put("route", "address/" + a.address());
      case SearchQuery.BlockNumber b -> {
        block(b.blkNum());
        yield out.put("route", "block/" + b.blkNum());
      }
      case SearchQuery.Position p -> {
        OutputPosition at = OutputPosition.decode(p.position());
        block(at.blkNum());
        yield out.put("route", "block/" + at.blkNum());
      }
      case SearchQuery.CoinSlot s -> {
        coin(s.slot());
        yield out.put("route", "coin/" + s.slot());
      }
      case SearchQuery.Unrecognised u ->
        throw new ApiError.NotFound("'" + u.text()
            + "' is not a transaction hash, address, block number or coin slot (slot:N)");
    };
  }

  // ---- helpers ----

  private TokenUnits units(Address token) {
    try {
      return l1.units(token);
    } catch (ApiError.NodeDown e) {
      return TokenUnits.unknown(token);
    }
  }

  static long number(String text, String what) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ApiError.BadRequest("'" + text + "' is not a " + what);
    }
  }

  static Address address(String text) {
    if (text == null || !text.matches("0x[0-9a-fA-F]{40}")) {
      throw new ApiError.BadRequest("'" + text + "' is not an address (0x and 40 hex digits)");
    }
    return Address.fromHex(text);
  }

  /**
   * An amount a node answered, read as the clients read it: one spelling per value, no sign, at
   * most 256 bits, and a string longer than any such value refused before it is parsed.
   */
  static BigInteger quantity(JsonNode n) {
    return org.plasma4j.api.OperatorRpcReader.unsigned(n, 256);
  }
}
