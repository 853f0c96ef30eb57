package org.plasma4j.guardian.cash;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plasma4j.guardian.ActionRecord;

/**
 * What the coin watch remembers across polls and restarts: per step key whether it is done, how
 * many attempts failed, and the root-chain block it was mined in (a reveal waits for a later block
 * than its commitment); plus the report. Immutable; {@link CoinJournalFile} persists each new one
 * before the watch acts on it.
 */
public record CoinJournal(Map<String, Step> steps, List<ActionRecord> report) {

  /** @param l1Block the root-chain block the step's transaction was mined in (0 until done) */
  public record Step(String key, boolean done, int attempts, long l1Block) {}

  public CoinJournal {
    steps = Map.copyOf(steps);
    report = List.copyOf(report);
  }

  public static CoinJournal empty() {
    return new CoinJournal(Map.of(), List.of());
  }

  public boolean isDone(String key) {
    Step s = steps.get(key);
    return s != null && s.done();
  }

  /** The root-chain block a done step was mined in, or -1. */
  public long doneAt(String key) {
    Step s = steps.get(key);
    return s != null && s.done() ? s.l1Block() : -1;
  }

  public boolean mayAttempt(String key, int maxAttempts) {
    Step s = steps.get(key);
    return s == null || !s.done() && s.attempts() < maxAttempts;
  }

  public CoinJournal withSuccess(CoinAction a, long l1Block, ActionRecord record) {
    Step old = steps.get(a.key());
    return with(new Step(a.key(), true, old == null ? 0 : old.attempts(), l1Block), record);
  }

  public CoinJournal withFailure(CoinAction a, ActionRecord record) {
    Step old = steps.get(a.key());
    return with(new Step(a.key(), false, old == null ? 1 : old.attempts() + 1, 0), record);
  }

  private CoinJournal with(Step step, ActionRecord record) {
    Map<String, Step> next = new LinkedHashMap<>(steps);
    next.put(step.key(), step);
    List<ActionRecord> lines = new ArrayList<>(report);
    lines.add(record);
    return new CoinJournal(next, lines);
  }
}
