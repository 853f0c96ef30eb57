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

  ExitAdvice exitAdvice(Address owner);
}
