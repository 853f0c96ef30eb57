package org.plasma4j.operator.rpc.methods;

import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.PackedTransactions;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.operator.ledger.LedgerQueries;

/**
 * plasma_getBlockBody [blkNum, offset?, limit?] → the formed block's root, {@code txCount} and at
 * most {@code limit} of its signed transactions from index {@code offset} (default: all), packed
 * into one base64 {@code body} ({@link PackedTransactions}). The same page as plasma_getBlock's, at
 * a third fewer bytes and without a hex string to write per transaction: what a watcher re-reading
 * every block asks for. A page whose body would not fit in one answer is refused with
 * RESPONSE_TOO_LARGE before it is read.
 */
public final class PlasmaGetBlockBody implements JsonRpcMethod {

  /** What an answer holds besides its body: the envelope, the root and three numbers. */
  static final int ENVELOPE_BYTES = 512;

  private final LedgerQueries queries;
  private final long maxPackedBytes;

  /**
   * {@code maxResponseBytes}: the server's cap on one answer, which the body of a page must fit.
   */
  public PlasmaGetBlockBody(LedgerQueries queries, int maxResponseBytes) {
    this.queries = queries;
    this.maxPackedBytes =
        PackedTransactions.packedWithin(Math.max(0, maxResponseBytes - ENVELOPE_BYTES));
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_BLOCK_BODY;
  }

  @Override
  public OperatorRpc.BlockBody execute(Params params) {
    LedgerQueries.BlockPage page =
        PlasmaGetBlock.page(queries, params, maxPackedBytes, PackedTransactions.PREFIX_BYTES);
    return new OperatorRpc.BlockBody(
        params.nonNegativeLong(0),
        page.header().root().toHex(),
        page.header().txCount(),
        page.offset(),
        PackedTransactions.pack(page.signedTxs()));
  }
}
