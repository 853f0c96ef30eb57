package org.plasma4j.core.state;

import java.math.BigInteger;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.types.Address;

/**
 * The verdict on a transaction: valid with the fee it pays (which the operator adds to the block's
 * fee transaction), or a rejection with a detail message.
 */
public record ValidationResult(
    TxRejection rejection, String detail, Address feeToken, BigInteger fee) {
  public static ValidationResult ok(Address feeToken, BigInteger fee) {
    return new ValidationResult(null, null, feeToken, fee);
  }

  public static ValidationResult rejected(TxRejection rejection, String detail) {
    return new ValidationResult(rejection, detail, null, null);
  }

  public boolean isValid() {
    return rejection == null;
  }
}
