package org.plasma4j.operator.rpc.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.Rejections;
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
    return BatchSubmission.submit(intake, params).thenApply(PlasmaSendTransactions::entries);
  }

  private static List<Entry> entries(List<BatchSubmission.Outcome> outcomes) {
    List<Entry> out = new ArrayList<>(outcomes.size());
    for (BatchSubmission.Outcome o : outcomes) {
      out.add(
          o.accepted()
              ? new Entry(o.txHash().toHex(), null)
              : new Entry(null, new Rejections.ErrorBody(o.error().code(), o.detail())));
    }
    return out;
  }
}
