package org.plasma4j.watcher.rpc.methods;

import java.util.List;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.WatcherRpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.RpcException;
import org.plasma4j.watcher.WatcherNotReady;
import org.plasma4j.watcher.WatcherQueries;
import org.plasma4j.watcher.events.ByzantineEvent;

/**
 * watcher_openEvents [] → the reported events whose cause stands now, oldest first;
 * WATCHER_NOT_READY until the watcher has judged the chain once since it started.
 */
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
    try {
      return watcher.openEvents();
    } catch (WatcherNotReady e) {
      throw new RpcException(RpcError.WATCHER_NOT_READY, e.getMessage());
    }
  }
}
