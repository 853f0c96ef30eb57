package org.plasma4j.operator.rpc.methods;

import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.Rejections;
import org.plasma4j.operator.ledger.LedgerQueries;

/**
 * plasma_getChallengeData [position] → {position, spendingTx, inputIndex, signature}: the arguments
 * of challengeStandardExit against an exit of a spent output. spendingTx is the unsigned txBytes.
 */
public final class PlasmaGetChallengeData implements JsonRpcMethod {

  private final LedgerQueries queries;

  public PlasmaGetChallengeData(LedgerQueries queries) {
    this.queries = queries;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_CHALLENGE_DATA;
  }

  @Override
  public OperatorRpc.ChallengeData execute(Params params) {
    params.requireCount(1);
    LedgerQueries.ChallengeData d = Rejections.orThrow(queries.challengeData(params.position(0)));
    return new OperatorRpc.ChallengeData(
        d.position().encode(),
        d.spendingTxBytes().toHex(),
        d.inputIndex(),
        d.signature().toHex());
  }
}
