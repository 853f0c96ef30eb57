package org.plasma4j.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.api.WatcherRpcMethod;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Eip712;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.rootchain.TokenUnits;
import org.plasma4j.wallet.PaymentPlanner;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.Utxo;
import org.plasma4j.wallet.WalletException;

/**
 * The web wallet's server half. It never holds a key: it prepares what the user's own wallet signs
 * or sends (the EIP-712 typed data of a payment, the calldata of a root-chain call), and assembles
 * and submits a payment once the page hands back its signatures.
 */
public final class WalletViews {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NodeClient operator;
  private final NodeClient watcher;
  private final L1View l1;

  public WalletViews(NodeClient operator, NodeClient watcher, L1View l1) {
    this.operator = operator;
    this.watcher = watcher;
    this.l1 = l1;
  }

  public ApiRoutes register(ApiRoutes routes) {
    return routes
        .register("wallet-payment", this::payment)
        .register("wallet-submit", this::submit)
        .register("wallet-deposit", this::deposit)
        .register("wallet-exit", this::exit)
        .register("wallet-challenge", this::challenge)
        .register("wallet-process", this::process)
        .register("wallet-tokens", r -> tokens())
        .register("wallet-coin-deposit", this::coinDeposit)
        .register("wallet-coin-transfer", this::coinTransfer)
        .register("wallet-coin-submit", this::coinSubmit);
  }

