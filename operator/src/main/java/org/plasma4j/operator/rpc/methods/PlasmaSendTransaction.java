package org.plasma4j.operator.rpc.methods;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.Rejections;
import org.plasma4j.node.rpc.RpcException;
import org.plasma4j.operator.chain.TxIntake;

/** plasma_sendTransaction [signedTxHex] → {txHash}, answered once the transaction is durable. */
public final class PlasmaSendTransaction implements JsonRpcMethod {

  private final TxIntake intake;

  public PlasmaSendTransaction(TxIntake intake) {
    this.intake = intake;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.SEND_TRANSACTION;
  }

  @Override
  public CompletableFuture<OperatorRpc.SentTransaction> execute(Params params) {
    byte[] signed;
    try {
      params.requireCount(1);
      signed = params.hex(0, -1);
    } catch (RpcException e) {
      intake.refusedParams(1);
      throw e;
    }
    return intake
        .submit(List.of(signed))
        .thenApply(results -> new OperatorRpc.SentTransaction(
            Rejections.orThrow(results.getFirst()).toHex()));
  }
}
