package org.plasma4j.core.exit;

import java.math.BigInteger;
import org.plasma4j.core.types.Address;

/**
 * An in-flight exit as the game stores it ({@code inFlightExits(ifeId)}). Bit i of the piggyback
 * bitmaps is set when input or output i is piggybacked.
 *
 * @param oldestCompetitorPosition as stored; see {@link #oldestCompetitorPriority()}
 */
public record InFlightExitState(
    Address initiator,
    Address bondOwner,
    long startedAt,
    long exitableAt,
    long youngestInputPosition,
    BigInteger oldestCompetitorPosition,
    boolean isCanonical,
    int piggybackedInputs,
    int piggybackedOutputs,
    boolean finalized) {

  /** An id that no exit has: the game returns a record with no initiator. */
  public boolean exists() {
    return !initiator.isZero();
  }

  /**
   * The oldest competitor shown, in the order competitors are compared: {@code Long.MAX_VALUE} when
   * none was shown or the oldest one shown is not included (the game stores either as 0 or as the
   * largest uint256).
   */
  public long oldestCompetitorPriority() {
    BigInteger p = oldestCompetitorPosition;
    return p.signum() == 0 || p.bitLength() > 63 ? Long.MAX_VALUE : p.longValueExact();
  }

  /**
   * Period 1, [startedAt, startedAt + MEP/2): when piggybacks and canonicity challenges are
   * allowed.
   */
  public boolean inFirstPeriod(long now, long mep) {
    return now >= startedAt && now < startedAt + mep / 2;
  }

  public boolean isInputPiggybacked(int index) {
    return (piggybackedInputs >>> index & 1) == 1;
  }

  public boolean isOutputPiggybacked(int index) {
    return (piggybackedOutputs >>> index & 1) == 1;
  }
}
