package org.plasma4j.operator.ledger;

import java.math.BigInteger;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.Bin;
import org.plasma4j.node.storage.Codec;

/**
 * The latest attempt to submit a block, written before the root-chain transaction is sent so that a
 * restart knows the fee to bump from and where to look for the BlockSubmitted event.
 */
public record SubmissionAttempt(
    BigInteger nonce, BigInteger maxFeePerGas, long sentAtL1Block, int attempts, Bytes32 l1TxHash) {

  public static final Codec<SubmissionAttempt> CODEC = Bin.codec(
      (a, w) -> w.uint(a.nonce)
          .uint(a.maxFeePerGas)
          .i64(a.sentAtL1Block)
          .i32(a.attempts)
          .optBytes32(a.l1TxHash),
      r -> new SubmissionAttempt(r.uint(), r.uint(), r.i64(), r.i32(), r.optBytes32()));

  public SubmissionAttempt withTxHash(Bytes32 hash) {
    return new SubmissionAttempt(nonce, maxFeePerGas, sentAtL1Block, attempts, hash);
  }
}
