package org.plasma4j.operator.rpc.methods;

import java.util.List;
import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.operator.ledger.LedgerQueries;

/**
 * plasma_getUtxos [address, after?, limit?] → the owner's spendable outputs (formed blocks and
 * deposits, not exiting) in position order: those after position {@code after}, at most
 * {@code limit} (default and maximum {@link LedgerQueries#MAX_UTXOS}). A page shorter than its
 * limit is the last; the next page starts after the last position of this one. Amounts are decimal
 * strings so that uint256 values survive JavaScript clients.
 */
public final class PlasmaGetUtxos implements JsonRpcMethod {

  private final LedgerQueries queries;

  public PlasmaGetUtxos(LedgerQueries queries) {
    this.queries = queries;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_UTXOS;
  }

  @Override
  public List<OperatorRpc.Utxo> execute(Params params) {
    params.requireCount(1, 3);
    long after = params.size() > 1 ? params.nonNegativeLong(1) : -1;
    int limit = params.limit(2, LedgerQueries.MAX_UTXOS, LedgerQueries.MAX_UTXOS);
    return queries.utxos(params.address(0), after, limit).stream()
        .map(u -> new OperatorRpc.Utxo(
            u.position().encode(),
            u.position().blkNum(),
            u.position().txIndex(),
            u.position().outputIndex(),
            u.record().output().owner().toHex(),
            u.record().output().token().toHex(),
            u.record().output().amount().toString()))
        .toList();
  }
}
