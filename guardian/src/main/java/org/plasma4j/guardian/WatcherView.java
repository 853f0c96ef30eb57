package org.plasma4j.guardian;

import java.util.List;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;

/**
 * The watcher as the guardian reads it: an embedded watcher node or a remote one. Any call may throw
 * when the watcher is unreachable or not synced; the guardian then acts on what it last knew.
 */
public interface WatcherView {

  /** Every byzantine event the watcher has reported, oldest first. */
  List<ByzantineEvent> events();

  /** The owner's unspent outputs in valid blocks, with their exit data. */
  List<OwnedOutput> exitableOutputs(Address owner);

  /** Transactions of the in-flight exits on the root chain where the owner may still piggyback. */
  List<Transaction> piggybackable(Address owner);
}
