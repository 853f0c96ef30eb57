package org.plasma4j.operator.rpc.methods;

import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.RpcException;
import org.plasma4j.operator.ledger.LedgerQueries;

/**
 * plasma_getBlockLeaves [blkNum, offset?, limit?] → the formed block's root, {@code txCount} and at
 * most {@code limit} Merkle leaves from index {@code offset}, never more than {@link #MAX_PAGE}
 * (also the default): what an indexer needs to place the transactions it knows without downloading
 * the block. A client pages until {@code offset} reaches {@code txCount}. The page bound keeps the
 * work of a block whose tree is not cached (reading and hashing the page's transactions) in
 * proportion to a page rather than to a full block. A page that would not fit in one answer is
 * refused with RESPONSE_TOO_LARGE before it is read.
 */
public final class PlasmaGetBlockLeaves implements JsonRpcMethod {

  /** The most leaves one answer holds: a quarter of a full block, about 1.1 MB of JSON. */
  public static final int MAX_PAGE = MerkleTree.CAPACITY / 4;

  /** A leaf's hex string with its quotes and comma. */
  private static final int LEAF_JSON_BYTES = 2 + 64 + 3;

  private final LedgerQueries queries;
  private final int maxLeaves;
  private final int maxPage;

  /** {@code maxResponseBytes}: the server's cap on one answer, which a page's leaves must fit. */
  public PlasmaGetBlockLeaves(LedgerQueries queries, int maxResponseBytes) {
    this(queries, maxResponseBytes, MAX_PAGE);
  }

  /** With a page bound other than {@link #MAX_PAGE}, in 1..{@link MerkleTree#CAPACITY}. */
  public PlasmaGetBlockLeaves(LedgerQueries queries, int maxResponseBytes, int maxPage) {
    if (maxPage < 1 || maxPage > MerkleTree.CAPACITY) {
      throw new IllegalArgumentException("a page of " + maxPage + " leaves");
    }
    this.queries = queries;
    this.maxLeaves = Math.max(1, (maxResponseBytes - 512) / LEAF_JSON_BYTES);
    this.maxPage = maxPage;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_BLOCK_LEAVES;
  }

  @Override
  public OperatorRpc.BlockLeaves execute(Params params) {
    params.requireCount(1, 3);
    long blkNum = params.nonNegativeLong(0);
    long offset = params.size() > 1 ? params.nonNegativeLong(1) : 0;
    if (offset > MerkleTree.CAPACITY) {
      throw Params.invalid("param 1 (offset) must be at most " + MerkleTree.CAPACITY);
    }
    int limit = Math.min(params.limit(2, maxPage, MerkleTree.CAPACITY), maxPage);
    LedgerQueries.BlockLeaves page = queries
        .blockLeaves(blkNum, (int) offset, limit, maxLeaves)
        .orElseThrow(() -> new RpcException(RpcError.NOT_FOUND, "no formed block " + blkNum));
    if (!page.fits()) {
      throw new RpcException(
          RpcError.RESPONSE_TOO_LARGE,
          "block " + blkNum + " has " + page.header().txCount() + " leaves; only " + maxLeaves
              + " fit in one answer: page with [blkNum, offset, limit]");
    }
    return new OperatorRpc.BlockLeaves(
        blkNum,
        page.header().root().toHex(),
        page.header().txCount(),
        page.offset(),
        page.leaves().stream().map(Bytes32::toHex).toList(),
        page.submitted());
  }
}
