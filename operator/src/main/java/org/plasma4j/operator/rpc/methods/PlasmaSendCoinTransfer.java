package org.plasma4j.operator.rpc.methods;

import java.util.concurrent.CompletableFuture;
import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.Rejections;
import org.plasma4j.node.rpc.RpcException;
import org.plasma4j.operator.cash.CoinIntake;

/**
 * plasma_sendCoinTransfer [signedTransferHex (101 bytes)] → {slot, txHash}, answered once the
 * transfer is durable in the pending block.
 */
public final class PlasmaSendCoinTransfer implements JsonRpcMethod {

  private final CoinIntake intake;

  public PlasmaSendCoinTransfer(CoinIntake intake) {
    this.intake = intake;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.SEND_COIN_TRANSFER;
  }

  @Override
  public CompletableFuture<OperatorRpc.SentCoinTransfer> execute(Params params) {
    byte[] signed;
    try {
      params.requireCount(1);
      signed = params.hex(0, -1);
    } catch (RpcException e) {
      intake.refusedParams();
      throw e;
    }
    long slot = signed.length >= Long.BYTES ? java.nio.ByteBuffer.wrap(signed).getLong() : 0;
    return intake
        .submit(signed)
        .thenApply(r -> new OperatorRpc.SentCoinTransfer(
            Long.toUnsignedString(slot), Rejections.orThrow(r).toHex()));
  }
}
