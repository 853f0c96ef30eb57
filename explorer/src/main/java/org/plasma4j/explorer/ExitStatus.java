package org.plasma4j.explorer;

/**
 * Where an exit stands, as users ask for it: started (waiting for its exit period), challenged,
 * processable (its exit period is over; anyone may process the queue) or processed; a coin exit
 * that another owner's exit beat is cancelled. An in-flight or mass exit whose game reverted when
 * processing popped it is deferred: out of the queue, unpaid, until someone calls
 * {@code retryExit}.
 */
public enum ExitStatus {
  STARTED,
  CHALLENGED,
  PROCESSABLE,
  PROCESSED,
  CANCELLED,
  DEFERRED;

  /**
   * @param state the framework's exit state: 1 exiting, 2 challenged, 3 exited
   * @param exitableAt when the exit may be processed (root-chain time)
   * @param now the latest root-chain block's timestamp: what processExits compares with
   */
  public static ExitStatus of(int state, long exitableAt, long now) {
    return switch (state) {
      case 2 -> CHALLENGED;
      case 3 -> PROCESSED;
      default -> exitableAt <= now ? PROCESSABLE : STARTED;
    };
  }

  /** Seconds until the exit may be processed, 0 once it may (or it is settled). */
  public static long secondsToMaturity(ExitStatus status, long exitableAt, long now) {
    return status == STARTED ? Math.max(0, exitableAt - now) : 0;
  }

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
