package org.plasma4j.operator.ledger;

import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.Bin;
import org.plasma4j.node.storage.Codec;

/**
 * Proof that the contract holds a formed block: the timestamp from its BlockSubmitted event (needed
 * for exits) and the root-chain transaction that carried it.
 */
public record SubmittedRecord(long timestamp, long l1Block, Bytes32 l1TxHash) {

  public static final Codec<SubmittedRecord> CODEC = Bin.codec(
      (s, w) -> w.i64(s.timestamp).i64(s.l1Block).optBytes32(s.l1TxHash),
      r -> new SubmittedRecord(r.i64(), r.i64(), r.optBytes32()));
}
