package org.plasma4j.operator.ledger;

import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.Bin;
import org.plasma4j.node.storage.Codec;

/** A deposit block as its DepositCreated event described it; the contract built its transaction. */
public record DepositRecord(
    long blkNum, Output output, Bytes32 root, long timestamp, long l1Block) {

  public static final Codec<DepositRecord> CODEC = Bin.codec(
      (d, w) -> w.i64(d.blkNum)
          .address(d.output.owner())
          .address(d.output.token())
          .uint(d.output.amount())
          .bytes32(d.root)
          .i64(d.timestamp)
          .i64(d.l1Block),
      r -> new DepositRecord(
          r.i64(), new Output(r.address(), r.address(), r.uint()), r.bytes32(), r.i64(), r.i64()));

  /** The transaction the contract built: no inputs, this one output, zero metadata. */
  public Transaction transaction() {
    return Deposit.transaction(output.owner(), output.token(), output.amount());
  }
}
