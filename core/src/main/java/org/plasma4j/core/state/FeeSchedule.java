package org.plasma4j.core.state;

import java.math.BigInteger;
import java.util.Map;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Uint256;

/**
 * The fee the operator requires per transaction, by token (zero address = ETH). A transaction pays
 * in exactly one accepted token, exactly the listed amount.
 */
public record FeeSchedule(Map<Address, BigInteger> fees) {
  public FeeSchedule {
    fees = Map.copyOf(fees);
    fees.values().forEach(Uint256::check);
  }

  public static FeeSchedule of(Address token, BigInteger fee) {
    return new FeeSchedule(Map.of(token, fee));
  }

  public boolean accepts(Address token) {
    return fees.containsKey(token);
  }

  /** The fee in {@code token}, or null if the token is not accepted for fees. */
  public BigInteger feeFor(Address token) {
    return fees.get(token);
  }
}
