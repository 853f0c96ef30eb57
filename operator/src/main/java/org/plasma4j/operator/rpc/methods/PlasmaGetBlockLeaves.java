package org.plasma4j.operator.rpc.methods;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.RpcException;
import org.plasma4j.operator.ledger.LedgerQueries;

/**
 * plasma_getBlockLeaves [blkNum, offset?, limit?] → the formed block's root, {@code txCount} and at
 * most {@code limit} Merkle leaves from index {@code offset} (default: all), what an indexer needs
 * to place the transactions it knows without downloading the block. A page that would not fit in
 * one answer is refused with RESPONSE_TOO_LARGE before it is written.
 */
public final class PlasmaGetBlockLeaves implements JsonRpcMethod {

  /** A leaf's hex string with its quotes and comma. */
  private static final int LEAF_JSON_BYTES = 2 + 64 + 3;

  private final LedgerQueries queries;
  private final long maxLeaves;

  /** {@code maxResponseBytes}: the server's cap on one answer, which a page's leaves must fit. */
  public PlasmaGetBlockLeaves(LedgerQueries queries, int maxResponseBytes) {
    this.queries = queries;
    this.maxLeaves = Math.max(1, (maxResponseBytes - 512) / LEAF_JSON_BYTES);
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
    int limit = params.limit(2, MerkleTree.CAPACITY, MerkleTree.CAPACITY);
    LedgerQueries.BlockLeaves block = queries
        .blockLeaves(blkNum)
        .orElseThrow(() -> new RpcException(RpcError.NOT_FOUND, "no formed block " + blkNum));
    MerkleTree tree = block.tree();
    int from = (int) Math.min(offset, tree.leafCount());
    int to = (int) Math.min((long) from + limit, tree.leafCount());
    if (to - from > maxLeaves) {
      throw new RpcException(
          RpcError.RESPONSE_TOO_LARGE,
          "block " + blkNum + " has " + tree.leafCount() + " leaves; only " + maxLeaves
              + " fit in one answer: page with [blkNum, offset, limit]");
    }
    List<String> leaves = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      leaves.add(tree.leaf(i).toHex());
    }
    return new OperatorRpc.BlockLeaves(
        blkNum,
        block.header().root().toHex(),
        block.header().txCount(),
        (int) offset,
        leaves,
        block.submitted());
  }
}
