package org.plasma4j.operator.ledger;

import org.plasma4j.node.storage.Bin;
import org.plasma4j.node.storage.Codec;

/**
 * Where a transaction is: in formed block {@code blkNum} at {@code index}, or, while {@code blkNum}
 * is 0, in the pending block with sequence number {@code index}.
 */
public record TxLocation(long blkNum, long index) {

  public static final Codec<TxLocation> CODEC =
      Bin.codec((l, w) -> w.i64(l.blkNum).i64(l.index), r -> new TxLocation(r.i64(), r.i64()));

  public static TxLocation pending(long seq) {
    return new TxLocation(0, seq);
  }

  public boolean isPending() {
    return blkNum == 0;
  }
}
