package org.plasma4j.node.rpc;

import org.plasma4j.api.WireName;

/**
 * One JSON-RPC method; each node keeps one class per method (the operator's under
 * {@code operator.rpc.methods}, the watcher's under {@code watcher.rpc.methods}) and serves them
 * through the same dispatcher, so the name is a {@link WireName}.
 */
public interface JsonRpcMethod {

  WireName method();

  /** Returns a value Jackson can serialize; throws {@link RpcException} for any refusal. */
  Object execute(Params params);
}
