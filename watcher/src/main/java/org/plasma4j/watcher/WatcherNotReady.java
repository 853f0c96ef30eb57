package org.plasma4j.watcher;

/**
 * The watcher has not judged the chain since it started, so it cannot say which events stand now:
 * an empty answer would read as "nothing stands". Served as the RPC error
 * {@code WATCHER_NOT_READY}; ask again.
 */
public final class WatcherNotReady extends RuntimeException {

  public WatcherNotReady(String message) {
    super(message, null, false, false); // expected outcome: no stack trace to fill
  }
}
