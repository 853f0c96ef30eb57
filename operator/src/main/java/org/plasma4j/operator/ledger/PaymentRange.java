package org.plasma4j.operator.ledger;

import org.plasma4j.node.storage.Bin;
import org.plasma4j.node.storage.Codec;

/**
 * The accepted payments a formed block carries first: {@code count} records of
 * {@link Columns#PENDING_TX} from sequence number {@code firstSeq} on, at indexes 0 to count - 1.
 * Their signed bytes stay where acceptance wrote them, so forming a block does not copy them.
 */
public record PaymentRange(long blkNum, long firstSeq, int count) {

  public static final Codec<PaymentRange> CODEC = Bin.codec(
      (p, w) -> w.i64(p.blkNum).i64(p.firstSeq).i32(p.count),
      r -> new PaymentRange(r.i64(), r.i64(), r.i32()));

  public PaymentRange {
    if (count < 1 || firstSeq < 0) {
      throw new IllegalArgumentException("a payment range holds at least one accepted payment");
    }
  }

  public long lastSeq() {
    return firstSeq + count - 1;
  }

  public boolean holds(long seq) {
    return seq >= firstSeq && seq <= lastSeq();
  }

  /** Where the accepted payment with sequence number {@code seq} (which this range holds) is. */
  public TxLocation locationOf(long seq) {
    return new TxLocation(blkNum, seq - firstSeq);
  }
}
