package org.plasma4j.operator.rpc.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.operator.chain.TxIntake;

/**
 * plasma_sendTransactions [[signedTxHex, ...]] → one {txHash} or {error} per transaction, in order.
 * The whole batch shares one group commit; each transaction succeeds or fails on its own.
 */
public final class PlasmaSendTransactions implements JsonRpcMethod {

  private final TxIntake intake;

  public PlasmaSendTransactions(TxIntake intake) {
    this.intake = intake;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.SEND_TRANSACTIONS;
  }

  @Override
  public CompletableFuture<List<OperatorRpc.BatchEntry>> execute(Params params) {
    return BatchSubmission.submit(intake, params).thenApply(PlasmaSendTransactions::entries);
  }

  private static List<OperatorRpc.BatchEntry> entries(List<BatchSubmission.Outcome> outcomes) {
    List<OperatorRpc.BatchEntry> out = new ArrayList<>(outcomes.size());
    for (BatchSubmission.Outcome o : outcomes) {
      out.add(
          o.accepted()
              ? new OperatorRpc.BatchEntry(o.txHash().toHex(), null)
              : new OperatorRpc.BatchEntry(
                  null, new OperatorRpc.ErrorBody(o.error().code(), o.detail())));
    }
    return out;
  }
}
