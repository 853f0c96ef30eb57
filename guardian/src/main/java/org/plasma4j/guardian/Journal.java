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
 * Everything the guardian must remember across polls and restarts: whether it raised the alarm,
 * what each action key came to, when it last processed each token's queue, the transactions its
 * keys have in flight, the outputs it last knew of, and the report. Immutable: every change returns
 * a new journal, which {@link JournalFile} persists before the guardian acts on it.
 *
 * @param alarm the alarm standing at the last poll (why, what is at stake, since when); it ends
 *     when its cause is resolved on the root chain, and it is what a restarted guardian acts on
 *     until the watcher answers again
 * @param lastProcessAt per token, the root-chain time of the last processExits attempt
 * @param processAttempts per token, how many processExits calls the guardian paid for since its own
 *     exits in that token last made progress
 * @param processedExits per token, the most of the guardian's own exits seen processed: one more is
 *     progress, and the count of processExits calls starts over
 * @param knownOutputs the owned outputs of the last good watcher answer, to exit from when the
 *     watcher or the operator is gone
 */
public record Journal(
    Optional<String> alarm,
    Map<String, JournalEntry> entries,
    Map<Address, Long> lastProcessAt,
    Map<Address, Integer> processAttempts,
    Map<Address, Integer> processedExits,
    List<InFlightTx> sent,
    List<OwnedOutput> knownOutputs,
    List<ActionRecord> report) {

  public Journal {
    entries = Map.copyOf(entries);
    lastProcessAt = Map.copyOf(lastProcessAt);
    processAttempts = Map.copyOf(processAttempts);
    processedExits = Map.copyOf(processedExits);
    sent = List.copyOf(sent);
    knownOutputs = List.copyOf(knownOutputs);
    report = List.copyOf(report);
  }

  public static Journal empty() {
    return new Journal(
        Optional.empty(), Map.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of(), List.of());
  }

  public boolean isDone(String key) {
    JournalEntry e = entries.get(key);
    return e != null && e.done();
  }

  public int attempts(String key) {
    JournalEntry e = entries.get(key);
    return e == null ? 0 : e.attempts();
  }

  /** Whether the action is neither done, nor sent and unsettled, nor out of attempts. */
  public boolean mayAttempt(String key, int maxAttempts) {
    JournalEntry e = entries.get(key);
    return e == null || (e.stage() == JournalEntry.Stage.RETRY && e.attempts() < maxAttempts);
  }

  /**
   * Whether the action is mined (deep enough or not): what depends on it on the root chain may
   * follow.
   */
  public boolean isMined(String key) {
    JournalEntry e = entries.get(key);
    return e != null && (e.stage() == JournalEntry.Stage.MINED || e.done());
  }

  /** Outputs a standard or mass exit claims: started, or sent and not yet settled. */
  public Set<Long> claimedPositions() {
    Set<Long> claimed = new HashSet<>();
    entries.values().stream()
        .filter(JournalEntry::claims)
        .forEach(e -> claimed.addAll(e.positions()));
    return claimed;
  }

  /** Actions sent and not yet settled: each poll asks the root chain what they came to. */
  public List<JournalEntry> inProgress() {
    return entries.values().stream().filter(JournalEntry::inProgress).toList();
  }

  public int processAttempts(Address token) {
    return processAttempts.getOrDefault(token, 0);
  }

  public List<JournalEntry> done() {
    return entries.values().stream().filter(JournalEntry::done).toList();
  }

  public Journal withAlarm(String reason) {
    return alarm.isPresent()
        ? this
        : new Journal(
            Optional.of(reason),
            entries,
            lastProcessAt,
            processAttempts,
            processedExits,
            sent,
            knownOutputs,
            report);
  }

  /** The alarm's cause is resolved: no new exits; those already started are still finished. */
  public Journal withoutAlarm() {
    return alarm.isEmpty()
        ? this
        : new Journal(
            Optional.empty(),
            entries,
            lastProcessAt,
            processAttempts,
            processedExits,
            sent,
            knownOutputs,
            report);
  }

  /** The intent to take {@code action}, journaled before anything is sent. */
  public Journal withIntent(Action action, Address sender) {
    return withEntry(JournalEntry.intent(action, sender, attempts(action.key())));
  }

  /** A transaction of {@code key}'s current attempt, journaled before it is broadcast. */
  public Journal withTxHash(String key, String l1TxHash) {
    return withEntry(entries.get(key).withTxHash(l1TxHash));
  }

  /**
   * {@code key}'s transaction is mined ({@code confirmed}: deep enough to be done). The report
   * gains a line the first time this attempt is seen mined.
   */
  public Journal withMined(
      String key, String description, Outcome outcome, boolean confirmed, long atMillis) {
    JournalEntry before = entries.get(key);
    Journal next = withEntry(before.mined(outcome, confirmed));
    boolean reported = before.stage() == JournalEntry.Stage.MINED || before.done();
    if (reported) {
      return next;
    }
    return next.withReport(new ActionRecord(
        atMillis,
        key,
        description,
        true,
        outcome.l1TxHash(),
        outcome.bondWei(),
        outcome.gasWei(),
        ""));
  }

  /** A settled success in one step (tests, and actions read back from older journals). */
  public Journal withSuccess(Action action, Outcome outcome, long atMillis) {
    return withEntry(JournalEntry.succeeded(action, outcome, attempts(action.key())))
        .withReport(ActionRecord.success(atMillis, action, outcome));
  }

  public Journal withFailure(Action action, String error, long atMillis) {
    return withFailure(action.key(), action.describe(), error, atMillis);
  }

  /** A failed attempt: counted, and the action is taken again while attempts remain. */
  public Journal withFailure(String key, String description, String error, long atMillis) {
    JournalEntry e = entries.get(key);
    JournalEntry failed = e == null ? JournalEntry.failedOnce(key) : e.failed();
    return withEntry(failed)
        .withReport(new ActionRecord(
            atMillis,
            key,
            description,
            false,
            "",
            java.math.BigInteger.ZERO,
            java.math.BigInteger.ZERO,
            error));
  }

  /**
   * The chain knows none of {@code key}'s transactions: it is taken again, not counted as a
   * failure.
   */
  public Journal withDropped(String key) {
    return withEntry(entries.get(key).with(JournalEntry.Stage.RETRY, List.of(), 0));
  }

  /** A mined action whose transaction a reorg returned to the mempool. */
  public Journal withPending(String key) {
    JournalEntry e = entries.get(key);
    return withEntry(e.with(JournalEntry.Stage.SENDING, e.l1TxHashes(), 0));
  }

  /** An exit of the guardian's that was challenged away: nothing more is done for it. */
  public Journal withChallenged(String key) {
    JournalEntry e = entries.get(key);
    return withEntry(e.with(JournalEntry.Stage.CHALLENGED, e.l1TxHashes(), e.minedBlock()));
  }

  /** Given up while its sender held {@code funds} wei. */
  public Journal withGaveUp(String key, java.math.BigInteger funds) {
    return withEntry(entries.get(key).gaveUp(funds));
  }

  /**
   * A given-up action whose sender holds more than when it was given up: tried again from the
   * start.
   */
  public Journal withRetry(String key) {
    return withEntry(entries.get(key).retried());
  }

  private Journal withEntry(JournalEntry entry) {
    Map<String, JournalEntry> next = new LinkedHashMap<>(entries);
    next.put(entry.key(), entry);
    return new Journal(
        alarm, next, lastProcessAt, processAttempts, processedExits, sent, knownOutputs, report);
  }

  private Journal withReport(ActionRecord record) {
    return new Journal(
        alarm,
        entries,
        lastProcessAt,
        processAttempts,
        processedExits,
        sent,
        knownOutputs,
        append(record));
  }

  /** A processExits attempt, successful or not: the next one waits for the retry interval. */
  public Journal withProcessAttempt(Address token, long l1Timestamp) {
    Map<Address, Long> next = new LinkedHashMap<>(lastProcessAt);
    next.put(token, l1Timestamp);
    Map<Address, Integer> count = new LinkedHashMap<>(processAttempts);
    count.merge(token, 1, Integer::sum);
    return new Journal(alarm, entries, next, count, processedExits, sent, knownOutputs, report);
  }

  /**
   * {@code processed}: per token, how many of the guardian's own exits are processed now. Where
   * that is more than ever seen, its exits made progress: the count of processExits calls starts
   * over, so the cap stops only calls that pay out nothing of its own, not those of a later alarm.
   */
  public Journal withProcessedExits(Map<Address, Integer> processed) {
    Map<Address, Integer> seen = new LinkedHashMap<>(processedExits);
    Map<Address, Integer> count = new LinkedHashMap<>(processAttempts);
    processed.forEach((token, n) -> {
      if (n > seen.getOrDefault(token, 0)) {
        seen.put(token, n);
        count.remove(token);
      }
    });
    if (seen.equals(processedExits)) {
      return this;
    }
    return new Journal(alarm, entries, lastProcessAt, count, seen, sent, knownOutputs, report);
  }

  public Journal withSent(InFlightTx tx) {
    List<InFlightTx> next = new ArrayList<>(sent);
    next.removeIf(t -> t.txHash().equals(tx.txHash()));
    next.add(tx);
    return new Journal(
        alarm, entries, lastProcessAt, processAttempts, processedExits, next, knownOutputs, report);
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
    return new Journal(
        alarm, entries, lastProcessAt, processAttempts, processedExits, next, knownOutputs, report);
  }

  public Journal withKnownOutputs(List<OwnedOutput> outputs) {
    if (outputs.equals(knownOutputs)) {
      return this;
    }
    return new Journal(
        alarm, entries, lastProcessAt, processAttempts, processedExits, sent, outputs, report);
  }

  private List<ActionRecord> append(ActionRecord record) {
    List<ActionRecord> next = new ArrayList<>(report);
    next.add(record);
    return next;
  }
}
