package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guard that was killed (SIGKILL, OOM, power loss) leaves guard.pid behind; once the system gives
 * its pid to another process, 'wallet send' must not take that process for a guard and hand its
 * payments to an outbox no guardian reads. The guard's OS lock on its mark, which ends with the
 * process, says whether it runs.
 */
class RunningGuardLockTest {

  @Test
  void aStaleMarkNamingAReusedPidIsNoRunningGuard(@TempDir Path dir) throws Exception {
    Process unrelated =
        new ProcessBuilder("sleep", "60").start(); // the process that got the dead guard's pid
    try {
      Files.writeString(
          dir.resolve(RunningGuard.FILE), Long.toString(unrelated.pid()), StandardCharsets.UTF_8);
      assertThat(unrelated.isAlive()).isTrue();
      assertThat(RunningGuard.isRunning(dir))
          .as("no guard runs in " + dir + ": pid " + unrelated.pid() + " is 'sleep'")
          .isFalse();
    } finally {
      unrelated.destroy();
      unrelated.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Another process holds the mark as a guard does; killed with SIGKILL, it leaves the file but not
   * the lock.
   */
  @Test
  void aMarkLockedByAnotherLiveProcessIsARunningGuardUntilThatProcessIsKilled(@TempDir Path dir)
      throws Exception {
    Path holder = dir.resolve("Holder.java");
    Files.writeString(holder, """
        import java.nio.channels.FileChannel;
        import java.nio.file.*;
        public class Holder {
          public static void main(String[] a) throws Exception {
            FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            c.lock();
            System.out.println("locked");
            Thread.sleep(120_000);
          }
        }
        """);
    Path guardDir = dir.resolve("guardian");
    Files.createDirectories(guardDir);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process guard = new ProcessBuilder(
            java, holder.toString(), guardDir.resolve(RunningGuard.FILE).toString())
        .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(guard.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");
      assertThat(RunningGuard.isRunning(guardDir)).isTrue();
      assertThatThrownBy(() -> RunningGuard.mark(guardDir))
          .as("a second guard on the same dir")
          .isInstanceOf(IllegalStateException.class);

      guard.destroyForcibly();
      assertThat(guard.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(guardDir.resolve(RunningGuard.FILE)).exists();
      assertThat(RunningGuard.isRunning(guardDir))
          .as("the mark is left, its lock is not")
          .isFalse();
      RunningGuard.mark(guardDir).clear(); // a new guard takes the dir
    } finally {
      guard.destroyForcibly();
    }
  }
}
