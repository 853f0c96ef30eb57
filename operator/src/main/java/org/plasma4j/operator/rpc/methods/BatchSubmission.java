package org.plasma4j.operator.rpc.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.rpc.Hex;
import org.plasma4j.node.rpc.JsonRpcDispatcher;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.Rejections;
import org.plasma4j.node.rpc.RpcException;
import org.plasma4j.operator.chain.TxIntake;

/**
 * What the batch send methods share: the params {@code [[signedTxHex, ...]]}, the batch limit, and
 * one outcome per transaction in order. Bad hex fails only its own entry, like any other
 * per-transaction error; the whole batch shares one group commit.
 */
final class BatchSubmission {

  /** One transaction's outcome: the hash it was accepted under, or the error that refused it. */
  record Outcome(Bytes32 txHash, RpcError error, String detail) {
    boolean accepted() {
      return txHash != null;
    }
  }

  private BatchSubmission() {}

  static CompletableFuture<List<Outcome>> submit(TxIntake intake, Params params) {
    params.requireCount(1);
    List<String> hexes = params.stringArray(0);
    if (hexes.size() > JsonRpcDispatcher.MAX_BATCH) {
      throw new RpcException(
          RpcError.PAYLOAD_TOO_LARGE,
          hexes.size() + " transactions; at most " + JsonRpcDispatcher.MAX_BATCH);
    }
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
    intake.refusedParams(hexes.size() - decoded.size());
    return intake.submit(decoded).thenApply(results -> outcomes(hexErrors, results));
  }

  private static List<Outcome> outcomes(
      List<RpcException> hexErrors, List<TxResult<Bytes32>> results) {
    List<Outcome> out = new ArrayList<>(hexErrors.size());
    int next = 0;
    for (RpcException hexError : hexErrors) {
      if (hexError != null) {
        out.add(new Outcome(null, hexError.error(), hexError.getMessage()));
        continue;
      }
      TxResult<Bytes32> r = results.get(next++);
      out.add(
          r.isOk()
              ? new Outcome(r.value(), null, null)
              : new Outcome(null, Rejections.toRpcError(r.rejection()), r.detail()));
    }
    return out;
  }
}
