package org.plasma4j.operator.chain;

import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.operator.ledger.Columns;
import org.plasma4j.operator.ledger.LedgerWriter;
import org.plasma4j.operator.ledger.RootChainEvents;
import org.plasma4j.operator.storage.KeyValueStore;

/**
 * Applies deposits and exit events once they have the configured number of confirmations. Progress
 * is stored with the events' effects in one batch, so a restart resumes exactly where it stopped.
 */
public final class RootChainFollower {

  /** Ranges are read in chunks so that one poll never asks the node for an unbounded log range. */
  static final long MAX_RANGE = 5_000;

  private final KeyValueStore store;
  private final RootChain rootChain;
  private final LedgerWriter writer;
  private final int confirmations;
  private final long startL1Block;

  public RootChainFollower(
      KeyValueStore store, RootChain rootChain, LedgerWriter writer, int confirmations, long startL1Block) {
    this.store = store;
    this.rootChain = rootChain;
    this.writer = writer;
    this.confirmations = confirmations;
    this.startL1Block = startL1Block;
  }

  /** Follows up to the confirmed head; returns the last root-chain block applied. */
  public long poll() {
    long confirmedHead = rootChain.headBlockNumber() - confirmations;
    long last = lastFollowed();
    while (last < confirmedHead) {
      long from = last + 1;
      long to = Math.min(confirmedHead, from + MAX_RANGE - 1);
      RootChainEvents events =
          new RootChainEvents(
              rootChain.deposits(from, to),
              rootChain.exitsStarted(from, to),
              rootChain.exitsChallenged(from, to),
              rootChain.exitsFinalized(from, to));
      writer.call(l -> {
            l.applyRootChainEvents(events, to);
            return null;
          })
          .join();
      last = to;
    }
    return last;
  }

  public long lastFollowed() {
    return store.get(Columns.META, Columns.Meta.LAST_FOLLOWED_L1_BLOCK).orElse(startL1Block - 1);
  }
}
