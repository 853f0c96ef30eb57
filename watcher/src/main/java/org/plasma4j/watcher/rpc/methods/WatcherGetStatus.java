package org.plasma4j.watcher.rpc.methods;

import org.plasma4j.operator.rpc.JsonRpcMethod;
import org.plasma4j.operator.rpc.Params;
import org.plasma4j.watcher.WatcherQueries;
import org.plasma4j.watcher.WatcherStatus;
import org.plasma4j.watcher.rpc.WatcherRpcMethod;

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
