package org.plasma4j.operator.rpc.methods;

import java.util.List;
import org.plasma4j.operator.ledger.LedgerQueries;
import org.plasma4j.operator.rpc.JsonRpcMethod;
import org.plasma4j.operator.rpc.Params;
import org.plasma4j.operator.rpc.RpcMethod;

/**
 * plasma_getUtxos [address] → the owner's spendable outputs (formed blocks and deposits, not exiting).
 * Amounts are decimal strings so that uint256 values survive JavaScript clients.
 */
public final class PlasmaGetUtxos implements JsonRpcMethod {

  public record Utxo(
      long position, long blkNum, int txIndex, int outputIndex, String owner, String token, String amount) {}

  private final LedgerQueries queries;

  public PlasmaGetUtxos(LedgerQueries queries) {
    this.queries = queries;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_UTXOS;
  }

  @Override
  public List<Utxo> execute(Params params) {
    params.requireCount(1);
    return queries.utxos(params.address(0)).stream()
        .map(
            u ->
                new Utxo(
                    u.position().encode(), u.position().blkNum(), u.position().txIndex(),
                    u.position().outputIndex(), u.record().output().owner().toHex(),
                    u.record().output().token().toHex(), u.record().output().amount().toString()))
        .toList();
  }
}
