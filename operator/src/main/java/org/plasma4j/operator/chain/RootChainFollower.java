package org.plasma4j.operator.chain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.operator.ledger.CoinEvents;
import org.plasma4j.operator.ledger.Columns;
import org.plasma4j.operator.ledger.LedgerWriter;
import org.plasma4j.operator.ledger.RootChainEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies deposits and exit events (the framework's standard exits and, when given the exit games'
 * events, in-flight exits, piggybacks and mass exits, and the cash game's coin deposits and coin
 * exits) once they have the configured number of confirmations. Progress is stored with the events'
 * effects in one batch, so a restart resumes exactly where it stopped.
 *
 * <p>Reorgs: the hash of the root-chain block where each poll stopped is stored with its events. A
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
  private final Optional<ExitGameEvents> exitGames;
  private final Optional<CashGameEvents> cashGame;
  private final LedgerWriter writer;
  private final int confirmations;
  private final long startL1Block;
  private final Deque<String> conflicts = new ArrayDeque<>();
  private volatile long reorgsNoticed;
  private volatile long deepReorgs;
  private volatile long lastRewoundTo = -1;
  private long seenHead = -1;
  private Bytes32 seenHeadHash;

  public RootChainFollower(
      KeyValueStore store,
      RootChain rootChain,
      LedgerWriter writer,
      int confirmations,
      long startL1Block) {
    this(store, rootChain, Optional.empty(), writer, confirmations, startL1Block);
  }

  /** A follower that also applies the exit games' in-flight exits, piggybacks and mass exits. */
  public RootChainFollower(
      KeyValueStore store,
      RootChain rootChain,
      Optional<ExitGameEvents> exitGames,
      LedgerWriter writer,
      int confirmations,
      long startL1Block) {
    this(store, rootChain, exitGames, Optional.empty(), writer, confirmations, startL1Block);
  }

  /**
   * A follower that also applies the cash game's coin deposits and coin exits, with the same
   * confirmation depth and reorg handling as deposits.
   */
  public RootChainFollower(
      KeyValueStore store,
      RootChain rootChain,
      Optional<ExitGameEvents> exitGames,
      Optional<CashGameEvents> cashGame,
      LedgerWriter writer,
      int confirmations,
      long startL1Block) {
    this.store = store;
    this.rootChain = rootChain;
    this.exitGames = exitGames;
    this.cashGame = cashGame;
    this.writer = writer;
    this.confirmations = confirmations;
    this.startL1Block = startL1Block;
  }

  /** Follows up to the confirmed head; returns the last root-chain block applied. */
  public long poll() {
    long head = rootChain.headBlockNumber();
    noticeShallowReorg(head);
    long last = rewindIfReorganised(lastFollowed());
    long confirmedHead = head - confirmations;
    while (last < confirmedHead) {
      long from = last + 1;
      long to = Math.min(confirmedHead, from + MAX_RANGE - 1);
      Optional<Bytes32> before = rootChain.blockHash(to);
      RootChainEvents events = read(from, to);
      Optional<Bytes32> after = rootChain.blockHash(to);
      if (before.isEmpty() || !before.equals(after)) {
        LOG.warn(
            "root chain reorganised while reading blocks {}..{}; reading again next poll",
            from,
            to);
        return last;
      }
      List<String> contradictions =
          writer.call(l -> l.applyRootChainEvents(events, to, after.get())).join();
      contradictions.forEach(this::reportConflict);
      last = to;
    }
    return last;
  }

  private RootChainEvents read(long from, long to) {
    return new RootChainEvents(
        rootChain.deposits(from, to),
        rootChain.exitsStarted(from, to),
        rootChain.exitsChallenged(from, to),
        rootChain.exitsFinalized(from, to),
        exitGames.map(g -> g.inFlightExitsStarted(from, to)).orElse(List.of()),
        exitGames.map(g -> g.piggybacks(from, to)).orElse(List.of()),
        exitGames.map(g -> g.massExitsStarted(from, to)).orElse(List.of()),
        cashGame.map(g -> CoinEvents.read(g, from, to)).orElse(CoinEvents.NONE));
  }

  /** Remembers the head; if the block it named changed by the next poll, a reorg happened above. */
  private void noticeShallowReorg(long head) {
    if (seenHead >= 0) {
      Optional<Bytes32> now = rootChain.blockHash(seenHead);
      if (!now.equals(Optional.of(seenHeadHash))) {
        reorgsNoticed++;
        LOG.info(
            "root-chain reorg at or below block {} (head now {}); only unconfirmed blocks are affected "
                + "unless a deeper reorg is reported next",
            seenHead,
            head);
      }
    }
    Optional<Bytes32> headHash = rootChain.blockHash(head);
    seenHead = headHash.isPresent() ? head : -1;
    seenHeadHash = headHash.orElse(null);
  }

  /** Goes back to the newest stored block still on the canonical chain if {@code last} is not. */
  private long rewindIfReorganised(long last) {
    List<Long> newestFirst = new ArrayList<>();
    List<Bytes32> hashes = new ArrayList<>();
    store.scan(Columns.FOLLOWED_CHECKPOINT, new byte[0], (l1Block, hash) -> {
      newestFirst.addFirst(l1Block);
      hashes.addFirst(hash);
      return true;
    });
    if (newestFirst.isEmpty() || newestFirst.getFirst() != last) {
      return last; // nothing recorded at the marker (a store from before checkpoints): nothing to
      // compare
    }
    long safe = startL1Block - 1;
    for (int i = 0; i < newestFirst.size(); i++) {
      if (rootChain.blockHash(newestFirst.get(i)).equals(Optional.of(hashes.get(i)))) {
        safe = newestFirst.get(i);
        break;
      }
    }
    if (safe == last) {
      return last;
    }
    deepReorgs++;
    lastRewoundTo = safe;
    LOG.error(
        "ROOT-CHAIN REORG DEEPER THAN {} CONFIRMATIONS: applied block {} is no longer canonical; "
            + "re-reading root-chain events from block {} (deep reorgs so far: {})",
        confirmations,
        last,
        safe + 1,
        deepReorgs);
    long rewindTo = safe;
    writer
        .call(l -> {
          l.rewindFollowing(rewindTo);
          return null;
        })
        .join();
    return safe;
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
