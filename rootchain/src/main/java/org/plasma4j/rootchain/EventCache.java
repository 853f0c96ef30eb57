package org.plasma4j.rootchain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Root-chain events of one kind, read once and kept. Each refresh reads only the blocks after the
 * last one read, plus a reorg margin that is read again: whatever a reorg changed there replaces
 * what was kept. Long-running readers (the coin watch, a wallet's coin roots) would otherwise ask
 * for every log since block 0 on every poll, which a long chain's node refuses or answers slowly.
 */
public final class EventCache<T> {

  /** Reads the events of an inclusive root-chain block range. */
  @FunctionalInterface
  public interface Fetch<T> {
    List<T> between(long fromBlock, long toBlock);
  }

  private final Fetch<T> fetch;
  private final ToLongFunction<T> l1Block;
  private final long reorgMargin;
  private final List<T> kept = new ArrayList<>();
  private long scannedTo = -1;

  /** @param reorgMargin how many of the last blocks read are read again on the next refresh */
  public EventCache(Fetch<T> fetch, ToLongFunction<T> l1Block, long reorgMargin) {
    if (reorgMargin < 1) {
      throw new IllegalArgumentException("the reorg margin must be at least one block");
    }
    this.fetch = fetch;
    this.l1Block = l1Block;
    this.reorgMargin = reorgMargin;
  }

  /** Every event up to root-chain block {@code head}, in the order read. */
  public synchronized List<T> upTo(long head) {
    long from = Math.max(0, Math.min(scannedTo - reorgMargin + 1, head + 1));
    kept.removeIf(e -> l1Block.applyAsLong(e) >= from);
    if (head >= from) {
      kept.addAll(fetch.between(from, head));
    }
    scannedTo = head;
    return List.copyOf(kept);
  }
}
