package org.plasma4j.wallet.cash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.OperatorRpcReader;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.wallet.OperatorClient;
import org.plasma4j.wallet.WalletException.OperatorUnreachable;

/**
 * {@link CoinOperator} over the wallet's JSON-RPC client. Slots travel as decimal strings (uint64).
 * Each answer is read field by field into its wire record ({@link OperatorRpcReader}) and checked
 * against what was asked (the slot, the block range, the transfer sent); any other is
 * {@link OperatorUnreachable} "malformed coin answer: ..." naming the field.
 */
public final class CoinRpcClient implements CoinOperator {

  /** The states plasma_getCoin answers. */
  private static final Set<String> STATES = Set.of("deposited", "exiting", "exited", "withdrawn");

  private final OperatorClient rpc;

  public CoinRpcClient(OperatorClient rpc) {
    this.rpc = rpc;
  }

  /**
   * The hash the operator acknowledged the transfer by, which must be the transfer's, of the coin
   * sent: an acknowledgement of another transfer, or of bytes that are no transfer, is malformed.
   */
  @Override
  public Bytes32 sendCoinTransfer(byte[] signedTransfer) {
    var r = read(
        rpc.call(RpcMethod.SEND_COIN_TRANSFER, Bytes.wrap(signedTransfer).toHex()),
        OperatorRpc.SentCoinTransfer.class);
    long slot = slot("slot", r.slot());
    Bytes32 txHash = new Bytes32(hex("txHash", r.txHash(), Bytes32.LENGTH).toArray());
    SignedCoinTransfer sent;
    try {
      sent = SignedCoinTransfer.decode(signedTransfer);
    } catch (RuntimeException e) {
      throw malformed("txHash " + txHash + " acknowledges bytes that are no coin transfer");
    }
    if (slot != sent.slot()) {
      throw malformed("slot " + Long.toUnsignedString(slot) + " is not the coin sent, "
          + Long.toUnsignedString(sent.slot()));
    }
    if (!txHash.equals(sent.transfer().hash())) {
      throw malformed("txHash " + txHash + " is not the hash of the transfer sent, "
          + sent.transfer().hash());
    }
    return txHash;
  }

  @Override
  public OperatorCoin getCoin(long slot) {
    var r = read(rpc.call(RpcMethod.GET_COIN, slot), OperatorRpc.Coin.class);
    long answered = slot("slot", r.slot());
    if (answered != slot) {
      throw malformed("slot " + Long.toUnsignedString(answered) + " is not the coin asked for, "
          + Long.toUnsignedString(slot));
    }
    if (!STATES.contains(r.state())) {
      throw malformed("state: not one of " + STATES + ": " + quote(r.state()));
    }
    return new OperatorCoin(
        answered,
        new Address(hex("token", r.token(), Address.LENGTH).toArray()),
        r.kind(),
        amount("value", r.value()),
        new Address(hex("owner", r.owner(), Address.LENGTH).toArray()),
        r.block(),
        r.state());
  }

  /**
   * One entry per block of the range asked for, each of a kind the operator serves with the parts
   * that kind has: the transfer for "included", a proof for all but "empty".
   */
  @Override
  public List<ProofEntry> getCoinProofs(long slot, long fromBlock, long toBlock) {
    var r = read(
        rpc.call(RpcMethod.GET_COIN_PROOFS, slot, fromBlock, toBlock),
        OperatorRpc.CoinProofs.class);
    if (slot("slot", r.slot()) != slot || r.fromBlock() != fromBlock || r.toBlock() != toBlock) {
      throw malformed("slot " + r.slot() + " blocks " + r.fromBlock() + " to " + r.toBlock()
          + " are not the range asked for, slot " + Long.toUnsignedString(slot) + " blocks "
          + fromBlock + " to " + toBlock);
    }
    List<ProofEntry> entries = new ArrayList<>(r.entries().size());
    for (int i = 0; i < r.entries().size(); i++) {
      OperatorRpc.CoinProof e = r.entries().get(i);
      String at = "entries[" + i + "]";
      boolean shaped = switch (e.kind()) {
        case "included" -> e.tx() != null && e.proof() != null;
        case "excluded" -> e.tx() == null && e.proof() != null;
        case "empty" -> e.tx() == null && e.proof() == null;
        default ->
          throw malformed(at + ".kind: not included, excluded or empty: " + quote(e.kind()));
      };
      if (!shaped || e.blkNum() < fromBlock || e.blkNum() > toBlock) {
        throw malformed(at + ": \"" + e.kind() + "\" in block " + e.blkNum() + " with"
            + (e.tx() == null ? "out" : "") + " a transfer and with"
            + (e.proof() == null ? "out" : "") + " a proof");
      }
      entries.add(new ProofEntry(
          e.blkNum(),
          e.kind(),
          Optional.ofNullable(e.tx()).map(t -> hex(at + ".tx", t)),
          Optional.ofNullable(e.proof()).map(p -> hex(at + ".proof", p))));
    }
    return List.copyOf(entries);
  }

  private static <R extends Record> R read(JsonNode answer, Class<R> type) {
    try {
      return OperatorRpcReader.read(answer, type);
    } catch (OperatorRpcReader.Malformed e) {
      throw new OperatorUnreachable("malformed coin answer: " + e.getMessage(), e);
    }
  }

  private static OperatorUnreachable malformed(String what) {
    return new OperatorUnreachable("malformed coin answer: " + what, null);
  }

  /** A uint64 slot (decimal above 2^63 - 1), as the long of the same 64 bits. */
  private static long slot(String field, String text) {
    return unsigned(field, text, 64).longValue();
  }

  private static BigInteger amount(String field, String text) {
    return unsigned(field, text, 256);
  }

  /**
   * A decimal or 0x quantity of at most {@code bits} bits; one beyond is malformed, never wrapped
   * into another coin's slot.
   */
  private static BigInteger unsigned(String field, String text, int bits) {
    try {
      return OperatorRpcReader.unsigned(TextNode.valueOf(text), bits);
    } catch (OperatorRpcReader.Malformed e) {
      throw new OperatorUnreachable("malformed coin answer: " + field + ": " + e.getMessage(), e);
    }
  }

  private static Bytes hex(String field, String text, int length) {
    Bytes b = hex(field, text);
    if (b.length() != length) {
      throw malformed(field + ": not " + length + " bytes: " + quote(text));
    }
    return b;
  }

  private static Bytes hex(String field, String text) {
    try {
      return Bytes.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new OperatorUnreachable(
          "malformed coin answer: " + field + ": not hex: " + quote(text), e);
    }
  }

  private static String quote(String text) {
    return OperatorRpcReader.quote(TextNode.valueOf(text));
  }
}
