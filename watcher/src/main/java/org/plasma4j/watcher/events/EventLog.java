package org.plasma4j.watcher.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.plasma4j.watcher.store.WatcherStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent, de-duplicated record of byzantine events. A finding is re-derived on every poll
 * and after every restart (the watcher replays what it stored), so {@link #report} keeps only the
 * first report of each key: restarts never re-announce old events as new.
 */
public final class EventLog {

  private static final Logger LOG = LoggerFactory.getLogger("org.plasma4j.watcher.byzantine");

  private final WatcherStore store;
  private final LongSupplier clockMillis;
  private final java.util.function.Consumer<EventType> reported;
  private final List<ByzantineEvent> events = new ArrayList<>();
  private final Set<String> keys = new HashSet<>();

  public EventLog(WatcherStore store, LongSupplier clockMillis) {
    this(store, clockMillis, type -> {});
  }

  /** A log that tells {@code reported} the type of each new event (metrics). */
  public EventLog(
      WatcherStore store,
      LongSupplier clockMillis,
      java.util.function.Consumer<EventType> reported) {
    this.store = store;
    this.clockMillis = clockMillis;
    this.reported = reported;
    store.events().forEach(e -> {
      events.add(e);
      keys.add(e.key());
    });
  }

  /** Reports a finding unless one with the same key was reported before; true if it is new. */
  public synchronized boolean report(EventType type, String subject, Map<String, String> details) {
    String key = key(type, subject);
    if (keys.contains(key)) {
      return false;
    }
    ByzantineEvent event = new ByzantineEvent(
        events.size() + 1L,
        type.wireName(),
        key,
        new LinkedHashMap<>(details),
        clockMillis.getAsLong());
    store.putEvent(event);
    events.add(event);
    keys.add(key);
    LOG.warn(event.logLine());
    reported.accept(type);
    return true;
  }

  public synchronized boolean contains(EventType type, String subject) {
    return keys.contains(key(type, subject));
  }

  /** An event's identity: its type and what it is about. */
  public static String key(EventType type, String subject) {
    return type.wireName() + ":" + subject;
  }

  /** The reported events whose key is in {@code keys}, in order, each as first reported. */
  public synchronized List<ByzantineEvent> withKeys(Set<String> keys) {
    return events.stream().filter(e -> keys.contains(e.key())).toList();
  }

  /** Events with {@code seq > afterSeq}, in order. */
  public synchronized List<ByzantineEvent> after(long afterSeq) {
    return after(afterSeq, Integer.MAX_VALUE);
  }

  /** The first {@code limit} events with {@code seq > afterSeq}, in order. */
  public synchronized List<ByzantineEvent> after(long afterSeq, int limit) {
    int from = (int) Math.min(Math.max(afterSeq, 0), events.size());
    int to = (int) Math.min((long) from + Math.max(limit, 0), events.size());
    return List.copyOf(events.subList(from, to));
  }

  public synchronized int size() {
    return events.size();
  }
}
