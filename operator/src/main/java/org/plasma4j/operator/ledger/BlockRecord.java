package org.plasma4j.operator.ledger;

import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.Bin;
import org.plasma4j.node.storage.Codec;

/**
 * A formed child block's header; its transactions are the accepted payments of its
 * {@link PaymentRange}, then those in {@link Columns#BLOCK_TX}.
 */
public record BlockRecord(long blkNum, Bytes32 root, int txCount, long formedAtMillis) {

  public static final Codec<BlockRecord> CODEC = Bin.codec(
      (b, w) -> w.i64(b.blkNum).bytes32(b.root).i32(b.txCount).i64(b.formedAtMillis),
      r -> new BlockRecord(r.i64(), r.bytes32(), r.i32(), r.i64()));
}
