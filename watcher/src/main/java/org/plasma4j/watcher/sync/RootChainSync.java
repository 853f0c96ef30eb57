package org.plasma4j.watcher.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import org.plasma4j.core.rootchain.L1EventSource;
import org.plasma4j.core.rootchain.L1Follower;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.watcher.store.WatcherStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's consumer of the shared {@link L1Follower}: stores each confirmed window of the root
 * chain's event stream as an {@link L1Batch} with the hash of its last block. If a reorg deeper
 * than the confirmation depth replaced stored blocks, the follower has the batches dropped back to
 * the newest checkpoint that still matches, and the caller rebuilds its view.
 */
public final class RootChainSync {

  private static final Logger LOG = LoggerFactory.getLogger(RootChainSync.class);
  /** One poll never asks the node for an unbounded log range. */
  static final long MAX_RANGE = 5_000;

  private final WatcherStore store;
  private final long startL1Block;
  private final L1Follower follower;

  /** What one poll did: batches appended in order, and whether earlier ones were dropped first. */
  public record Progress(boolean reorged, List<L1Batch> appended) {}

  public RootChainSync(
      WatcherStore store, L1EventSource rootChain, int confirmations, long startL1Block) {
    this.store = store;
    this.startL1Block = startL1Block;
    this.follower = new L1Follower(
        rootChain, new Stored(), new L1Follower.Settings(confirmations, startL1Block, MAX_RANGE));
  }

  public long lastSynced() {
    return store.lastSyncedL1(startL1Block);
  }

  public Progress poll() {
    L1Follower.Progress progress = follower.poll();
    progress
        .rolledBackTo()
        .ifPresent(safe -> LOG.warn(
            "root-chain reorg: L1 blocks after {} changed; re-following from there", safe));
    progress
        .changedWhileRead()
        .ifPresent(w -> LOG.warn(
            "root chain reorganised while reading blocks {}..{}; reading again next poll",
            w.from(),
            w.to()));
    List<L1Batch> appended = new ArrayList<>();
    for (L1Follower.Window w : progress.windows()) {
      appended.add(new L1Batch(w.from(), w.to(), w.events()));
    }
    return new Progress(progress.rolledBackTo().isPresent(), appended);
  }

  /** The watcher's store as the follower's consumer: one batch and checkpoint per window. */
  private final class Stored implements L1Follower.Consumer {

    @Override
    public long lastApplied() {
      return lastSynced();
    }

    @Override
    public NavigableMap<Long, Bytes32> checkpoints() {
      return store.checkpoints();
    }

    @Override
    public void apply(L1Follower.Window window) {
      store.appendBatch(new L1Batch(window.from(), window.to(), window.events()), window.toHash());
    }

    @Override
    public void rollBackTo(long l1Block) {
      store.rollbackTo(l1Block);
    }
  }
}
