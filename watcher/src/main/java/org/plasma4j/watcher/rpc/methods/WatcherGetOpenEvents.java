package org.plasma4j.watcher.rpc.methods;

import java.util.List;
import org.plasma4j.operator.rpc.JsonRpcMethod;
import org.plasma4j.operator.rpc.Params;
import org.plasma4j.watcher.WatcherQueries;
import org.plasma4j.watcher.events.ByzantineEvent;
import org.plasma4j.watcher.rpc.WatcherRpcMethod;

/** watcher_openEvents [] → the reported events whose cause stands now, oldest first. */
public final class WatcherGetOpenEvents implements JsonRpcMethod {

  private final WatcherQueries watcher;

  public WatcherGetOpenEvents(WatcherQueries watcher) {
    this.watcher = watcher;
  }

  @Override
  public WatcherRpcMethod method() {
    return WatcherRpcMethod.OPEN_EVENTS;
  }

  @Override
  public List<ByzantineEvent> execute(Params params) {
    params.requireCount(0);
    return watcher.openEvents();
  }
}
