package org.plasma4j.watcher.rpc.methods;

import java.util.List;
import org.plasma4j.api.SeqPages;
import org.plasma4j.api.WatcherRpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.watcher.WatcherQueries;
import org.plasma4j.watcher.events.ByzantineEvent;

/**
 * watcher_byzantineEvents [afterSeq, limit?] → the events after a seen seq (0 for all), oldest
 * first: at most {@code limit} (1..{@link SeqPages#PAGE}) of them, or without a limit all of them
 * (the form first served, kept so its callers never take a page for the whole history).
 */
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
    params.requireCount(1, 2);
    long afterSeq = params.nonNegativeLong(0);
    return params.size() == 1
        ? watcher.byzantineEvents(afterSeq)
        : watcher.byzantineEvents(afterSeq, params.limit(1, SeqPages.PAGE, SeqPages.PAGE));
  }
}
