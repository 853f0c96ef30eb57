package org.plasma4j.watcher.rpc.methods;

import org.plasma4j.api.WatcherRpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.watcher.WatcherQueries;
import org.plasma4j.watcher.WatcherStatus;

/** watcher_status [] → sync heights, first bad block, event count, challenger. */
public final class WatcherGetStatus implements JsonRpcMethod {

  private final WatcherQueries watcher;

  public WatcherGetStatus(WatcherQueries watcher) {
    this.watcher = watcher;
  }

  @Override
  public WatcherRpcMethod method() {
    return WatcherRpcMethod.STATUS;
  }

  @Override
  public WatcherStatus execute(Params params) {
    params.requireCount(0);
    return watcher.status();
  }
}
