package org.plasma4j.node.rpc;

import org.plasma4j.api.RpcError;

/** A request a node refuses; the dispatcher turns it into a JSON-RPC error object. */
public final class RpcException extends RuntimeException {

  private final RpcError error;

  public RpcException(RpcError error, String message) {
    super(message, null, false, false); // expected outcome: no stack trace to fill
    this.error = error;
  }

  public RpcException(RpcError error) {
    this(error, error.defaultMessage());
  }

  public RpcError error() {
    return error;
  }
}
