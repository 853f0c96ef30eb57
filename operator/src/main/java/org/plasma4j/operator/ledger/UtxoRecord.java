package org.plasma4j.operator.ledger;

import org.plasma4j.core.tx.Output;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.Bin;
import org.plasma4j.node.storage.Codec;

/**
 * An output the child chain knows, with its status. {@code spentBy} names the spending transaction
 * and survives a later exit, so challenge data stays available and a challenged exit of a spent
 * output leaves it spent.
 */
public record UtxoRecord(Output output, OutputStatus status, Bytes32 spentBy) {

  public static final Codec<UtxoRecord> CODEC = Bin.codec(
      (r, w) -> w.u8(r.status.code())
          .address(r.output.owner())
          .address(r.output.token())
          .uint(r.output.amount())
          .optBytes32(r.spentBy),
      r -> {
        OutputStatus status = OutputStatus.ofCode(r.u8());
        Output out = new Output(r.address(), r.address(), r.uint());
        return new UtxoRecord(out, status, r.optBytes32());
      });

  public static UtxoRecord unspent(Output output) {
    return new UtxoRecord(output, OutputStatus.UNSPENT, null);
  }

  public UtxoRecord withStatus(OutputStatus newStatus) {
    return new UtxoRecord(output, newStatus, spentBy);
  }

  public UtxoRecord spentBy(Bytes32 txHash) {
    return new UtxoRecord(output, OutputStatus.SPENT, txHash);
  }
}
