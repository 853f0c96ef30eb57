package org.plasma4j.watcher.exits;

import java.util.Map;
import org.plasma4j.watcher.events.EventType;

/** Something the audit found; the event log reports it once per {@code subject}. */
public record Finding(EventType type, String subject, Map<String, String> details) {}
