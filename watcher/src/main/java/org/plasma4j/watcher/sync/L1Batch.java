package org.plasma4j.watcher.sync;

import java.util.List;
import org.plasma4j.core.rootchain.L1Event;

/**
 * Every root-chain event of the confirmed L1 blocks {@code fromBlock..toBlock}, in log order: the
 * unit the watcher stores, replays after a restart and drops after a reorg.
 */
public record L1Batch(long fromBlock, long toBlock, List<L1Event> events) {

  public L1Batch {
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** The batch's events of one kind, in log order. */
  public <T extends L1Event> List<T> only(Class<T> kind) {
    return events.stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}
