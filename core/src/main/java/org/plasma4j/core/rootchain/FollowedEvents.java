package org.plasma4j.core.rootchain;

import java.util.NavigableMap;
import java.util.TreeMap;
import org.plasma4j.core.types.Bytes32;

/**
 * What a long-lived reader keeps in memory of the root chain (a wallet's coin roots, the coin
 * watch's claims and challenges), kept up to date by the shared {@link L1Follower}: each
 * {@link #follow} reads only the blocks after the last one applied, and a reorg below them rolls
 * the kept events back instead of leaving them stale. A subclass applies the events it cares about
 * with one pattern switch in {@link #on} and forgets them in {@link #forgetAfter}.
 *
 * <p>Nothing here survives a restart: a new reader reads again from {@code startL1Block}, the
 * framework's deployment, never from genesis.
 */
public abstract class FollowedEvents implements L1Follower.Consumer {

  /** Blocks per log query. */
  public static final long MAX_RANGE = 5_000;

  /** Checkpoints kept to find the newest block a reorg left in place; older ones are dropped. */
  static final int KEPT_CHECKPOINTS = 64;

  private final L1Follower follower;
  private final long startL1Block;
  private final TreeMap<Long, Bytes32> checkpoints = new TreeMap<>();
  private long lastApplied;

  /**
   * @param startL1Block the framework's deployment block: nothing of it is older
   * @param confirmations blocks below the head a block must be to be read
   */
  protected FollowedEvents(L1EventSource chain, long startL1Block, int confirmations) {
    this.startL1Block = startL1Block;
    this.lastApplied = startL1Block - 1;
    this.follower = new L1Follower(
        chain, this, new L1Follower.Settings(confirmations, startL1Block, MAX_RANGE));
  }

  /** Applies the events up to the confirmed head; returns the last root-chain block applied. */
  public final synchronized long follow() {
    return follower.poll().lastApplied();
  }

  /** Forgets everything: the next {@link #follow} reads every block again from the start. */
  public final synchronized void forgetAll() {
    rollBackTo(startL1Block - 1);
  }

  /** The last root-chain block applied; {@code startL1Block - 1} before the first. */
  @Override
  public final synchronized long lastApplied() {
    return lastApplied;
  }

  @Override
  public final synchronized NavigableMap<Long, Bytes32> checkpoints() {
    return new TreeMap<>(checkpoints);
  }

  @Override
  public final synchronized void apply(L1Follower.Window window) {
    window.events().forEach(this::on);
    checkpoints.put(window.to(), window.toHash());
    while (checkpoints.size() > KEPT_CHECKPOINTS) {
      checkpoints.pollFirstEntry();
    }
    lastApplied = window.to();
  }

  @Override
  public final synchronized void rollBackTo(long l1Block) {
    forgetAfter(l1Block);
    checkpoints.tailMap(l1Block, false).clear();
    lastApplied = l1Block;
  }

  /** Applies one event of a window, in log order (called under this object's lock). */
  protected abstract void on(L1Event event);

  /** Forgets what the events after root-chain block {@code l1Block} did. */
  protected abstract void forgetAfter(long l1Block);
}
