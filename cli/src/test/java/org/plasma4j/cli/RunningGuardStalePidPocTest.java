package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guard that was killed (SIGKILL, OOM, power loss) leaves guard.pid behind; once the system gives its pid
 * to another process, 'wallet send' must not take that process for a guard and hand its payments to an
 * outbox no guardian reads.
 */
class RunningGuardStalePidPocTest {

  @Test
  void aStaleMarkNamingAReusedPidIsNoRunningGuard(@TempDir Path dir) throws Exception {
    Process unrelated = new ProcessBuilder("sleep", "60").start(); // the process that got the dead guard's pid
    try {
      Files.writeString(dir.resolve(RunningGuard.FILE), Long.toString(unrelated.pid()), StandardCharsets.UTF_8);
      assertThat(unrelated.isAlive()).isTrue();
      assertThat(RunningGuard.isRunning(dir)).as("no guard runs in " + dir + ": pid " + unrelated.pid() + " is 'sleep'")
          .isFalse();
    } finally {
      unrelated.destroy();
      unrelated.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
