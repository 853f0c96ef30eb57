package org.plasma4j.core.rootchain;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import org.plasma4j.core.types.Bytes32;

/**
 * Follows the root chain's confirmed events for one consumer (the operator's ledger, the watcher's
 * store, a wallet's or guardian's view): reads {@code head - confirmations} in windows of at most
 * {@code maxRange} blocks, and hands each window's events, in log order, to the consumer with the
 * hash of its last block, which the consumer stores with the events' effects in one write.
 *
 * <p>Reorgs: a window whose last block's hash changed while it was read is not applied; it is read
 * again on the next poll. Before reading on, the newest stored checkpoint is compared with the
 * chain; if a reorg deeper than the confirmation depth replaced it, the consumer is told to roll
 * back to the newest checkpoint still canonical (or to before {@code startL1Block} if none is), and
 * the follower reads on from there. A reorg no deeper than the confirmation depth only replaces
 * blocks never applied: it is only counted.
 *
 * <p>Pure logic over two ports: the chain ({@link L1EventSource}) and the consumer's store
 * ({@link Consumer}); it does no logging of its own, its {@link Progress} says what happened.
 */
public final class L1Follower {

  /** What the follower needs of the consumer: its cursor, its checkpoints, and the two writes. */
  public interface Consumer {

    /** The last root-chain block applied; {@code startL1Block - 1} before the first window. */
    long lastApplied();

    /** The stored checkpoints, root-chain block to its hash; the newest is the last applied. */
    NavigableMap<Long, Bytes32> checkpoints();

    /**
     * Applies a window's events (in log order) and stores {@code window.to()} with its hash as the
     * newest checkpoint and the last block applied, all in one write.
     */
    void apply(Window window);

    /**
     * Forgets every effect of the blocks after {@code l1Block} and their checkpoints, so that
     * {@code l1Block} is the last block applied.
     */
    void rollBackTo(long l1Block);
  }

  /** The confirmed root-chain blocks {@code from..to} and their events in log order. */
  public record Window(long from, long to, Bytes32 toHash, List<L1Event> events) {
    public Window {
      events = List.copyOf(events);
    }
  }

  /**
   * @param confirmations blocks below the head a block must be to be read
   * @param startL1Block the first root-chain block to read (the framework's deployment)
   * @param maxRange blocks per window: one read never asks the node for an unbounded log range
   */
  public record Settings(int confirmations, long startL1Block, long maxRange) {
    public Settings {
      if (confirmations < 0 || maxRange < 1) {
        throw new IllegalArgumentException("confirmations >= 0 and maxRange >= 1 required");
      }
    }
  }

  /**
   * What one poll did.
   *
   * @param lastApplied the last root-chain block applied after the poll
   * @param rolledBackTo the block the consumer was rolled back to, if a deep reorg was found
   * @param windows the windows applied, in order
   * @param changedWhileRead a window whose last block changed while it was read, left for the next
   *     poll
   * @param reorgAtHead the block the previous poll saw as the head was replaced since (a reorg
   *     above the confirmed blocks, harmless unless a deep one follows)
   */
  public record Progress(
      long lastApplied,
      OptionalLong rolledBackTo,
      List<Window> windows,
      Optional<Window> changedWhileRead,
      boolean reorgAtHead) {}

  private final L1EventSource chain;
  private final Consumer consumer;
  private final Settings settings;
  private long seenHead = -1;
  private Bytes32 seenHeadHash;

  public L1Follower(L1EventSource chain, Consumer consumer, Settings settings) {
    this.chain = chain;
    this.consumer = consumer;
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** Follows up to the confirmed head, or until a window changes while read. */
  public Progress poll() {
    long head = chain.headBlockNumber();
    boolean reorgAtHead = noticeReorgAtHead(head);
    long last = consumer.lastApplied();
    OptionalLong rolledBackTo = rollBackIfReorganised(last);
    if (rolledBackTo.isPresent()) {
      last = rolledBackTo.getAsLong();
    }
    long confirmedHead = head - settings.confirmations();
    List<Window> applied = new java.util.ArrayList<>();
    while (last < confirmedHead) {
      long from = last + 1;
      long to = Math.min(confirmedHead, from + settings.maxRange() - 1);
      Optional<Bytes32> before = chain.blockHash(to);
      List<L1Event> events = chain.events(from, to);
      Optional<Bytes32> after = chain.blockHash(to);
      if (before.isEmpty() || !before.equals(after)) {
        Window skipped = new Window(from, to, before.orElse(null), events);
        return new Progress(last, rolledBackTo, applied, Optional.of(skipped), reorgAtHead);
      }
      Window window = new Window(from, to, after.get(), events);
      consumer.apply(window);
      applied.add(window);
      last = to;
    }
    return new Progress(last, rolledBackTo, applied, Optional.empty(), reorgAtHead);
  }

  /** True if the block the last poll saw as the head is no longer the block at that height. */
  private boolean noticeReorgAtHead(long head) {
    boolean replaced =
        seenHead >= 0 && !chain.blockHash(seenHead).equals(Optional.of(seenHeadHash));
    Optional<Bytes32> headHash = chain.blockHash(head);
    seenHead = headHash.isPresent() ? head : -1;
    seenHeadHash = headHash.orElse(null);
    return replaced;
  }

  /**
   * Rolls the consumer back to the newest checkpoint still canonical if the one at {@code last} is
   * not; empty if nothing changed (or nothing is recorded at {@code last} to compare with).
   */
  private OptionalLong rollBackIfReorganised(long last) {
    NavigableMap<Long, Bytes32> checkpoints = consumer.checkpoints();
    if (checkpoints.isEmpty() || checkpoints.lastKey() != last) {
      return OptionalLong.empty();
    }
    long safe = settings.startL1Block() - 1;
    for (Map.Entry<Long, Bytes32> c : checkpoints.descendingMap().entrySet()) {
      if (chain.blockHash(c.getKey()).equals(Optional.of(c.getValue()))) {
        safe = c.getKey();
        break;
      }
    }
    if (safe == last) {
      return OptionalLong.empty();
    }
    consumer.rollBackTo(safe);
    return OptionalLong.of(safe);
  }
}
