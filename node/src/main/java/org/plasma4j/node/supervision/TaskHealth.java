package org.plasma4j.node.supervision;

/**
 * How one background task has fared: how often it ran and failed, when it last succeeded, and the
 * last error (empty if none). {@code consecutiveFailures > 0} means its latest run failed.
 */
public record TaskHealth(
    String task,
    long runs,
    long failures,
    long consecutiveFailures,
    long lastSuccessMillis,
    long lastFailureMillis,
    String lastError) {

  public boolean healthy() {
    return consecutiveFailures == 0;
  }
}
