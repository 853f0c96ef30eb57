package org.plasma4j.watcher.challenge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.plasma4j.rootchain.L1TxStatus;
import org.plasma4j.watcher.events.EventLog;
import org.plasma4j.watcher.events.EventType;
import org.plasma4j.watcher.store.WatcherStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the challenges the audit asks for. The audit asks for a task for as long as the watcher's
 * confirmed view of the root chain shows the exit unchallenged, so a task sent before is looked up
 * by its stored transaction hashes, newest first:
 *
 * <ul>
 *   <li>pending, or mined and applied in a block the confirmed view does not hold yet: left alone
 *       (the view catches up with it);
 *   <li>mined and applied in a block the view holds, while the exit still stands: it did not do
 *       what it was sent for (a reorg mined it again where it changed nothing), so it failed;
 *   <li>reverted (a reorg mined the commitment and the reveal again in one block, and the reveal
 *       came too soon after it): failed;
 *   <li>unknown to the chain (a reorg dropped it): sent again at once.
 * </ul>
 *
 * A failed task is sent again, commitment and reveal, after a growing backoff, for as long as the
 * audit asks: never given up, as an invalid exit left alone is paid. After a few failures the
 * watcher reports {@code challenge_failing} so that someone looks (tops up its key, say). What was
 * sent is in the watcher's store, so a restart does the same.
 */
public final class ChallengeRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ChallengeRunner.class);
  /** Failures after which the watcher reports the task as failing. */
  static final int LOUD_AFTER = 5;

  static final long FIRST_BACKOFF_MILLIS = 2_000;
  static final long MAX_BACKOFF_MILLIS = 300_000;

  private final Optional<ExitChallenger> challenger;
  private final WatcherStore store;
  private final EventLog events;
  private final LongSupplier clockMillis;
  private final AtomicInteger sentCount = new AtomicInteger();

  public ChallengeRunner(
      Optional<ExitChallenger> challenger,
      WatcherStore store,
      EventLog events,
      LongSupplier clockMillis) {
    this.challenger = challenger;
    this.store = store;
    this.events = events;
    this.clockMillis = clockMillis;
  }

  public Optional<ExitChallenger> challenger() {
    return challenger;
  }

  /**
   * Sends (again) what needs sending; returns how many were sent now.
   *
   * @param confirmedL1Block the last root-chain block of the view the audit judged: a challenge
   *     mined there or before should show in it
   */
  public int run(List<ChallengeTask> tasks, long confirmedL1Block) {
    if (challenger.isEmpty()) {
      return 0;
    }
    int now = 0;
    for (ChallengeTask task : tasks) {
      Optional<SentChallenge> before = store.challenge(task.key());
      if (before.isPresent() && !due(before.get(), confirmedL1Block)) {
        continue;
      }
      if (send(task, store.challenge(task.key()))) {
        now++;
      }
    }
    return now;
  }

  /**
   * Whether a stored task must be sent (again); a sent one that came to nothing is recorded as
   * failed first.
   */
  private boolean due(SentChallenge c, long confirmedL1Block) {
    if (!c.sent()) {
      return clockMillis.getAsLong() >= c.nextAttemptAtMillis();
    }
    if (c.l1TxHashes().stream().allMatch(String::isEmpty)) {
      return false;
    }
    for (String hash : c.l1TxHashes().reversed()) {
      switch (challenger.get().status(hash)) {
        case L1TxStatus.Pending p -> {
          return false;
        }
        case L1TxStatus.Mined m -> {
          if (m.block() > confirmedL1Block) {
            return false; // the confirmed view will show the exit challenged
          }
          failed(
              c,
              "mined in L1 block " + m.block() + " (" + hash
                  + "), yet the exit still stands in the view of block " + confirmedL1Block);
          return false; // sent again after the backoff
        }
        case L1TxStatus.Reverted r -> {
          failed(c, "reverted in L1 block " + r.block() + " (" + hash + ")");
          return false;
        }
        case L1TxStatus.Unknown u -> {}
      }
    }
    LOG.warn(
        "challenge {} is no longer on the root chain (transactions {} dropped by a reorg): sending it again",
        c.key(),
        c.l1TxHashes());
    return true;
  }

  private boolean send(ChallengeTask task, Optional<SentChallenge> before) {
    String key = task.key();
    int failures = before.map(SentChallenge::failures).orElse(0);
    try {
      List<String> hashes = challenger.get().send(task);
      // a challenger that cannot name its transactions is trusted to have sent it (nothing to look
      // up)
      store.putChallenge(
          new SentChallenge(key, hashes.isEmpty() ? List.of("") : hashes, failures, 0, ""));
      sentCount.incrementAndGet();
      LOG.info("challenge sent: {} in {}", key, hashes);
      return true;
    } catch (RuntimeException e) {
      failed(
          before.orElse(new SentChallenge(key, List.of(), 0, 0, "")),
          String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return false;
    }
  }

  /**
   * One more failure of {@code c}: it is sent again, whole, once a backoff that grows with its
   * failures is over; from {@link #LOUD_AFTER} failures on it is reported. Failures are counted
   * until the task is no longer asked for (a send that went through but came to nothing is one
   * too).
   */
  private void failed(SentChallenge c, String error) {
    int failures = c.failures() + 1;
    long backoff = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(failures - 1, 20));
    store.putChallenge(
        new SentChallenge(c.key(), List.of(), failures, clockMillis.getAsLong() + backoff, error));
    LOG.warn(
        "challenge {} failed ({} so far), sent again in {} s: {}",
        c.key(),
        failures,
        backoff / 1000,
        error);
    if (failures >= LOUD_AFTER) {
      Map<String, String> d = new LinkedHashMap<>();
      d.put("challenge", c.key());
      d.put("challenger", challenger.get().address().toHex());
      d.put("failures", Integer.toString(failures));
      d.put("error", error);
      events.report(EventType.CHALLENGE_FAILING, c.key(), d);
    }
  }

  public int sentCount() {
    return sentCount.get();
  }
}
