package org.plasma4j.node.rpc;

import org.plasma4j.api.WireName;

/**
 * One JSON-RPC method; each lives in its own class under {@code rpc.methods}. Other nodes (the
 * watcher) serve their own methods through the same dispatcher, so the name is a {@link WireName}.
 */
public interface JsonRpcMethod {

  WireName method();

  /** Returns a value Jackson can serialize; throws {@link RpcException} for any refusal. */
  Object execute(Params params);
}
