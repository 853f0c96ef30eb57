package org.plasma4j.operator.rpc.methods;

import java.util.Locale;
import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.Hex;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.Rejections;
import org.plasma4j.operator.cash.CoinQueries;
import org.plasma4j.operator.cash.CoinRecord;

/**
 * plasma_getCoin [slot] → {slot, token, kind, value, owner, block, state, pendingTransfer?}: the
 * operator's view of a coin; {@code block} is what the next transfer must name as its prevBlock.
 */
public final class PlasmaGetCoin implements JsonRpcMethod {

  private final CoinQueries queries;

  public PlasmaGetCoin(CoinQueries queries) {
    this.queries = queries;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_COIN;
  }

  @Override
  public OperatorRpc.Coin execute(Params params) {
    params.requireCount(1);
    CoinQueries.CoinView view = Rejections.orThrow(queries.coin(params.uint64(0)));
    CoinRecord c = view.coin();
    return new OperatorRpc.Coin(
        Long.toUnsignedString(c.slot()),
        c.token().toHex(),
        c.kind(),
        c.value().toString(),
        c.owner().toHex(),
        c.block(),
        c.status().name().toLowerCase(Locale.ROOT),
        c.originOwner().toHex(),
        c.originBlock(),
        view.pending().map(t -> Hex.encode(t.encode())).orElse(null));
  }
}
