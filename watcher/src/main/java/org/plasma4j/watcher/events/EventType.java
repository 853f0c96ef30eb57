package org.plasma4j.watcher.events;

/** The byzantine events the watcher reports (docs/watcher.md explains each and what to do). */
public enum EventType {
  INVALID_BLOCK,
  BLOCK_WITHHOLDING,
  INVALID_EXIT,
  UNCHALLENGED_EXIT,
  NON_CANONICAL_IFE,
  INVALID_IFE_CHALLENGE,
  PIGGYBACK_AVAILABLE,
  INVALID_PIGGYBACK,
  UNCHALLENGED_PIGGYBACK,
  UNCHALLENGED_IFE,
  FEE_POLICY,
  EXIT_DEFERRED,
  /**
   * A challenge the watcher must send keeps failing (e.g. its key is out of gas money); it keeps
   * trying.
   */
  CHALLENGE_FAILING;

  /** The name in the API and the log: lower snake case. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
