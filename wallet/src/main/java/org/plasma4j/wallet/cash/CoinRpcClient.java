package org.plasma4j.wallet.cash;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.wallet.OperatorClient;
import org.plasma4j.wallet.WalletException.OperatorUnreachable;

/**
 * {@link CoinOperator} over the wallet's JSON-RPC client. Slots travel as decimal strings (uint64).
 */
public final class CoinRpcClient implements CoinOperator {

  private final OperatorClient rpc;

  public CoinRpcClient(OperatorClient rpc) {
    this.rpc = rpc;
  }

  @Override
  public Bytes32 sendCoinTransfer(byte[] signedTransfer) {
    JsonNode r =
        rpc.call(RpcMethod.SEND_COIN_TRANSFER, Bytes.wrap(signedTransfer).toHex());
    return new Bytes32(hex(need(r, "txHash")).toArray());
  }

  @Override
  public OperatorCoin getCoin(long slot) {
    JsonNode r = rpc.call(RpcMethod.GET_COIN, slot);
    return new OperatorCoin(
        number(need(r, "slot")).longValue(),
        new Address(hex(need(r, "token")).toArray()),
        number(need(r, "kind")).intValueExact(),
        number(need(r, "value")),
        new Address(hex(need(r, "owner")).toArray()),
        number(need(r, "block")).longValueExact(),
        need(r, "state").asText());
  }

  @Override
  public List<ProofEntry> getCoinProofs(long slot, long fromBlock, long toBlock) {
    JsonNode r = rpc.call(RpcMethod.GET_COIN_PROOFS, slot, fromBlock, toBlock);
    List<ProofEntry> entries = new ArrayList<>();
    for (JsonNode e : need(r, "entries")) {
      entries.add(new ProofEntry(
          number(need(e, "blkNum")).longValueExact(),
          need(e, "kind").asText(),
          optionalHex(e, "tx"),
          optionalHex(e, "proof")));
    }
    return List.copyOf(entries);
  }

  private static Optional<Bytes> optionalHex(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(hex(v));
  }

  private static JsonNode need(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new OperatorUnreachable("malformed coin answer: no '" + name + "' in " + n, null);
    }
    return v;
  }

  /** A JSON number, a decimal string (uint64 slots above 2^63) or a 0x quantity. */
  private static BigInteger number(JsonNode n) {
    try {
      if (n.isIntegralNumber()) {
        return n.bigIntegerValue();
      }
      String t = n.asText();
      return t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
    } catch (NumberFormatException e) {
      throw new OperatorUnreachable("malformed coin answer: not a number: " + n, e);
    }
  }

  private static Bytes hex(JsonNode n) {
    try {
      return Bytes.fromHex(n.asText());
    } catch (IllegalArgumentException e) {
      throw new OperatorUnreachable("malformed coin answer: not hex: " + n, e);
    }
  }
}
