package org.plasma4j.api;

/** The wire names of the watcher's JSON-RPC methods (docs/watcher.md). */
public enum WatcherRpcMethod implements WireName {
  STATUS("watcher_status"),
  BYZANTINE_EVENTS("watcher_byzantineEvents"),
  OPEN_EVENTS("watcher_openEvents"),
  EXIT_ADVICE("watcher_exitAdvice");

  private final String wireName;

  WatcherRpcMethod(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
