package org.plasma4j.node.rpc;

import org.plasma4j.api.RpcError;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;

/** The one mapping from core rejections to RPC errors: the names are the same by design. */
public final class Rejections {

  private Rejections() {}

  public static RpcError toRpcError(TxRejection rejection) {
    return RpcError.valueOf(rejection.name());
  }

  /** The value, or the rejection as an {@link RpcException}. */
  public static <T> T orThrow(TxResult<T> result) {
    if (!result.isOk()) {
      throw new RpcException(toRpcError(result.rejection()), result.detail());
    }
    return result.value();
  }
}
