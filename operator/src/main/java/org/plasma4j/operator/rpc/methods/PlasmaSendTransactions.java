package org.plasma4j.operator.rpc.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.rpc.Hex;
import org.plasma4j.node.rpc.JsonRpcDispatcher;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.Rejections;
import org.plasma4j.node.rpc.RpcException;
import org.plasma4j.operator.chain.TxIntake;

/**
 * plasma_sendTransactions [[signedTxHex, ...]] → one {txHash} or {error} per transaction, in order.
 * The whole batch shares one group commit; each transaction succeeds or fails on its own.
 */
public final class PlasmaSendTransactions implements JsonRpcMethod {

  /** One entry of the result: exactly one of the fields is set. */
  public record Entry(String txHash, Rejections.ErrorBody error) {}

  private final TxIntake intake;

  public PlasmaSendTransactions(TxIntake intake) {
    this.intake = intake;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.SEND_TRANSACTIONS;
  }

  @Override
  public CompletableFuture<List<Entry>> execute(Params params) {
    params.requireCount(1);
    List<String> hexes = params.stringArray(0);
    if (hexes.size() > JsonRpcDispatcher.MAX_BATCH) {
      throw new RpcException(
          RpcError.PAYLOAD_TOO_LARGE,
          hexes.size() + " transactions; at most " + JsonRpcDispatcher.MAX_BATCH);
    }
    // bad hex fails only its own entry, like any other per-transaction error
    List<byte[]> decoded = new ArrayList<>(hexes.size());
    List<RpcException> hexErrors = new ArrayList<>(hexes.size());
    for (int i = 0; i < hexes.size(); i++) {
      try {
        decoded.add(Hex.decode(hexes.get(i), -1, "transaction " + i));
        hexErrors.add(null);
      } catch (RpcException e) {
        hexErrors.add(e);
      }
    }
    return intake.submit(decoded).thenApply(results -> entries(hexErrors, results));
  }

  private static List<Entry> entries(
      List<RpcException> hexErrors, List<TxResult<Bytes32>> results) {
    List<Entry> out = new ArrayList<>(hexErrors.size());
    int next = 0;
    for (RpcException hexError : hexErrors) {
      if (hexError != null) {
        out.add(new Entry(
            null, new Rejections.ErrorBody(hexError.error().code(), hexError.getMessage())));
        continue;
      }
      TxResult<Bytes32> r = results.get(next++);
      out.add(
          r.isOk()
              ? new Entry(r.value().toHex(), null)
              : new Entry(null, error(r.rejection(), r.detail())));
    }
    return out;
  }

  private static Rejections.ErrorBody error(TxRejection rejection, String detail) {
    return new Rejections.ErrorBody(Rejections.toRpcError(rejection).code(), detail);
  }
}
