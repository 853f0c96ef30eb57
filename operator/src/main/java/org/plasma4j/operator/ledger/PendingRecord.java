package org.plasma4j.operator.ledger;

import java.math.BigInteger;
import org.plasma4j.core.types.Address;
import org.plasma4j.node.storage.Bin;
import org.plasma4j.node.storage.Codec;

/**
 * An acknowledged transaction of the pending block, with the fee it pays so that the fee
 * transaction can be built after a restart without re-reading its inputs.
 */
public record PendingRecord(byte[] signedTx, Address feeToken, BigInteger fee) {

  public static final Codec<PendingRecord> CODEC =
      Bin.codec((p, w) -> w.address(p.feeToken).uint(p.fee).blob(p.signedTx), r -> {
        Address token = r.address();
        BigInteger fee = r.uint();
        return new PendingRecord(r.blob(), token, fee);
      });
}
