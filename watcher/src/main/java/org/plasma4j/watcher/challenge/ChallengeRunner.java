package org.plasma4j.watcher.challenge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.plasma4j.watcher.events.EventLog;
import org.plasma4j.watcher.events.EventType;
import org.plasma4j.watcher.store.WatcherStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the challenges the audit asks for. The audit asks for a task for as long as the watcher's
 * confirmed view of the root chain shows the exit unchallenged, so a task sent before is looked up by
 * its stored transaction hashes: mined or pending, it is left alone (the view catches up with it); unknown
 * to the chain (a reorg dropped it), it is sent again. What was sent is in the watcher's store, so a
 * restart does the same. A failed send is retried with a growing backoff for as long as the audit asks,
 * never given up: an invalid exit left alone is paid; after a few failures in a row the watcher reports
 * {@code challenge_failing} so that someone tops up its key.
 */
public final class ChallengeRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ChallengeRunner.class);
  /** Failures in a row after which the watcher reports the task as failing. */
  static final int LOUD_AFTER = 5;
  static final long FIRST_BACKOFF_MILLIS = 2_000;
  static final long MAX_BACKOFF_MILLIS = 300_000;

  private final Optional<ExitChallenger> challenger;
  private final WatcherStore store;
  private final EventLog events;
  private final LongSupplier clockMillis;
  private final AtomicInteger sentCount = new AtomicInteger();

  public ChallengeRunner(Optional<ExitChallenger> challenger, WatcherStore store, EventLog events, LongSupplier clockMillis) {
    this.challenger = challenger;
    this.store = store;
    this.events = events;
    this.clockMillis = clockMillis;
  }

  public Optional<ExitChallenger> challenger() {
    return challenger;
  }

  /** Sends (again) what needs sending; returns how many were sent now. */
  public int run(List<ChallengeTask> tasks) {
    if (challenger.isEmpty()) {
      return 0;
    }
    int now = 0;
    for (ChallengeTask task : tasks) {
      Optional<SentChallenge> before = store.challenge(task.key());
      if (before.isPresent() && !due(before.get())) {
        continue;
      }
      if (send(task, before)) {
        now++;
      }
    }
    return now;
  }

  /** Whether a stored task must be sent (again): it failed and its backoff is over, or a reorg dropped it. */
  private boolean due(SentChallenge c) {
    if (!c.sent()) {
      return clockMillis.getAsLong() >= c.nextAttemptAtMillis();
    }
    if (c.l1TxHashes().stream().allMatch(String::isEmpty)) {
      return false;
    }
    for (String hash : c.l1TxHashes().reversed()) {
      long at = challenger.get().minedIn(hash);
      if (at != ExitChallenger.UNKNOWN) {
        return false; // mined or pending: the confirmed view will show the exit challenged
      }
    }
    LOG.warn("challenge {} is no longer on the root chain (transactions {} dropped by a reorg): sending it again",
        c.key(), c.l1TxHashes());
    return true;
  }

  private boolean send(ChallengeTask task, Optional<SentChallenge> before) {
    String key = task.key();
    try {
      List<String> hashes = challenger.get().send(task);
      // a challenger that cannot name its transactions is trusted to have sent it (nothing to look up)
      store.putChallenge(new SentChallenge(key, hashes.isEmpty() ? List.of("") : hashes, 0, 0, ""));
      sentCount.incrementAndGet();
      LOG.info("challenge sent: {} in {}", key, hashes);
      return true;
    } catch (RuntimeException e) {
      int failures = before.filter(b -> !b.sent()).map(SentChallenge::failures).orElse(0) + 1;
      long backoff = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(failures - 1, 20));
      String error = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      store.putChallenge(new SentChallenge(key, List.of(), failures, clockMillis.getAsLong() + backoff, error));
      LOG.warn("challenge {} failed ({} in a row), retried in {} s: {}", key, failures, backoff / 1000, error);
      if (failures >= LOUD_AFTER) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("challenge", key);
        d.put("challenger", challenger.get().address().toHex());
        d.put("failures", Integer.toString(failures));
        d.put("error", error);
        events.report(EventType.CHALLENGE_FAILING, key, d);
      }
      return false;
    }
  }

  public int sentCount() {
    return sentCount.get();
  }
}
