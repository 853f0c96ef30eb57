package org.plasma4j.watcher.rpc.methods;

import org.plasma4j.api.WatcherRpcMethod;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.watcher.WatcherQueries;
import org.plasma4j.watcher.advice.ExitAdvice;

/** watcher_exitAdvice [owner] → the owner's standard-exit data and piggyback opportunities. */
public final class WatcherGetExitAdvice implements JsonRpcMethod {

  private final WatcherQueries watcher;

  public WatcherGetExitAdvice(WatcherQueries watcher) {
    this.watcher = watcher;
  }

  @Override
  public WatcherRpcMethod method() {
    return WatcherRpcMethod.EXIT_ADVICE;
  }

  @Override
  public ExitAdvice execute(Params params) {
    params.requireCount(1);
    return watcher.exitAdvice(params.address(0));
  }
}
