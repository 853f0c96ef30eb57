package org.plasma4j.guardian;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * Everything the guardian must remember across polls and restarts: whether it raised the alarm, what
 * each action key came to, when it last processed each token's queue, the transactions its keys have
 * in flight, the outputs it last knew of, and the report. Immutable: every change returns a new
 * journal, which {@link JournalFile} persists before the guardian acts on it.
 *
 * @param alarm the alarm standing at the last poll (why, what is at stake, since when); it ends when its
 *     cause is resolved on the root chain, and it is what a restarted guardian acts on until the watcher
 *     answers again
 * @param lastProcessAt per token, the root-chain time of the last processExits attempt
 * @param knownOutputs the owned outputs of the last good watcher answer, to exit from when the watcher
 *     or the operator is gone
 */
public record Journal(
    Optional<String> alarm,
    Map<String, JournalEntry> entries,
    Map<Address, Long> lastProcessAt,
    List<InFlightTx> sent,
    List<OwnedOutput> knownOutputs,
    List<ActionRecord> report) {

  public Journal {
    entries = Map.copyOf(entries);
    lastProcessAt = Map.copyOf(lastProcessAt);
    sent = List.copyOf(sent);
    knownOutputs = List.copyOf(knownOutputs);
    report = List.copyOf(report);
  }

  public static Journal empty() {
    return new Journal(Optional.empty(), Map.of(), Map.of(), List.of(), List.of(), List.of());
  }

  public boolean isDone(String key) {
    JournalEntry e = entries.get(key);
    return e != null && e.done();
  }

  public int attempts(String key) {
    JournalEntry e = entries.get(key);
    return e == null ? 0 : e.attempts();
  }

  /** Whether the action is neither done nor out of attempts. */
  public boolean mayAttempt(String key, int maxAttempts) {
    return !isDone(key) && attempts(key) < maxAttempts;
  }

  /** Outputs a started standard or mass exit already claims. */
  public Set<Long> claimedPositions() {
    Set<Long> claimed = new HashSet<>();
    entries.values().stream().filter(JournalEntry::done).forEach(e -> claimed.addAll(e.positions()));
    return claimed;
  }

  public List<JournalEntry> done() {
    return entries.values().stream().filter(JournalEntry::done).toList();
  }

  public Journal withAlarm(String reason) {
    return alarm.isPresent() ? this : new Journal(Optional.of(reason), entries, lastProcessAt, sent, knownOutputs, report);
  }

  /** The alarm's cause is resolved: no new exits; those already started are still finished. */
  public Journal withoutAlarm() {
    return alarm.isEmpty() ? this : new Journal(Optional.empty(), entries, lastProcessAt, sent, knownOutputs, report);
  }

  public Journal withSuccess(Action action, Outcome outcome, long atMillis) {
    Map<String, JournalEntry> next = new LinkedHashMap<>(entries);
    next.put(action.key(), JournalEntry.succeeded(action, outcome, attempts(action.key())));
    return new Journal(alarm, next, lastProcessAt, sent, knownOutputs, append(ActionRecord.success(atMillis, action, outcome)));
  }

  public Journal withFailure(Action action, String error, long atMillis) {
    Map<String, JournalEntry> next = new LinkedHashMap<>(entries);
    next.put(action.key(), JournalEntry.failed(action.key(), attempts(action.key()) + 1));
    return new Journal(alarm, next, lastProcessAt, sent, knownOutputs, append(ActionRecord.failure(atMillis, action, error)));
  }

  /** A processExits attempt, successful or not: the next one waits for the retry interval. */
  public Journal withProcessAttempt(Address token, long l1Timestamp) {
    Map<Address, Long> next = new LinkedHashMap<>(lastProcessAt);
    next.put(token, l1Timestamp);
    return new Journal(alarm, entries, next, sent, knownOutputs, report);
  }

  public Journal withSent(InFlightTx tx) {
    List<InFlightTx> next = new ArrayList<>(sent);
    next.removeIf(t -> t.txHash().equals(tx.txHash()));
    next.add(tx);
    return new Journal(alarm, entries, lastProcessAt, next, knownOutputs, report);
  }

  /**
   * Forgets sent transactions the watcher has seen in a valid block: they are no longer in flight.
   * One the guardian already acted on stays, so its in-flight exit is still followed to the end.
   */
  public Journal withoutIncluded(Set<Bytes32> included) {
    Set<Bytes32> actedOn = new HashSet<>();
    entries.values().forEach(e -> actedOn.add(e.inFlightTx()));
    List<InFlightTx> next = sent.stream()
        .filter(t -> !included.contains(t.txHash()) || actedOn.contains(t.txHash()))
        .toList();
    if (next.size() == sent.size()) {
      return this;
    }
    return new Journal(alarm, entries, lastProcessAt, next, knownOutputs, report);
  }

  public Journal withKnownOutputs(List<OwnedOutput> outputs) {
    if (outputs.equals(knownOutputs)) {
      return this;
    }
    return new Journal(alarm, entries, lastProcessAt, sent, outputs, report);
  }

  private List<ActionRecord> append(ActionRecord record) {
    List<ActionRecord> next = new ArrayList<>(report);
    next.add(record);
    return next;
  }
}