  /** The tokens a user can deposit, pay and exit here: ETH and those the operator takes fees in. */
  public ObjectNode tokens() {
    java.util.Set<Address> tokens = new java.util.LinkedHashSet<>();
    tokens.add(Address.ETH);
    try {
      operator
          .call(RpcMethod.GET_FEE_SCHEDULE)
          .properties()
          .forEach(e -> tokens.add(Address.fromHex(e.getKey())));
    } catch (ApiError.NodeDown e) {
      // ETH alone then: the page still deposits and exits
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("tokens");
    for (Address t : tokens) {
      TokenUnits u = l1.units(t);
      list.addObject()
          .put("token", t.toHex())
          .put("symbol", u.label())
          .put("decimals", u.decimals());
    }
    return out;
  }

  /** The signing domain: the root chain's id and the framework, never the operator's word. */
  public Domain domain() {
    return new Domain(l1.chainId(), l1.framework());
  }

  /**
   * Plans a payment from {@code from} and returns the typed data to sign, the unsigned transaction
   * and the digest the signature must be over.
   */
  public ObjectNode payment(ApiRoutes.Request r) {
    Address from = ChainViews.address(r.param("from"));
    Address to = ChainViews.address(r.param("to"));
    Address token = ChainViews.address(r.optional("token").orElse(Address.ETH.toHex()));
    BigInteger amount = baseUnits(r, l1.units(token));
    List<Utxo> utxos = new ArrayList<>();
    for (JsonNode u : operator.call(RpcMethod.GET_UTXOS, from.toHex())) {
      utxos.add(Utxo.of(
          OutputPosition.decode(u.path("position").asLong()),
          Address.fromHex(u.path("owner").asText()),
          Address.fromHex(u.path("token").asText()),
          ChainViews.quantity(u.path("amount"))));
    }
    Map<Address, BigInteger> fees = new LinkedHashMap<>();
    operator
        .call(RpcMethod.GET_FEE_SCHEDULE)
        .properties()
        .forEach(e -> fees.put(Address.fromHex(e.getKey()), ChainViews.quantity(e.getValue())));
    PaymentPlanner.Plan plan;
    try {
      plan = PaymentPlanner.plan(from, utxos, to, token, amount, fees);
    } catch (WalletException e) {
      throw new ApiError.BadRequest(e.getMessage());
    }
    return prepared(plan.tx())
        .put("fee", plan.fee().toString())
        .put("feeDisplay", l1.units(plan.feeToken()).format(plan.fee()))
        .put("amountDisplay", l1.units(token).format(amount));
  }

  /** Typed data, unsigned transaction and digest of {@code tx} under the root chain's domain. */
  public ObjectNode prepared(Transaction tx) {
    Domain domain = domain();
    ObjectNode out = JSON.createObjectNode();
    out.set("typedData", TypedData.of(tx, domain));
    out.put("txBytes", Hex.encode(tx.encode()));
    out.put("digest", Hex.encode(Eip712.digest(tx, domain)));
    out.put("chainId", domain.chainId());
    return out;
  }

  /**
   * Assembles the signed transaction from the prepared {@code txBytes} and one signature per input,
   * checks each recovers to someone, and submits it to the operator.
   */
  public ObjectNode submit(ApiRoutes.Request r) {
    TxResult<Transaction> decoded =
        TransactionDecoder.decodeTransaction(Hex.decode(r.param("txBytes")));
    if (!decoded.isOk()) {
      throw new ApiError.BadRequest("not a transaction: " + decoded.detail());
    }
    Transaction tx = decoded.value();
    JsonNode sigs = r.body() == null ? null : r.body().get("signatures");
    if (sigs == null || !sigs.isArray() || sigs.size() != tx.inputs().size()) {
      throw new ApiError.BadRequest(
          "one signature per input needed: " + tx.inputs().size() + " inputs");
    }
    Domain domain = domain();
    byte[] digest = Eip712.digest(tx, domain);
    List<Signature> signatures = new ArrayList<>();
    ArrayNode signers = JSON.createArrayNode();
    for (JsonNode s : sigs) {
      Signature sig = normalised(s.asText());
      signatures.add(sig);
      signers.add(Secp256k1.recover(digest, sig)
          .map(Address::toHex)
          .orElseThrow(() -> new ApiError.BadRequest("a signature recovers to no key")));
    }
    SignedTransaction signed = SignedTransaction.of(tx, signatures, domain);
    JsonNode result = operator.call(RpcMethod.SEND_TRANSACTION, Hex.encode(signed.encode()));
    ObjectNode out = JSON.createObjectNode();
    out.put("txHash", result.path("txHash").asText(signed.txHash().toHex()));
    out.set("signers", signers);
    return out;
  }

  /**
   * A 65-byte r ‖ s ‖ v; some wallets answer v as 0 or 1 where the protocol takes 27 or 28
   * (docs/protocol.md 2.2).
   */
  static Signature normalised(String hex) {
    byte[] b;
    try {
      b = Hex.decode(hex);
    } catch (RuntimeException e) {
      throw new ApiError.BadRequest("a signature is not hex");
    }
    if (b.length != Signature.LENGTH) {
      throw new ApiError.BadRequest("a signature has " + b.length + " bytes, not 65");
    }
    if (b[64] == 0 || b[64] == 1) {
      b[64] += 27;
    }
    return new Signature(b);
  }

  /** A coin of ETH: {@code depositEth} on the cash exit game the framework registered. */
  public ObjectNode coinDeposit(ApiRoutes.Request r) {
    BigInteger amount = baseUnits(r.param("amount"), l1.units(Address.ETH));
    return calls(List.of(L1Call.depositCoinEth(l1.cashGame(), amount)));
  }

  /**
   * The transfer of coin {@code slot} to {@code to}, naming the coin's latest block as the operator
   * serves it, and its typed data for the current owner to sign.
   */
  public ObjectNode coinTransfer(ApiRoutes.Request r) {
    long slot = slot(r.param("slot"));
    Address to = ChainViews.address(r.param("to"));
    JsonNode coin;
    try {
      coin = operator.call(RpcMethod.GET_COIN, "0x" + Long.toHexString(slot));
    } catch (ApiError.NodeRejected e) {
      throw new ApiError.NotFound(
          "unknown coin " + Long.toUnsignedString(slot) + ": " + e.getMessage());
    }
    CoinTransfer transfer = new CoinTransfer(slot, coin.path("block").asLong(), to);
    Domain domain = domain();
    ObjectNode out = JSON.createObjectNode();
    out.set("typedData", TypedData.of(transfer, domain));
    out.put("transfer", Hex.encode(transfer.encode()));
    out.put("digest", Hex.encode(transfer.digest(domain)));
    out.put("owner", coin.path("owner").asText());
    return out;
  }

  /** Submits a signed coin transfer: the 36-byte transfer and the owner's signature. */
  public ObjectNode coinSubmit(ApiRoutes.Request r) {
    byte[] transfer = Hex.decode(r.param("transfer"));
    if (transfer.length != CoinTransfer.LENGTH) {
      throw new ApiError.BadRequest("a coin transfer has " + CoinTransfer.LENGTH + " bytes");
    }
    SignedCoinTransfer signed =
        new SignedCoinTransfer(CoinTransfer.decode(transfer), normalised(r.param("signature")));
    JsonNode result = operator.call(RpcMethod.SEND_COIN_TRANSFER, Hex.encode(signed.encode()));
    return JSON.createObjectNode()
        .put("slot", result.path("slot").asText())
        .put("txHash", result.path("txHash").asText());
  }

  private static long slot(String text) {
    try {
      return Long.parseUnsignedLong(text.trim());
    } catch (NumberFormatException e) {
      throw new ApiError.BadRequest("'" + text + "' is not a coin slot");
    }
  }

  /** Deposit: {@code depositEth}, or {@code approve} then {@code depositErc20} for a token. */
  public ObjectNode deposit(ApiRoutes.Request r) {
    Address token = ChainViews.address(r.optional("token").orElse(Address.ETH.toHex()));
    BigInteger amount = baseUnits(r, l1.units(token));
    List<L1Call> calls = token.isZero()
        ? List.of(L1Call.depositEth(l1.framework(), amount))
        : List.of(
            L1Call.approve(token, l1.framework(), amount),
            L1Call.depositErc20(l1.framework(), token, amount));
    return calls(calls);
  }

  /**
   * A standard exit of {@code position}: with the arguments the watcher advises when it lists the
   * output (they hold even if the operator stopped serving), else with the operator's exit data.
   */
  public ObjectNode exit(ApiRoutes.Request r) {
    Address owner = ChainViews.address(r.param("owner"));
    long position = ChainViews.number(r.param("position"), "output position");
    try {
      for (JsonNode e :
          watcher.call(WatcherRpcMethod.EXIT_ADVICE, owner.toHex()).path("standardExits")) {
        if (e.path("position").asLong() == position) {
          return calls(List.of(L1Call.startStandardExit(
              l1.framework(),
              position,
              Hex.decode(e.path("txBytes").asText()),
              Hex.decode(e.path("proof").asText()),
              e.path("blockTimestamp").asLong(),
              l1.exitBond())));
        }
      }
    } catch (ApiError.NodeDown e) {
      // the operator's exit data below serves as well while the chain is honest
    }
    JsonNode data;
    try {
      data = operator.call(RpcMethod.GET_EXIT_DATA, position);
    } catch (ApiError.NotFound e) {
      throw new ApiError.NotFound("no exit data for output " + position
          + ": the operator knows no such output in a submitted block");
    }
    return calls(List.of(L1Call.startStandardExit(
        l1.framework(),
        position,
        Hex.decode(data.path("txBytes").asText()),
        Hex.decode(data.path("proof").asText()),
        data.path("blockTimestamp").asLong(),
        l1.exitBond())));
  }

  /**
   * A challenge of the exit of {@code position} by commit and reveal: the reveal must be sent after
   * the commit is mined, so the page sends them in order, each after the last one's receipt.
   */
  public ObjectNode challenge(ApiRoutes.Request r) {
    Address challenger = ChainViews.address(r.param("challenger"));
    long position = ChainViews.number(r.param("position"), "output position");
    JsonNode data;
    try {
      data = operator.call(RpcMethod.GET_CHALLENGE_DATA, position);
    } catch (ApiError.NotFound e) {
      throw new ApiError.NotFound("output " + position
          + " is not spent in any known block: there is nothing to challenge its exit with");
    }
    byte[] spendingTx = Hex.decode(data.path("spendingTx").asText());
    return calls(List.of(
        L1Call.commitChallenge(
            l1.framework(), PlasmaWallet.challengeCommitment(challenger, position, spendingTx)),
        L1Call.challengeStandardExit(
            l1.framework(),
            position,
            spendingTx,
            data.path("inputIndex").asInt(),
            Hex.decode(data.path("signature").asText()))));
  }

  public ObjectNode process(ApiRoutes.Request r) {
    Address token = ChainViews.address(r.optional("token").orElse(Address.ETH.toHex()));
    int max = (int) ChainViews.number(r.optional("max").orElse("20"), "number of exits");
    return calls(List.of(L1Call.processExits(l1.framework(), token, max)));
  }

  private ObjectNode calls(List<L1Call> calls) {
    ObjectNode out = JSON.createObjectNode().put("chainId", l1.chainId());
    ArrayNode list = out.putArray("calls");
    for (L1Call c : calls) {
      list.addObject()
          .put("label", c.label())
          .put("to", c.to().toHex())
          .put("data", c.data())
          .put("value", c.valueHex());
    }
    return out;
  }

  /** A whole-unit decimal amount ("1.5") in the token's base units. */
  /**
   * The request's {@code amount} in base units of {@code units}. The page sends the decimals it
   * showed the token with ({@code decimals}): a token it could not read then (base units) may state
   * its decimals by now, and the same digits would then mean 10^decimals times more, so an amount
   * typed for other decimals than the token's now is refused.
   */
  static BigInteger baseUnits(ApiRoutes.Request r, TokenUnits units) {
    r.optional("decimals")
        .filter(shown -> !shown.equals(Integer.toString(units.decimals())))
        .ifPresent(shown -> {
          throw new ApiError.BadRequest("the amount was typed for " + shown + " decimals but "
              + units.label() + " now states " + units.decimals()
              + ": reload the page and check the amount");
        });
    return baseUnits(r.param("amount"), units);
  }

  static BigInteger baseUnits(String text, TokenUnits units) {
    BigDecimal amount;
    try {
      amount = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new ApiError.BadRequest("'" + text + "' is not an amount");
    }
    if (amount.signum() <= 0) {
      throw new ApiError.BadRequest("the amount must be positive");
    }
    try {
      return amount.movePointRight(units.decimals()).toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new ApiError.BadRequest("'" + text + "' has more than " + units.decimals()
          + " decimals, the most " + units.label() + " has");
    }
  }
}
