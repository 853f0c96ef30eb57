package org.plasma4j.guardian.cash;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.plasma4j.core.types.Address;
import org.plasma4j.guardian.ActionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coin watch of one key (docs/guardian.md): each poll observes the key's coins, asks
 * {@link CoinGuardPolicy} what to do, and executes it, saving the journal after every step so a
 * restart never repeats one. A commitment and its reveal are taken in the same poll when the root
 * chain allows (the reveal is sent after the commitment's receipt, so it lands in a later block).
 */
public final class CoinGuard {

  private static final Logger LOG = LoggerFactory.getLogger(CoinGuard.class);
  private static final int ROUNDS_PER_POLL = 3;

  /** What the watch sees: the key's coins, its own open challenges and the root chain's head. */
  public interface Source {
    List<WatchedCoin> observe();

    /**
     * The key's challenge filings still open, on any coin (also coins the wallet no longer holds).
     */
    List<WatchedCoin.OwnFiling> ownFilings();

    long l1Head();

    long l1Timestamp();
  }

  /** Takes one step on the root chain; throws if it fails. */
  public interface Executor {
    CoinOutcome execute(CoinAction action);
  }

  private final CoinGuardPolicy policy;
  private final Source source;
  private final Executor executor;
  private final CoinJournalFile journalFile;
  private final LongSupplier clockMillis;
  private final Consumer<String> out;
  private CoinJournal journal;

  public CoinGuard(
      Address us,
      Source source,
      Executor executor,
      CoinJournalFile journalFile,
      LongSupplier clockMillis,
      Consumer<String> out) {
    this.policy = new CoinGuardPolicy(us);
    this.source = source;
    this.executor = executor;
    this.journalFile = journalFile;
    this.clockMillis = clockMillis;
    this.out = out;
    this.journal = journalFile.load();
  }

  public synchronized CoinJournal journal() {
    return journal;
  }

  /**
   * One observation and the steps it calls for; never throws (a failed poll is retried next time).
   */
  public synchronized int pollOnce() {
    int taken = 0;
    try {
      for (int round = 0; round < ROUNDS_PER_POLL; round++) {
        List<CoinAction> actions = policy.decide(
            source.observe(), source.ownFilings(), journal, source.l1Head(), source.l1Timestamp());
        if (actions.isEmpty()) {
          break;
        }
        for (CoinAction a : actions) {
          execute(a);
          taken++;
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("coin watch poll failed, retrying next poll", e);
      out.accept("coin watch poll failed: " + e.getMessage());
    }
    return taken;
  }

  private void execute(CoinAction a) {
    long at = clockMillis.getAsLong();
    ActionRecord record;
    try {
      CoinOutcome o = executor.execute(a);
      record = new ActionRecord(
          at, a.key(), a.describe(), true, o.l1TxHash(), o.bondWei(), o.gasWei(), "");
      save(journal.withSuccess(a, o.l1Block(), record));
    } catch (RuntimeException e) {
      String error = e.getMessage() == null
          ? e.getClass().getSimpleName()
          : e.getMessage().lines().findFirst().orElse("");
      record = new ActionRecord(
          at,
          a.key(),
          a.describe(),
          false,
          "",
          java.math.BigInteger.ZERO,
          java.math.BigInteger.ZERO,
          error);
      save(journal.withFailure(a, record));
    }
    out.accept(record.line());
  }

  private void save(CoinJournal next) {
    journalFile.save(next);
    journal = next;
  }
}
