package org.plasma4j.guardian;

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
import org.plasma4j.operator.supervision.Fatal;
import org.plasma4j.operator.supervision.Supervisor;
import org.plasma4j.operator.supervision.TaskHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches on behalf of a set of keys and exits their funds on its own when the chain turns bad
 * (docs/guardian.md). Each poll observes the watcher and the root chain, asks {@link GuardianPolicy}
 * what to do, and executes it; the journal is saved before and after every action, so a restart
 * never repeats one.
 */
public final class Guardian implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Guardian.class);

  private final GuardianPolicy policy;
  private final ChainObserver observer;
  private final ActionExecutor executor;
  private final JournalFile journalFile;
  private final SentOutbox outbox;
  private final LongSupplier clockMillis;
  private final Consumer<String> out;
  private Journal journal;
  /** Notices already printed in this run: a standing event informs once, not every poll. */
  private final Set<String> noticed = new HashSet<>();
  private ScheduledExecutorService loop;
  private volatile Supervisor supervisor;

  /**
   * @param out receives one line per alarm, action and missed deadline (the CLI prints them)
   */
  public Guardian(
      GuardianConfig config,
      List<Address> keys,
      WatcherView watcher,
      ExitStatus rootChain,
      ActionExecutor executor,
      JournalFile journalFile,
      LongSupplier clockMillis,
      Consumer<String> out) {
    this.policy = new GuardianPolicy(config, Set.copyOf(keys));
    this.observer = new ChainObserver(watcher, rootChain, keys);
    this.executor = executor;
    this.journalFile = journalFile;
    this.outbox = new SentOutbox(journalFile.path().getParent());
    this.clockMillis = clockMillis;
    this.out = out;
    this.journal = journalFile.load();
  }

  public synchronized Journal journal() {
    return journal;
  }

  /** Remembers a transaction one of the keys sent, so it can exit in flight if it is never included. */
  public synchronized void recordSent(InFlightTx tx) {
    save(journal.withSent(tx));
  }

  /** One observation and the actions it calls for. Never throws: a failed poll is logged and retried. */
  public synchronized Plan pollOnce() {
    Plan plan;
    try {
      takeOutbox();
      ChainView view = observer.observe(journal, clockMillis.getAsLong());
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
        out.accept("ALARM ENDED  " + ended + ": its cause is resolved on the root chain; exits already started are"
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
    Set<Bytes32> failedStarts = new HashSet<>();
    for (Action action : actions) {
      if (action instanceof Action.Piggyback p && failedStarts.contains(p.txHash())) {
        continue; // its in-flight exit did not start; the piggyback waits for the next poll
      }
      if (action instanceof Action.ProcessExits p) {
        save(journal.withProcessAttempt(p.token(), l1Timestamp));
      }
      long at = clockMillis.getAsLong();
      try {
        Outcome outcome = executor.execute(action);
        save(journal.withSuccess(action, outcome, at));
      } catch (RuntimeException e) {
        if (action instanceof Action.StartInFlightExit s) {
          failedStarts.add(s.tx().txHash());
        }
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        save(journal.withFailure(action, error, at));
      }
      out.accept(journal.report().getLast().line());
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

  /** Polls every {@code interval} on a background thread until {@link #close()}; fatal errors end the process. */
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
    loop.scheduleWithFixedDelay(supervisor.supervised(TASK, this::pollOnce), 0, interval.toMillis(),
        TimeUnit.MILLISECONDS);
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
