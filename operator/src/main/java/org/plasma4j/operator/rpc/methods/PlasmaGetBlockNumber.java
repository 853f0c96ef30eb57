package org.plasma4j.operator.rpc.methods;

import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.operator.ledger.LedgerQueries;

/** plasma_getBlockNumber [] → the latest formed child block number (0 before the first). */
public final class PlasmaGetBlockNumber implements JsonRpcMethod {

  private final LedgerQueries queries;

  public PlasmaGetBlockNumber(LedgerQueries queries) {
    this.queries = queries;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_BLOCK_NUMBER;
  }

  @Override
  public Long execute(Params params) {
    params.requireCount(0);
    return queries.lastFormedBlock();
  }
}
