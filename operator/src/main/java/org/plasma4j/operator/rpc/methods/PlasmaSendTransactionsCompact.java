package org.plasma4j.operator.rpc.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.operator.chain.TxIntake;

/**
 * plasma_sendTransactionsCompact [[signedTxHex, ...]] → one item per transaction, in order: its
 * hash (a hex string) if accepted, else the error code (a number) that refused it. The same
 * acceptance as plasma_sendTransactions, without the per-transaction objects and messages, which
 * cost a large client as much to write and read as the operator spends recovering signatures; a
 * client that wants the message sends the refused transaction again with plasma_sendTransaction.
 */
public final class PlasmaSendTransactionsCompact implements JsonRpcMethod {

  private final TxIntake intake;

  public PlasmaSendTransactionsCompact(TxIntake intake) {
    this.intake = intake;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.SEND_TRANSACTIONS_COMPACT;
  }

  @Override
  public CompletableFuture<List<Object>> execute(Params params) {
    return BatchSubmission.submit(intake, params).thenApply(PlasmaSendTransactionsCompact::items);
  }

  private static List<Object> items(List<BatchSubmission.Outcome> outcomes) {
    List<Object> out = new ArrayList<>(outcomes.size());
    for (BatchSubmission.Outcome o : outcomes) {
      out.add(o.accepted() ? o.txHash().toHex() : (Object) o.error().code());
    }
    return out;
  }
}
