package org.plasma4j.guardian;

import java.util.List;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;

/**
 * The watcher as the guardian reads it: an embedded watcher node or a remote one. Any call may throw
 * when the watcher is unreachable or not synced; the guardian then acts on what it last knew.
 */
public interface WatcherView {

  /**
   * The byzantine events whose cause stands on the chain now, oldest first (not every event since
   * genesis: a challenged exit or a block obtained after all is no longer among them).
   */
  List<ByzantineEvent> events();

  /** What {@code owner} can exit, as far as the watcher knows. */
  Advice advice(Address owner);

  /**
   * @param firstBadBlock the first invalid or withheld child block, 0 if none
   * @param outputs the owner's unspent outputs in valid blocks before it, with their exit data
   * @param piggybackable transactions of the in-flight exits where the owner may still piggyback
   */
  record Advice(long firstBadBlock, List<OwnedOutput> outputs, List<Transaction> piggybackable) {
    public Advice {
      outputs = List.copyOf(outputs);
      piggybackable = List.copyOf(piggybackable);
    }
  }
}
