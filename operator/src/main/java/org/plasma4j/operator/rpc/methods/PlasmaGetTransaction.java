package org.plasma4j.operator.rpc.methods;

import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.Hex;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.RpcException;
import org.plasma4j.operator.ledger.LedgerQueries;
import org.plasma4j.operator.ledger.TxLocation;

/**
 * plasma_getTransaction [txHash] → {txHash, status, blkNum, txIndex, signedTx}; status is "pending"
 * (acknowledged, no block yet; blkNum and txIndex absent) or "formed".
 */
public final class PlasmaGetTransaction implements JsonRpcMethod {

  private final LedgerQueries queries;

  public PlasmaGetTransaction(LedgerQueries queries) {
    this.queries = queries;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_TRANSACTION;
  }

  @Override
  public OperatorRpc.Transaction execute(Params params) {
    params.requireCount(1);
    var hash = params.bytes32(0);
    LedgerQueries.TxView tx = queries
        .transaction(hash)
        .orElseThrow(() -> new RpcException(RpcError.NOT_FOUND, "no transaction " + hash));
    TxLocation loc = tx.location();
    return loc.isPending()
        ? new OperatorRpc.Transaction(
            hash.toHex(), "pending", null, null, Hex.encode(tx.signedTx()))
        : new OperatorRpc.Transaction(
            hash.toHex(), "formed", loc.blkNum(), (int) loc.index(), Hex.encode(tx.signedTx()));
  }
}
