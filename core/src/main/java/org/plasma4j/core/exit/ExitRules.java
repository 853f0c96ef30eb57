package org.plasma4j.core.exit;

import org.plasma4j.core.types.OutputPosition;

/**
 * When a standard exit may be processed (docs/protocol.md section 5). A deposit output waits one
 * minimum exit period (MEP) from now; any other output at least 2·MEP after its block, so that a
 * withheld block always leaves honest owners one full MEP to exit first and to challenge.
 */
public final class ExitRules {
  private ExitRules() {}

  public static long exitableAt(long blockTimestamp, long now, boolean isDeposit, long mep) {
    if (mep < 0 || now < 0 || blockTimestamp < 0) {
      throw new IllegalArgumentException("times and the exit period are non-negative");
    }
    long fromNow = Math.addExact(now, mep);
    return isDeposit
        ? fromNow
        : Math.max(Math.addExact(blockTimestamp, Math.multiplyExact(2, mep)), fromNow);
  }

  public static long exitableAt(OutputPosition position, long blockTimestamp, long now, long mep) {
    return exitableAt(blockTimestamp, now, position.isDeposit(), mep);
  }
}
