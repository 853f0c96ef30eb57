package org.plasma4j.operator.rpc.methods;

import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.node.rpc.Hex;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.RpcException;
import org.plasma4j.operator.ledger.LedgerQueries;
import org.plasma4j.operator.ledger.SubmittedRecord;

/**
 * plasma_getBlock [blkNum, offset?, limit?] → the formed block; timestamp and l1TxHash once it is
 * on the root chain. {@code transactions} holds at most {@code limit} of them from index
 * {@code offset} (default: all); {@code txCount} is the block's total, so a client pages until it
 * has them all. A page whose hex would not fit in one answer is refused with RESPONSE_TOO_LARGE
 * before it is read.
 */
public final class PlasmaGetBlock implements JsonRpcMethod {

  private final LedgerQueries queries;
  private final long maxTxBytes;

  /** {@code maxResponseBytes}: the server's cap on one answer, which the hex of a page must fit. */
  public PlasmaGetBlock(LedgerQueries queries, int maxResponseBytes) {
    this.queries = queries;
    this.maxTxBytes = maxResponseBytes / 2; // hex doubles every byte
  }

  public PlasmaGetBlock(LedgerQueries queries) {
    this(queries, Integer.MAX_VALUE);
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_BLOCK;
  }

  @Override
  public OperatorRpc.Block execute(Params params) {
    LedgerQueries.BlockPage page = page(queries, params, maxTxBytes, 0);
    long blkNum = params.nonNegativeLong(0);
    SubmittedRecord s = page.submitted().orElse(null);
    return new OperatorRpc.Block(
        blkNum,
        page.header().root().toHex(),
        s == null ? null : s.timestamp(),
        page.header().txCount(),
        page.offset(),
        page.signedTxs().stream().map(Hex::encode).toList(),
        s != null,
        s == null || s.l1TxHash() == null ? null : s.l1TxHash().toHex());
  }

  /**
   * The page [blkNum, offset?, limit?] asks for, its transactions' bytes, each with
   * {@code perTxBytes} more, within {@code maxBytes}; RESPONSE_TOO_LARGE if they are not.
   */
  static LedgerQueries.BlockPage page(
      LedgerQueries queries, Params params, long maxBytes, int perTxBytes) {
    params.requireCount(1, 3);
    long blkNum = params.nonNegativeLong(0);
    long offset = params.size() > 1 ? params.nonNegativeLong(1) : 0;
    if (offset > MerkleTree.CAPACITY) {
      throw Params.invalid("param 1 (offset) must be at most " + MerkleTree.CAPACITY);
    }
    int limit = params.limit(2, MerkleTree.CAPACITY, MerkleTree.CAPACITY);
    LedgerQueries.BlockPage page = queries
        .blockPage(blkNum, (int) offset, limit, maxBytes, perTxBytes)
        .orElseThrow(() -> new RpcException(RpcError.NOT_FOUND, "no formed block " + blkNum));
    if (!page.complete()) {
      throw new RpcException(
          RpcError.RESPONSE_TOO_LARGE,
          "block " + blkNum + " has " + page.header().txCount()
              + " transactions; from index " + offset + " only "
              + page.signedTxs().size()
              + " fit in one answer: page with [blkNum, offset, limit]");
    }
    return page;
  }
}
