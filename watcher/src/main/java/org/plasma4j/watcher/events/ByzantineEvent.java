package org.plasma4j.watcher.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One reported byzantine event. {@code key} names what it is about (e.g.
 * {@code invalid_exit:2000000000}) so the same finding is reported once, across restarts and
 * re-validations; {@code details} keep their insertion order so the log line is stable.
 *
 * @param seq the event's number in this watcher's log, from 1
 * @param reportedAtMillis the watcher's clock when first reported
 */
public record ByzantineEvent(
    long seq, String type, String key, Map<String, String> details, long reportedAtMillis) {

  public ByzantineEvent {
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** {@code byzantine_event seq=3 type=invalid_block blkNum=2000 error=mismatched_root} */
  public String logLine() {
    String rest = details.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().replace(' ', '_'))
        .collect(Collectors.joining(" "));
    return "byzantine_event seq=" + seq + " type=" + type + (rest.isEmpty() ? "" : " " + rest);
  }
}
