package org.plasma4j.watcher.challenge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the challenges the audit asks for, each once. A failed one is retried on later polls, up to a
 * limit, because most failures are transient (node down, fee spike); a task whose exit the root chain
 * already shows challenged is simply no longer asked for.
 */
public final class ChallengeRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ChallengeRunner.class);
  static final int MAX_ATTEMPTS = 5;

  private final Optional<ExitChallenger> challenger;
  private final Map<String, Integer> failures = new HashMap<>();
  private final java.util.Set<String> sent = new java.util.HashSet<>();
  private final AtomicInteger sentCount = new AtomicInteger();

  public ChallengeRunner(Optional<ExitChallenger> challenger) {
    this.challenger = challenger;
  }

  public Optional<ExitChallenger> challenger() {
    return challenger;
  }

  /** Runs the tasks not yet sent; returns how many were sent now. */
  public int run(List<ChallengeTask> tasks) {
    if (challenger.isEmpty()) {
      return 0;
    }
    int now = 0;
    for (ChallengeTask task : tasks) {
      String key = task.key();
      if (sent.contains(key) || failures.getOrDefault(key, 0) >= MAX_ATTEMPTS) {
        continue;
      }
      try {
        challenger.get().run(task);
        sent.add(key);
        sentCount.incrementAndGet();
        now++;
        LOG.info("challenge sent: {}", key);
      } catch (RuntimeException e) {
        int n = failures.merge(key, 1, Integer::sum);
        LOG.warn("challenge {} failed (attempt {} of {}): {}", key, n, MAX_ATTEMPTS, e.getMessage());
      }
    }
    return now;
  }

  public int sentCount() {
    return sentCount.get();
  }
}
