package org.plasma4j.watcher.challenge;

import java.util.List;

/**
 * What the watcher did about one challenge task, kept in its store so that a restart neither sends
 * a mined challenge twice nor forgets one a reorg dropped.
 *
 * @param key the task's key
 * @param l1TxHashes the transactions of the last send that went through (commit and reveal), oldest
 *     first; empty while a failed task waits for its backoff
 * @param failures failed attempts of this task so far: sends that failed, and sends that went
 *     through but came to nothing (reverted, or mined without effect)
 * @param nextAttemptAtMillis when a failed task may be sent again (backoff)
 * @param lastError why the last send failed
 */
public record SentChallenge(
    String key, List<String> l1TxHashes, int failures, long nextAttemptAtMillis, String lastError) {

  public SentChallenge {
    l1TxHashes = List.copyOf(l1TxHashes);
  }

  public boolean sent() {
    return !l1TxHashes.isEmpty();
  }
}
