package org.plasma4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The mark a running {@code wallet guard} leaves in its data directory ({@code guard.pid}): {@code wallet
 * send} hands its payments to a guardian only while one runs there, else they would wait in the outbox of a
 * guardian that never comes to take them.
 */
final class RunningGuard {

  static final String FILE = "guard.pid";

  private final Path file;

  private RunningGuard(Path file) {
    this.file = file;
  }

  /** Marks {@code dir} as guarded by this process until {@link #clear()}. */
  static RunningGuard mark(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      Files.createDirectories(dir);
      Files.writeString(file, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return new RunningGuard(file);
  }

  void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stale mark names a process that is gone, which isRunning reads as no guard
    }
  }

  /** Whether a guard process that marked {@code dir} is still alive. */
  static boolean isRunning(Path dir) {
    return pid(dir.resolve(FILE)).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
  }

  private static Optional<Long> pid(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
