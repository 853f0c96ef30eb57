package org.plasma4j.guardian;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.supervision.Fatal;
import org.plasma4j.node.supervision.Supervisor;
import org.plasma4j.node.supervision.TaskHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches on behalf of a set of keys and exits their funds on its own when the chain turns bad
 * (docs/guardian.md). Each poll first settles what it sent before (by transaction hash, else by the
 * state the action would have left on the root chain), then observes the watcher and the root
 * chain, asks {@link GuardianPolicy} what to do, and executes it. Every action's intent, and each
 * of its transaction hashes, is journaled (synced to disk) before the transaction is broadcast, so
 * a crash at any point leaves something to look up and never a second send; an action counts as
 * done only at the confirmation depth, and one a reorg drops is sent again.
 */
public final class Guardian implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Guardian.class);

  private final GuardianConfig config;
  private final GuardianPolicy policy;
  private final ExitStatus rootChain;
  private final ChainObserver observer;
  private final ActionExecutor executor;
  private final JournalFile journalFile;
  private final SentOutbox outbox;
  private final LongSupplier clockMillis;
  private final Consumer<String> out;
  private Journal journal;
  /** Notices already printed in this run: a standing event informs once, not every poll. */
  private final Set<String> noticed = new HashSet<>();

  private final GuardianMetrics metrics =
      new GuardianMetrics(new org.plasma4j.node.metrics.Metrics());
  private ScheduledExecutorService loop;
  private volatile Supervisor supervisor;

  /** @param out receives one line per alarm, action and missed deadline (the CLI prints them) */
  public Guardian(
      GuardianConfig config,
      List<Address> keys,
      WatcherView watcher,
      ExitStatus rootChain,
      ActionExecutor executor,
      JournalFile journalFile,
      LongSupplier clockMillis,
      Consumer<String> out) {
    this.config = config;
    this.policy = new GuardianPolicy(config, Set.copyOf(keys));
    this.rootChain = rootChain;
    this.observer = new ChainObserver(watcher, rootChain, keys);
    this.executor = executor;
    this.journalFile = journalFile;
    this.outbox = new SentOutbox(journalFile.path().getParent());
    this.clockMillis = clockMillis;
    this.out = out;
    this.journal = journalFile.load();
  }

  /** The guardian's metrics (what its /metrics serves). */
  public GuardianMetrics metrics() {
    return metrics;
  }

  public synchronized Journal journal() {
    return journal;
  }

  /**
   * Remembers a transaction one of the keys sent, so it can exit in flight if it is never included.
   */
  public synchronized void recordSent(InFlightTx tx) {
    save(journal.withSent(tx));
  }

  /**
   * One observation and the actions it calls for. Never throws: a failed poll is logged and
   * retried.
   */
  public synchronized Plan pollOnce() {
    Plan plan;
    try {
      takeOutbox();
      reconcile();
      retryFunded();
      ChainView view = observer.observe(journal, clockMillis.getAsLong());
      markChallenged(view);
      save(journal.withProcessedExits(policy.processedExits(view, journal)));
      if (observer.watcherAnswered()) {
        save(journal.withKnownOutputs(view.ownedOutputs()).withoutIncluded(observer.confirmed()));
      }
      plan = policy.decide(view, journal);
      if (plan.alarm().isPresent() && journal.alarm().isEmpty()) {
        save(journal.withAlarm(plan.alarm().get()));
        out.accept("ALARM  " + plan.alarm().get() + ": exiting every owned output");
      } else if (plan.alarm().isEmpty() && journal.alarm().isPresent()) {
        String ended = journal.alarm().get();
        save(journal.withoutAlarm());
        out.accept("ALARM ENDED  " + ended
            + ": its cause is resolved on the root chain; exits already started are"
            + " still finished");
      }
      plan.notices().stream().filter(noticed::add).forEach(n -> out.accept("NOTICE " + n));
      plan.missed().forEach(m -> out.accept("MISSED " + m));
      execute(plan.actions(), view.l1Timestamp());
    } catch (RuntimeException e) {
      LOG.warn("guardian poll failed, retrying next poll", e);
      out.accept("poll failed: " + e.getMessage());
      return new Plan(journal.alarm(), List.of(), List.of());
    }
    return plan;
  }

  /** Payments other processes sent and handed over through the outbox. */
  private void takeOutbox() {
    List<SentOutbox.Entry> pending = outbox.pending();
    Journal next = journal;
    for (SentOutbox.Entry e : pending) {
      next = next.withSent(e.tx());
    }
    save(next);
    pending.forEach(SentOutbox::delete);
  }

  private void execute(List<Action> actions, long l1Timestamp) {
    Set<Bytes32> unstarted = new HashSet<>();
    for (Action action : actions) {
      if (action instanceof Action.Piggyback p && unstarted.contains(p.txHash())) {
        continue; // its in-flight exit is not on the chain yet; the piggyback waits for the next
        // poll
      }
      if (action instanceof Action.ProcessExits p) {
        save(journal.withProcessAttempt(p.token(), l1Timestamp));
      }
      execute(action);
      if (action instanceof Action.StartInFlightExit s && !journal.isMined(s.key())) {
        unstarted.add(s.tx().txHash());
      }
      if (action instanceof Action.ProcessExits p
          && journal.processAttempts(p.token()) == config.maxProcessAttempts()) {
        out.accept(
            "GAVE UP processing the exits of " + p.token() + " after " + config.maxProcessAttempts()
                + " calls: process them by hand (plasma wallet process-exits)");
      }
    }
  }

  /**
   * Intent first, each transaction hash before its broadcast, the outcome once the receipt is in.
   */
  private void execute(Action action) {
    String key = action.key();
    Address sender = executor.sender(action);
    save(journal.withIntent(action, sender));
    long at = clockMillis.getAsLong();
    try {
      Outcome outcome = executor.execute(action, hash -> save(journal.withTxHash(key, hash)));
      metrics.action(action, true);
      mined(key, action.describe(), outcome, at);
    } catch (RuntimeException e) {
      metrics.action(action, false);
      String error = e.getMessage() == null
          ? e.getClass().getSimpleName()
          : e.getMessage().lines().findFirst().orElse("");
      settleAfterError(action, error, at);
    }
  }

  /** The call failed, but a transaction may have gone out: the chain says whether it did. */
  private void settleAfterError(Action action, String error, long at) {
    JournalEntry sent = journal.entries().get(action.key());
    Reconciled found = new Reconciled.Dropped();
    if (!sent.l1TxHashes().isEmpty()) {
      try {
        found = executor.reconcile(sent);
      } catch (RuntimeException unreachable) {
        out.accept("SENT   " + action.describe() + ": " + error
            + "; its outcome is looked up again next poll");
        return; // still SENDING: the next poll asks again, and nothing is sent meanwhile
      }
    }
    switch (found) {
      case Reconciled.Mined m -> mined(action.key(), action.describe(), m.outcome(), at);
      case Reconciled.Pending p ->
        out.accept("SENT   " + action.describe() + ": L1 tx " + p.l1TxHash()
            + " pending; it is looked up again next poll");
      case Reconciled.Reverted r -> failed(action.key(), action.describe(), error, at);
      case Reconciled.Dropped d -> failed(action.key(), action.describe(), error, at);
    }
  }

  private void mined(String key, String description, Outcome outcome, long at) {
    boolean confirmed = config.confirmed(
        outcome.l1Block(), config.confirmations() <= 1 ? outcome.l1Block() : rootChain.headBlock());
    boolean wasReported = journal.isMined(key);
    save(journal.withMined(key, description, outcome, confirmed, at));
    if (!wasReported) {
      out.accept(journal.report().getLast().line()
          + (confirmed ? "" : " (mined; done at " + config.confirmations() + " confirmations)"));
    }
  }

  private void failed(String key, String description, String error, long at) {
    save(journal.withFailure(key, description, error, at));
    out.accept(journal.report().getLast().line());
    JournalEntry e = journal.entries().get(key);
    if (e.attempts() >= config.maxAttempts() && !e.givenUp() && !key.startsWith("process:")) {
      BigInteger funds = rootChain.balance(e.sender());
      save(journal.withGaveUp(key, funds));
      out.accept("GAVE UP " + description + " after " + e.attempts() + " failed attempts (" + error
          + "); it is tried again" + " once " + e.sender() + " holds more than its " + funds
          + " wei");
    }
  }

  /**
   * What the actions sent before came to: mined deep enough, pending, reverted, or dropped by a
   * reorg.
   */
  private void reconcile() {
    List<JournalEntry> open = journal.inProgress();
    if (open.isEmpty()) {
      return;
    }
    long head = rootChain.headBlock();
    long at = clockMillis.getAsLong();
    for (JournalEntry e : open) {
      Reconciled found = executor.reconcile(e);
      switch (found) {
        case Reconciled.Mined m -> {
          boolean confirmed = config.confirmed(m.outcome().l1Block(), head);
          if (e.stage() != JournalEntry.Stage.MINED
              || confirmed
              || e.minedBlock() != m.outcome().l1Block()) {
            mined(e.key(), e.key(), m.outcome(), at);
          }
        }
        case Reconciled.Pending p -> {
          if (e.stage() == JournalEntry.Stage.MINED) {
            save(journal.withPending(e.key()));
            out.accept("REORG  " + e.key() + ": L1 tx " + p.l1TxHash()
                + " is back in the mempool; waiting for it");
          }
        }
        case Reconciled.Reverted r ->
          failed(e.key(), e.key(), "reverted in " + r.l1TxHash() + ": " + r.reason(), at);
        case Reconciled.Dropped d -> {
          save(journal.withDropped(e.key()));
          out.accept("DROPPED " + e.key() + ": the root chain holds none of its transactions "
              + e.l1TxHashes() + " and shows no effect of it; it is sent again");
        }
      }
    }
  }

  /** Given-up actions whose sender holds more ETH than when they were given up start over. */
  private void retryFunded() {
    java.util.Map<Address, BigInteger> balances = new java.util.HashMap<>();
    for (JournalEntry e : List.copyOf(journal.entries().values())) {
      if (e.givenUp() && e.stage() == JournalEntry.Stage.RETRY) {
        BigInteger now = balances.computeIfAbsent(e.sender(), rootChain::balance);
        if (now.compareTo(e.fundsAtGiveUp()) > 0) {
          save(journal.withRetry(e.key()));
          out.accept("RETRY  " + e.key() + ": " + e.sender() + " holds " + now + " wei now");
        }
      }
    }
  }

  /**
   * The guardian's standard exits that were challenged away: their bond is gone, nothing is
   * processed for them.
   */
  private void markChallenged(ChainView view) {
    for (long position : view.challengedExits()) {
      String key = "exit:" + position;
      JournalEntry e = journal.entries().get(key);
      if (e != null && e.done()) {
        save(journal.withChallenged(key));
        out.accept("LOST   the standard exit of " + position
            + " was challenged: its bond went to the challenger");
      }
    }
  }

  private void save(Journal next) {
    if (next == journal) {
      return;
    }
    journalFile.save(next);
    journal = next;
  }

  /** The loop's name in the guardian's health. */
  public static final String TASK = "guardian-poll";

  /**
   * Polls every {@code interval} on a background thread until {@link #close()}; fatal errors end
   * the process.
   */
  public synchronized void start(Duration interval) {
    start(interval, new Supervisor(Fatal.exitProcess(), clockMillis));
  }

  /**
   * Polls every {@code interval} under {@code supervisor}: whatever a poll throws (an {@link Error}
   * included) is logged and counted and the next poll comes as scheduled; out of memory goes to the
   * supervisor's {@link Fatal}, which ends the process.
   */
  public synchronized void start(Duration interval, Supervisor supervisor) {
    if (loop != null) {
      return;
    }
    this.supervisor = supervisor;
    loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "guardian");
      t.setDaemon(true);
      return t;
    });
    loop.scheduleWithFixedDelay(
        supervisor.supervised(TASK, this::pollOnce), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** How the background loop fares (empty before {@link #start}). */
  public List<TaskHealth> health() {
    Supervisor s = supervisor;
    return s == null ? List.of() : s.health();
  }

  @Override
  public void close() {
    ScheduledExecutorService l;
    synchronized (this) {
      l = loop;
      loop = null;
    }
    if (l != null) {
      l.shutdownNow();
      try {
        l.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
