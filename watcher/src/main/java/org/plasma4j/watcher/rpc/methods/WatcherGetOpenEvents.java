package org.plasma4j.watcher.rpc.methods;

import java.util.List;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.SeqPages;
import org.plasma4j.api.WatcherRpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.RpcException;
import org.plasma4j.watcher.WatcherNotReady;
import org.plasma4j.watcher.WatcherQueries;
import org.plasma4j.watcher.events.ByzantineEvent;

/**
 * watcher_openEvents [afterSeq?, limit?] → the reported events whose cause stands now, oldest
 * first: with both params at most {@code limit} (1..{@link SeqPages#PAGE}) of those after
 * {@code afterSeq}, without them all (the form first served); WATCHER_NOT_READY until the watcher
 * has judged the chain once since it started.
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
    if (params.size() == 1) {
      throw Params.invalid("expected no params or [afterSeq, limit], got 1");
    }
    params.requireCount(0, 2);
    try {
      return params.size() == 0
          ? watcher.openEvents()
          : watcher.openEvents(
              params.nonNegativeLong(0), params.limit(1, SeqPages.PAGE, SeqPages.PAGE));
    } catch (WatcherNotReady e) {
      throw new RpcException(RpcError.WATCHER_NOT_READY, e.getMessage());
    }
  }
}
