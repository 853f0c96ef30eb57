package org.plasma4j.core.testing;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.L1EventSource;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.types.Bytes32;

/**
 * The one in-memory root chain of the unit tests: a head that tests mine forward, block hashes and
 * timestamps, and one log of {@link L1Event}s that each append places at increasing (root-chain
 * block, log index) with its block's hash, as a node's eth_getLogs would give them. A reorg drops
 * the events of the blocks it replaces and changes those blocks' hashes. Thread-safe: nodes under
 * test read it from their own threads.
 *
 * <p>What a contract keeps (commitments, nonces, coin roots) is not here: each module's test double
 * of a contract keeps its own state and appends the events that state change emits.
 */
public final class InMemoryL1 implements L1EventSource {

  /** Seconds between two blocks. */
  public static final long BLOCK_TIME = 12;

  private final List<L1Event> log = new ArrayList<>();
  /** How many times each block was replaced by a reorg: part of its hash. */
  private final Map<Long, Integer> replaced = new HashMap<>();
  /** Timestamps of blocks before the head whose time was moved or that were mined. */
  private final TreeMap<Long, Long> timestamps = new TreeMap<>();

  private long head;
  private long headTimestamp;
  private int reorgs;

  /** Thrown by the next {@link #events} read, once: a failure inside a follower. */
  public volatile Error failNextRead;

  public InMemoryL1(long head, long headTimestamp) {
    this.head = head;
    this.headTimestamp = headTimestamp;
  }

  @Override
  public synchronized long headBlockNumber() {
    return head;
  }

  public synchronized long headTimestamp() {
    return headTimestamp;
  }

  /** Moves the head block's time (tests that judge deadlines). */
  public synchronized void setHeadTimestamp(long seconds) {
    headTimestamp = seconds;
  }

  /** How many reorgs happened. */
  public synchronized int reorgs() {
    return reorgs;
  }

  /** Mines {@code n} empty blocks; returns the new head. */
  public synchronized long mine(int n) {
    for (int i = 0; i < n; i++) {
      timestamps.put(head, headTimestamp);
      head++;
      headTimestamp += BLOCK_TIME;
    }
    return head;
  }

  /**
   * Places {@code event} at its own root-chain block (which must be neither behind the last event
   * nor above the head), after every event already in that block.
   *
   * @return the event as placed
   */
  public synchronized <T extends L1Event> T append(T event) {
    long block = event.l1Block();
    long last = log.isEmpty() ? Long.MIN_VALUE : log.getLast().l1Block();
    if (block < last || block > head) {
      throw new IllegalArgumentException(
          "an event at block " + block + " after one at " + last + " with the head at " + head);
    }
    long index = block == last ? log.getLast().logIndex() + 1 : 0;
    T placed = at(event, new LogPlace(block, index, hash(block)));
    log.add(placed);
    return placed;
  }

  /** Mines a block and places {@code event} in it, alone. */
  public synchronized <T extends L1Event> T appendInNewBlock(T event) {
    mine(1);
    return append(at(event, LogPlace.inBlock(head)));
  }

  /** Places {@code event} in the head block, after the events already there. */
  public synchronized <T extends L1Event> T appendAtHead(T event) {
    return append(at(event, LogPlace.inBlock(head)));
  }

  /**
   * The same event at {@code place}: every kind is a record with its {@link LogPlace} as one
   * component, so one copy through the canonical constructor re-places any kind.
   */
  @SuppressWarnings("unchecked")
  public static <T extends L1Event> T at(T event, LogPlace place) {
    RecordComponent[] components = event.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] =
            types[i] == LogPlace.class ? place : components[i].getAccessor().invoke(event);
      }
      return (T) event.getClass().getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot place " + event.getClass().getSimpleName(), e);
    }
  }

  /**
   * Replaces the blocks from {@code from} through the head with empty ones (same height, new
   * hashes), like anvil_reorg: their events are gone.
   *
   * @return the dropped events, in log order, so a contract double can undo their effects
   */
  public synchronized List<L1Event> reorgFrom(long from) {
    reorgs++;
    for (long b = from; b <= head; b++) {
      replaced.merge(b, 1, Integer::sum);
    }
    List<L1Event> dropped = log.stream().filter(e -> e.l1Block() >= from).toList();
    log.removeIf(e -> e.l1Block() >= from);
    return dropped;
  }

  /** {@link #reorgFrom} the last {@code depth} blocks. */
  public synchronized List<L1Event> reorgLast(int depth) {
    return reorgFrom(head - depth + 1);
  }

  @Override
  public synchronized Optional<Bytes32> blockHash(long l1Block) {
    return l1Block < 0 || l1Block > head ? Optional.empty() : Optional.of(hash(l1Block));
  }

  private Bytes32 hash(long l1Block) {
    return Bytes32.ofUint(BigInteger.valueOf(l1Block)
        .shiftLeft(64)
        .add(BigInteger.valueOf(replaced.getOrDefault(l1Block, 0))));
  }

  /** The block's time: the head's, or the time the block had when it was mined. */
  public synchronized OptionalLong blockTimestamp(long l1Block) {
    if (l1Block < 0 || l1Block > head) {
      return OptionalLong.empty();
    }
    if (l1Block == head) {
      return OptionalLong.of(headTimestamp);
    }
    Map.Entry<Long, Long> at = timestamps.floorEntry(l1Block);
    return OptionalLong.of(
        at != null
            ? at.getValue()
            : timestamps.isEmpty() ? headTimestamp : timestamps.firstEntry().getValue());
  }

  @Override
  public synchronized List<L1Event> events(long fromL1Block, long toL1Block) {
    Error armed = failNextRead;
    if (armed != null) {
      failNextRead = null;
      throw armed;
    }
    return log.stream()
        .filter(e -> e.l1Block() >= fromL1Block && e.l1Block() <= toL1Block)
        .toList();
  }

  /** Every event so far, in log order. */
  public synchronized List<L1Event> all() {
    return List.copyOf(log);
  }
}
