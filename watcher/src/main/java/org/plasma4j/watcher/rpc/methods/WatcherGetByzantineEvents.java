package org.plasma4j.watcher.rpc.methods;

import java.util.List;
import org.plasma4j.api.WatcherRpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.watcher.WatcherQueries;
import org.plasma4j.watcher.events.ByzantineEvent;

/** watcher_byzantineEvents [afterSeq] → the events after a seen seq (0 for all), oldest first. */
public final class WatcherGetByzantineEvents implements JsonRpcMethod {

  private final WatcherQueries watcher;

  public WatcherGetByzantineEvents(WatcherQueries watcher) {
    this.watcher = watcher;
  }

  @Override
  public WatcherRpcMethod method() {
    return WatcherRpcMethod.BYZANTINE_EVENTS;
  }

  @Override
  public List<ByzantineEvent> execute(Params params) {
    params.requireCount(1);
    return watcher.byzantineEvents(params.nonNegativeLong(0));
  }
}
