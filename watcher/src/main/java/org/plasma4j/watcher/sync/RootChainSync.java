package org.plasma4j.watcher.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.watcher.store.WatcherStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads root-chain events up to {@code head - confirmations} in bounded ranges and stores each
 * range as an {@link L1Batch} with the hash of its last block. Before reading on, it checks that
 * the last stored block is still canonical; if a reorg deeper than the confirmation depth replaced
 * it, it drops the batches back to the newest checkpoint that still matches, and the caller
 * rebuilds its view.
 */
public final class RootChainSync {

  private static final Logger LOG = LoggerFactory.getLogger(RootChainSync.class);
  /** One poll never asks the node for an unbounded log range. */
  static final long MAX_RANGE = 5_000;

  private final WatcherStore store;
  private final RootChain rootChain;
  private final ExitGameEvents games;
  private final int confirmations;
  private final long startL1Block;

  /** What one poll did: batches appended in order, and whether earlier ones were dropped first. */
  public record Progress(boolean reorged, List<L1Batch> appended) {}

  public RootChainSync(
      WatcherStore store,
      RootChain rootChain,
      ExitGameEvents games,
      int confirmations,
      long startL1Block) {
    this.store = store;
    this.rootChain = rootChain;
    this.games = games;
    this.confirmations = confirmations;
    this.startL1Block = startL1Block;
  }

  public long lastSynced() {
    return store.lastSyncedL1(startL1Block);
  }

  public Progress poll() {
    boolean reorged = rollBackReorg();
    long confirmedHead = rootChain.headBlockNumber() - confirmations;
    long last = lastSynced();
    List<L1Batch> appended = new ArrayList<>();
    while (last < confirmedHead) {
      long from = last + 1;
      long to = Math.min(confirmedHead, from + MAX_RANGE - 1);
      L1Batch batch = read(from, to);
      Bytes32 hash = rootChain
          .blockHash(to)
          .orElseThrow(
              () -> new IllegalStateException("the root chain has no block " + to + " any more"));
      store.appendBatch(batch, hash);
      appended.add(batch);
      last = to;
    }
    return new Progress(reorged, appended);
  }

  /** True if stored batches were dropped because their blocks are no longer canonical. */
  private boolean rollBackReorg() {
    var checkpoints = store.checkpoints().descendingMap();
    if (checkpoints.isEmpty()) {
      return false;
    }
    for (Map.Entry<Long, Bytes32> c : checkpoints.entrySet()) {
      Optional<Bytes32> now = rootChain.blockHash(c.getKey());
      if (now.isPresent() && now.get().equals(c.getValue())) {
        if (!c.getKey().equals(checkpoints.firstKey())) {
          LOG.warn(
              "root-chain reorg: L1 blocks after {} changed; re-following from there", c.getKey());
          store.rollbackTo(c.getKey());
          return true;
        }
        return false;
      }
    }
    LOG.warn(
        "root-chain reorg below every checkpoint; re-following from L1 block {}", startL1Block);
    store.rollbackTo(startL1Block - 1);
    return true;
  }

  private L1Batch read(long from, long to) {
    return new L1Batch(
        from,
        to,
        rootChain.deposits(from, to),
        rootChain.submittedBlocks(from, to),
        rootChain.exitsStarted(from, to),
        rootChain.exitsChallenged(from, to),
        rootChain.exitsFinalized(from, to),
        games.inFlightExitsStarted(from, to),
        games.piggybacks(from, to),
        games.inFlightExitsChallenged(from, to),
        games.inFlightExitResponses(from, to),
        games.piggybacksBlocked(from, to),
        games.inFlightExitsFinalized(from, to),
        games.massExitsStarted(from, to),
        games.massExitOutputsChallenged(from, to),
        games.massExitsFinalized(from, to),
        games.massExitOutputsPaid(from, to),
        games.piggybacksPaid(from, to),
        games.exitsOmitted(from, to),
        games.exitsDeferred(from, to),
        games.deferredExitsRetried(from, to));
  }
}
