package org.plasma4j.core.exit;

import java.math.BigInteger;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.types.Bytes;

/**
 * The id of an in-flight exit: the low 120 bits of keccak256 of the unsigned transaction, so that
 * it fits the 120-bit id field of an exit-queue entry and one transaction can only ever have one
 * exit.
 */
public final class InFlightExitId {
  private static final BigInteger MASK_120 = BigInteger.ONE.shiftLeft(120).subtract(BigInteger.ONE);

  private InFlightExitId() {}

  public static BigInteger of(byte[] inFlightTxBytes) {
    return new BigInteger(1, Keccak256.hash(inFlightTxBytes)).and(MASK_120);
  }

  public static BigInteger of(Bytes inFlightTxBytes) {
    return of(inFlightTxBytes.toArray());
  }
}
