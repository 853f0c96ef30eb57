package org.plasma4j.devnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time per group of threads across the measured phase, from the JVM's thread MXBean: where the
 * process CPU went (request threads, the parallel pool, the single ledger writer, the benchmark's
 * own clients), so a run shows whether the writer or recovery is the ceiling. Threads that end
 * within the phase count only if they report their own time with {@link #ended()} first.
 */
final class ThreadCpu {

  /** Thread name prefixes and the group each belongs to, first match wins. */
  private static final String[][] GROUPS = {
    {"ledger-writer", "ledger writer"},
    {"rpc-", "rpc request threads"},
    {"ForkJoinPool.commonPool", "parallel pool"},
    {"bench-", "bench tracker"},
    {"watcher-", "watcher"},
    {"pool-", "bench clients"},
    {"HttpClient", "bench clients"},
    {"rootchain", "root chain"},
  };

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> start = new HashMap<>();
  private final Map<Long, Double> endedSeconds = new ConcurrentHashMap<>();
  private final Map<Long, String> endedNames = new ConcurrentHashMap<>();

  private ThreadCpu() {}

  static ThreadCpu start() {
    ThreadCpu cpu = new ThreadCpu();
    if (cpu.threads.isThreadCpuTimeSupported()) {
      cpu.threads.setThreadCpuTimeEnabled(true);
      for (long id : cpu.threads.getAllThreadIds()) {
        cpu.start.put(id, Math.max(0, cpu.threads.getThreadCpuTime(id)));
      }
    }
    return cpu;
  }

  /** Called by a thread of the measured phase as it finishes: its CPU time so far counts. */
  void ended() {
    Thread t = Thread.currentThread();
    long now = threads.isThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    if (now >= 0) {
      endedSeconds.put(t.threadId(), (now - start.getOrDefault(t.threadId(), 0L)) / 1e9);
      endedNames.put(t.threadId(), t.getName());
    }
  }

  /** CPU seconds per group since {@link #start()}, largest first. */
  Map<String, Double> secondsByGroup() {
    Map<String, Double> seconds = new HashMap<>();
    if (!threads.isThreadCpuTimeSupported()) {
      return seconds;
    }
    endedSeconds.forEach((id, used) -> seconds.merge(group(endedNames.get(id)), used, Double::sum));
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null || endedSeconds.containsKey(info.getThreadId())) {
        continue;
      }
      long now = threads.getThreadCpuTime(info.getThreadId());
      if (now < 0) {
        continue;
      }
      long used = now - start.getOrDefault(info.getThreadId(), 0L);
      seconds.merge(group(info.getThreadName()), used / 1e9, Double::sum);
    }
    Map<String, Double> sorted = new LinkedHashMap<>();
    seconds.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  static String group(String threadName) {
    for (String[] g : GROUPS) {
      if (threadName.startsWith(g[0])) {
        return g[1];
      }
    }
    return "other";
  }
}
