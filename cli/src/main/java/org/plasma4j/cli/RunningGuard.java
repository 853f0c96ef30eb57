package org.plasma4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mark a running {@code wallet guard} leaves in its data directory ({@code guard.pid}):
 * {@code wallet send} hands its payments to a guardian only while one runs there, else they would
 * wait in the outbox of a guardian that never comes to take them. The guard holds an OS lock on the
 * mark for as long as it runs, and the OS drops the lock when the process ends however it ends (a
 * kill, a crash, power loss): a mark left behind names a pid the system may give to another
 * process, so the lock, not the pid, says a guard runs.
 */
final class RunningGuard {

  static final String FILE = "guard.pid";

  /** Marks this JVM holds: a second channel on a file this process has locked cannot ask the OS. */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunningGuard(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Marks {@code dir} as guarded by this process until {@link #clear()}.
   *
   * @throws IllegalStateException if another guard holds the mark (two guards would both take the
   *     outbox)
   */
  static RunningGuard mark(Path dir) {
    Path file = dir.resolve(FILE).toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = HELD.contains(file) ? null : channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("another 'wallet guard' runs with the data dir " + dir);
      }
      HELD.add(file);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(
          Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      return new RunningGuard(file, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  void clear() {
    try {
      Files.deleteIfExists(
          file); // before the lock goes: no one finds the mark unlocked while it is ours
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock goes with the process anyway; a mark left unlocked reads as no guard
    } finally {
      HELD.remove(file);
    }
  }

  /** Whether a live guard process holds the mark in {@code dir}. */
  static boolean isRunning(Path dir) {
    Path file = dir.resolve(FILE).toAbsolutePath().normalize();
    if (HELD.contains(file)) {
      return true;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      FileLock probe =
          channel.tryLock(0, Long.MAX_VALUE, true); // shared: refused while a guard holds it
      if (probe == null) {
        return true; // another process holds it
      }
      probe.release();
      return false; // left by a guard that is gone, whatever process has its pid now
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      return false; // an unreadable mark is no guard to hand payments to
    }
  }
}
