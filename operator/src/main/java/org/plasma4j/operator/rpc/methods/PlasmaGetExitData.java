package org.plasma4j.operator.rpc.methods;

import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.Rejections;
import org.plasma4j.operator.ledger.LedgerQueries;

/**
 * plasma_getExitData [position] → {position, txBytes, proof, blockTimestamp}: the arguments of
 * startStandardExit, for outputs of submitted blocks and of deposits.
 */
public final class PlasmaGetExitData implements JsonRpcMethod {

  private final LedgerQueries queries;

  public PlasmaGetExitData(LedgerQueries queries) {
    this.queries = queries;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_EXIT_DATA;
  }

  @Override
  public OperatorRpc.ExitData execute(Params params) {
    params.requireCount(1);
    LedgerQueries.ExitData d = Rejections.orThrow(queries.exitData(params.position(0)));
    return new OperatorRpc.ExitData(
        d.position().encode(), d.txBytes().toHex(), d.proof().toHex(), d.blockTimestamp());
  }
}
