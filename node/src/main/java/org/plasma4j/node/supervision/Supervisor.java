package org.plasma4j.node.supervision;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps background tasks alive and visible. A scheduled executor never runs a task again once it
 * has thrown, and an {@link Error} passes every {@code catch (RuntimeException)}: so each task runs
 * through here, where any {@link Throwable} is logged, counted in the task's {@link TaskHealth},
 * and swallowed, and the next run comes as scheduled. An error after which the process cannot be
 * trusted ({@link Fatal#isFatal}) goes to {@link Fatal} instead, which ends the process.
 */
public final class Supervisor {

  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

  private final Fatal fatal;
  private final LongSupplier clockMillis;
  private final Map<String, Tracker> tasks = new ConcurrentHashMap<>();

  public Supervisor(Fatal fatal, LongSupplier clockMillis) {
    this.fatal = fatal;
    this.clockMillis = clockMillis;
  }

  public Fatal fatal() {
    return fatal;
  }

  /** {@code body} as a task that never throws: what to hand to an executor. */
  public Runnable supervised(String task, Runnable body) {
    Tracker tracker = tracker(task);
    return () -> run(tracker, body);
  }

  /** Runs {@code body} once as {@code task}; true if it completed. Never throws. */
  public boolean run(String task, Runnable body) {
    return run(tracker(task), body);
  }

  /** Records an outcome of a task that runs its own loop (a failure that it handled itself). */
  public void failed(String task, Throwable error) {
    tracker(task).failed(clockMillis.getAsLong(), error);
  }

  public void succeeded(String task) {
    tracker(task).succeeded(clockMillis.getAsLong());
  }

  /**
   * Passes {@code error} on to {@link Fatal} if the process cannot go on after it, and says whether
   * it did: for loops that catch {@code Throwable} themselves.
   */
  public boolean haltIfFatal(String task, Throwable error) {
    if (!Fatal.isFatal(error)) {
      return false;
    }
    tracker(task).failed(clockMillis.getAsLong(), error);
    LOG.error("FATAL in {}: the process cannot go on", task, error);
    fatal.halt(task, error);
    return true;
  }

  private boolean run(Tracker tracker, Runnable body) {
    try {
      body.run();
      tracker.succeeded(clockMillis.getAsLong());
      return true;
    } catch (Throwable t) {
      if (!haltIfFatal(tracker.task, t)) {
        tracker.failed(clockMillis.getAsLong(), t);
        LOG.error("{} failed; it runs again as scheduled", tracker.task, t);
      }
      return false;
    }
  }

  private Tracker tracker(String task) {
    return tasks.computeIfAbsent(task, Tracker::new);
  }

  /** Every task seen so far, by name. */
  public List<TaskHealth> health() {
    return tasks.values().stream()
        .map(Tracker::snapshot)
        .sorted(java.util.Comparator.comparing(TaskHealth::task))
        .toList();
  }

  /** True while no task's latest run failed. */
  public boolean healthy() {
    return health().stream().allMatch(TaskHealth::healthy);
  }

  /** One task's counters; written by its own thread, read by anyone. */
  private static final class Tracker {
    final String task;
    private TaskHealth state;

    Tracker(String task) {
      this.task = task;
      this.state = new TaskHealth(task, 0, 0, 0, 0, 0, "");
    }

    synchronized void succeeded(long now) {
      state = new TaskHealth(
          task,
          state.runs() + 1,
          state.failures(),
          0,
          now,
          state.lastFailureMillis(),
          state.lastError());
    }

    synchronized void failed(long now, Throwable error) {
      state = new TaskHealth(
          task,
          state.runs() + 1,
          state.failures() + 1,
          state.consecutiveFailures() + 1,
          state.lastSuccessMillis(),
          now,
          String.valueOf(error));
    }

    synchronized TaskHealth snapshot() {
      return state;
    }
  }
}
