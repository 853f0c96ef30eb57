package org.plasma4j.operator.chain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.L1Follower;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.operator.ledger.Columns;
import org.plasma4j.operator.ledger.LedgerWriter;
import org.plasma4j.operator.ledger.RootChainEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's consumer of the shared {@link L1Follower}: applies deposits and exit events (the
 * framework's standard exits, the exit games' in-flight exits, piggybacks and mass exits, and the
 * cash game's coin deposits and coin exits) in log order once they have the configured number of
 * confirmations. Progress is stored with the events' effects in one batch, so a restart resumes
 * exactly where it stopped.
 *
 * <p>Reorgs: the hash of the root-chain block where each window ended is stored with its events. A
 * reorg no deeper than the confirmation depth only replaces blocks that were never applied, so it
 * changes nothing (it is logged and counted when the remembered head changes). A deeper one
 * replaces the stored block: the follower reports it loudly, goes back to the newest stored block
 * that is still canonical, and reads from there again; a re-read event that contradicts what was
 * applied (a deposit number now holding another deposit) is reported, never applied over the old
 * one.
 */
public final class RootChainFollower {

  private static final Logger LOG = LoggerFactory.getLogger(RootChainFollower.class);

  /** Ranges are read in chunks so that one poll never asks the node for an unbounded log range. */
  static final long MAX_RANGE = 5_000;

  private static final int CONFLICTS_KEPT = 32;

  /**
   * What the follower has seen of reorgs. {@code deepReorgs > 0} means the confirmation depth was
   * too small for this root chain: an operator should page someone.
   *
   * @param reorgsNoticed reorgs noticed at the head, deep or not (a shallow one is harmless)
   * @param deepReorgs reorgs that replaced applied blocks
   * @param lastRewoundTo the root-chain block following resumed after, after the last deep reorg
   * @param conflicts the latest re-read events that contradict applied state, newest last
   */
  public record ReorgReport(
      long reorgsNoticed, long deepReorgs, long lastRewoundTo, List<String> conflicts) {}

  private final KeyValueStore store;
  private final RootChain rootChain;
  private final LedgerWriter writer;
  private final int confirmations;
  private final long startL1Block;
  private final L1Follower follower;
  private final Consumer<List<L1Event>> applied;
  private final Deque<String> conflicts = new ArrayDeque<>();
  private volatile long reorgsNoticed;
  private volatile long deepReorgs;
  private volatile long lastRewoundTo = -1;

  public RootChainFollower(
      KeyValueStore store,
      RootChain rootChain,
      LedgerWriter writer,
      int confirmations,
      long startL1Block) {
    this(store, rootChain, writer, confirmations, startL1Block, events -> {});
  }

  /** A follower that hands each applied window's events to {@code applied} (metrics). */
  public RootChainFollower(
      KeyValueStore store,
      RootChain rootChain,
      LedgerWriter writer,
      int confirmations,
      long startL1Block,
      Consumer<List<L1Event>> applied) {
    this.applied = applied;
    this.store = store;
    this.rootChain = rootChain;
    this.writer = writer;
    this.confirmations = confirmations;
    this.startL1Block = startL1Block;
    this.follower = new L1Follower(
        rootChain, new Ledgered(), new L1Follower.Settings(confirmations, startL1Block, MAX_RANGE));
  }

  /** Follows up to the confirmed head; returns the last root-chain block applied. */
  public long poll() {
    L1Follower.Progress progress = follower.poll();
    if (progress.reorgAtHead()) {
      reorgsNoticed++;
      LOG.info(
          "root-chain reorg at or below the last head seen (head now {}); only unconfirmed blocks"
              + " are affected unless a deeper reorg is reported next",
          rootChain.headBlockNumber());
    }
    progress.rolledBackTo().ifPresent(safe -> {
      deepReorgs++;
      lastRewoundTo = safe;
      LOG.error(
          "ROOT-CHAIN REORG DEEPER THAN {} CONFIRMATIONS: applied blocks are no longer canonical; "
              + "re-reading root-chain events from block {} (deep reorgs so far: {})",
          confirmations,
          safe + 1,
          deepReorgs);
    });
    progress
        .changedWhileRead()
        .ifPresent(w -> LOG.warn(
            "root chain reorganised while reading blocks {}..{}; reading again next poll",
            w.from(),
            w.to()));
    return progress.lastApplied();
  }

  /** The ledger as the shared follower's consumer: each window is one ledger write. */
  private final class Ledgered implements L1Follower.Consumer {

    @Override
    public long lastApplied() {
      return lastFollowed();
    }

    @Override
    public NavigableMap<Long, Bytes32> checkpoints() {
      NavigableMap<Long, Bytes32> out = new TreeMap<>();
      store.scan(Columns.FOLLOWED_CHECKPOINT, new byte[0], (l1Block, hash) -> {
        out.put(l1Block, hash);
        return true;
      });
      return out;
    }

    @Override
    public void apply(L1Follower.Window window) {
      RootChainEvents events = new RootChainEvents(window.events());
      List<String> contradictions = writer
          .call(l -> l.applyRootChainEvents(events, window.to(), window.toHash()))
          .join();
      contradictions.forEach(RootChainFollower.this::reportConflict);
      applied.accept(window.events());
    }

    @Override
    public void rollBackTo(long l1Block) {
      writer
          .call(l -> {
            l.rewindFollowing(l1Block);
            return null;
          })
          .join();
    }
  }

  private void reportConflict(String conflict) {
    LOG.error("root-chain event contradicts applied state after a deep reorg: {}", conflict);
    synchronized (conflicts) {
      conflicts.addLast(conflict);
      if (conflicts.size() > CONFLICTS_KEPT) {
        conflicts.removeFirst();
      }
    }
  }

  public ReorgReport reorgReport() {
    synchronized (conflicts) { // the counters are written by the polling thread only
      return new ReorgReport(reorgsNoticed, deepReorgs, lastRewoundTo, List.copyOf(conflicts));
    }
  }

  public long lastFollowed() {
    return store.get(Columns.META, Columns.Meta.LAST_FOLLOWED_L1_BLOCK).orElse(startL1Block - 1);
  }
}
