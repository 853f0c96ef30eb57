package org.plasma4j.operator.rpc.methods;

import java.util.List;
import java.util.Locale;
import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.Hex;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.Rejections;
import org.plasma4j.operator.cash.CoinQueries;

/**
 * plasma_getCoinProofs [slot, fromBlock, toBlock] → {slot, fromBlock, toBlock, entries: [{blkNum,
 * kind: included|excluded|empty, coinRoot, tx?, proof?}]}: a coin's history over a range of child
 * blocks in one call, at most {@link CoinQueries#MAX_PROOF_BLOCKS} of them.
 */
public final class PlasmaGetCoinProofs implements JsonRpcMethod {

  private final CoinQueries queries;

  public PlasmaGetCoinProofs(CoinQueries queries) {
    this.queries = queries;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_COIN_PROOFS;
  }

  @Override
  public OperatorRpc.CoinProofs execute(Params params) {
    params.requireCount(3);
    long slot = params.uint64(0);
    long from = params.nonNegativeLong(1);
    long to = params.nonNegativeLong(2);
    if (from > to) {
      throw Params.invalid("fromBlock " + from + " is after toBlock " + to);
    }
    CoinQueries.CoinProofs proofs = Rejections.orThrow(queries.proofs(slot, from, to));
    List<OperatorRpc.CoinProof> entries = proofs.entries().stream()
        .map(e -> new OperatorRpc.CoinProof(
            e.blkNum(),
            e.kind().name().toLowerCase(Locale.ROOT),
            e.coinRoot().toHex(),
            e.transfer().map(t -> Hex.encode(t.encode())).orElse(null),
            e.proof().map(p -> Hex.encode(p.encode())).orElse(null)))
        .toList();
    return new OperatorRpc.CoinProofs(Long.toUnsignedString(slot), from, to, entries);
  }
}
