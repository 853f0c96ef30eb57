package org.plasma4j.guardian;

import java.util.List;
import java.util.Set;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;

/**
 * The watcher as the guardian reads it: an embedded watcher node or a remote one. Any call may
 * throw when the watcher is unreachable or not synced; the guardian then acts on what it last knew.
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
   * @param piggybackable the in-flight exits where the owner may still piggyback, with the
   *     watcher's verdict
   */
  record Advice(long firstBadBlock, List<OwnedOutput> outputs, List<Piggybackable> piggybackable) {
    public Advice {
      outputs = List.copyOf(outputs);
      piggybackable = List.copyOf(piggybackable);
    }
  }

  /**
   * An in-flight exit as the watcher judges it for one owner.
   *
   * @param canonical whether the watcher knows no older competitor: then its outputs are paid
   * @param inputs input indices the owner may piggyback: none is spent by another transaction
   * @param outputs output indices the owner may piggyback: none is spent or held by another exit
   */
  record Piggybackable(
      Transaction tx, boolean canonical, Set<Integer> inputs, Set<Integer> outputs) {
    public Piggybackable {
      inputs = Set.copyOf(inputs);
      outputs = Set.copyOf(outputs);
    }
  }
}
