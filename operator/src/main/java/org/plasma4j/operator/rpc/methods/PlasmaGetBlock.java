package org.plasma4j.operator.rpc.methods;

import java.util.List;
import org.plasma4j.operator.ledger.LedgerQueries;
import org.plasma4j.operator.ledger.SubmittedRecord;
import org.plasma4j.operator.rpc.Hex;
import org.plasma4j.operator.rpc.JsonRpcMethod;
import org.plasma4j.operator.rpc.Params;
import org.plasma4j.operator.rpc.RpcError;
import org.plasma4j.operator.rpc.RpcException;
import org.plasma4j.operator.rpc.RpcMethod;

/** plasma_getBlock [blkNum] → the formed block; timestamp and l1TxHash once it is on the root chain. */
public final class PlasmaGetBlock implements JsonRpcMethod {

  public record Result(
      long blkNum, String root, Long timestamp, List<String> transactions, boolean submitted, String l1TxHash) {}

  private final LedgerQueries queries;

  public PlasmaGetBlock(LedgerQueries queries) {
    this.queries = queries;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_BLOCK;
  }

  @Override
  public Result execute(Params params) {
    params.requireCount(1);
    long blkNum = params.nonNegativeLong(0);
    LedgerQueries.BlockView block =
        queries.block(blkNum).orElseThrow(() -> new RpcException(RpcError.NOT_FOUND, "no formed block " + blkNum));
    SubmittedRecord s = block.submitted().orElse(null);
    return new Result(
        blkNum,
        block.header().root().toHex(),
        s == null ? null : s.timestamp(),
        block.signedTxs().stream().map(Hex::encode).toList(),
        s != null,
        s == null || s.l1TxHash() == null ? null : s.l1TxHash().toHex());
  }

}
