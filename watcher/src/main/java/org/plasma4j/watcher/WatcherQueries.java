package org.plasma4j.watcher;

import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.watcher.advice.ExitAdvice;
import org.plasma4j.watcher.events.ByzantineEvent;

/** What the watcher's API serves; the node implements it. */
public interface WatcherQueries {

  WatcherStatus status();

  /** Byzantine events with {@code seq > afterSeq}, oldest first. */
  List<ByzantineEvent> byzantineEvents(long afterSeq);

  /** A page of {@link #byzantineEvents(long)}: its first {@code limit} events. */
  default List<ByzantineEvent> byzantineEvents(long afterSeq, int limit) {
    return byzantineEvents(afterSeq).stream().limit(limit).toList();
  }

  /**
   * The reported events whose cause stands on the chain now, oldest first, each as first reported
   * (its {@code reportedAtMillis} says since when): an invalid block, a block still withheld, an
   * exit or piggyback still open and still invalid, a theft that was paid. A challenged exit, a
   * block obtained after all, a piggyback taken are no longer among them. A finding's details are
   * those of the last audit ({@link #byzantineEvents} keeps them as first reported).
   *
   * @throws WatcherNotReady before the watcher's first audit since it started
   */
  List<ByzantineEvent> openEvents();

  /**
   * A page of {@link #openEvents()}: the first {@code limit} with {@code seq > afterSeq}. Each page
   * is of the last audit when it is asked for, so pages read across an audit may show an event that
   * has just ended or miss, until the next read, one whose cause stood again under its old seq.
   *
   * @throws WatcherNotReady before the watcher's first audit since it started
   */
  default List<ByzantineEvent> openEvents(long afterSeq, int limit) {
    return openEvents().stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
  }

  ExitAdvice exitAdvice(Address owner);
}
