package org.plasma4j.wallet.cash;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plasma4j.api.OperatorRpcReader;
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
    return new Bytes32(hex(need(r, "txHash"), Bytes32.LENGTH).toArray());
  }

  @Override
  public OperatorCoin getCoin(long slot) {
    JsonNode r = rpc.call(RpcMethod.GET_COIN, slot);
    return new OperatorCoin(
        slot(need(r, "slot")),
        new Address(hex(need(r, "token"), Address.LENGTH).toArray()),
        (int) inRange(need(r, "kind"), Integer.MAX_VALUE),
        amount(need(r, "value")),
        new Address(hex(need(r, "owner"), Address.LENGTH).toArray()),
        inRange(need(r, "block"), Long.MAX_VALUE),
        need(r, "state").asText());
  }

  @Override
  public List<ProofEntry> getCoinProofs(long slot, long fromBlock, long toBlock) {
    JsonNode r = rpc.call(RpcMethod.GET_COIN_PROOFS, slot, fromBlock, toBlock);
    List<ProofEntry> entries = new ArrayList<>();
    for (JsonNode e : need(r, "entries")) {
      entries.add(new ProofEntry(
          inRange(need(e, "blkNum"), Long.MAX_VALUE),
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

  /** A uint64 slot (decimal above 2^63 - 1), as the long of the same 64 bits. */
  private static long slot(JsonNode n) {
    return unsigned(n, 64).longValue();
  }

  private static BigInteger amount(JsonNode n) {
    return unsigned(n, 256);
  }

  /**
   * A JSON number, a decimal string or a 0x quantity of at most {@code bits} bits; one beyond is
   * malformed, never wrapped into another coin's slot.
   */
  private static BigInteger unsigned(JsonNode n, int bits) {
    try {
      return OperatorRpcReader.unsigned(n, bits);
    } catch (OperatorRpcReader.Malformed e) {
      throw new OperatorUnreachable("malformed coin answer: " + e.getMessage(), e);
    }
  }

  private static long inRange(JsonNode n, long max) {
    try {
      return OperatorRpcReader.inRange(n, 0, max);
    } catch (OperatorRpcReader.Malformed e) {
      throw new OperatorUnreachable("malformed coin answer: " + e.getMessage(), e);
    }
  }

  private static Bytes hex(JsonNode n, int length) {
    Bytes b = hex(n);
    if (b.length() != length) {
      throw new OperatorUnreachable("malformed coin answer: not " + length + " bytes: " + n, null);
    }
    return b;
  }

  private static Bytes hex(JsonNode n) {
    try {
      return Bytes.fromHex(n.asText());
    } catch (IllegalArgumentException e) {
      throw new OperatorUnreachable("malformed coin answer: not hex: " + n, e);
    }
  }
}
