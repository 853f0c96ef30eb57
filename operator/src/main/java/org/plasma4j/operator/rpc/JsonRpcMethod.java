package org.plasma4j.operator.rpc;

/** One JSON-RPC method; each lives in its own class under {@code rpc.methods}. */
public interface JsonRpcMethod {

  RpcMethod method();

  /** Returns a value Jackson can serialize; throws {@link RpcException} for any refusal. */
  Object execute(Params params);
}
