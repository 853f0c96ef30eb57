package org.plasma4j.wallet.cash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.plasma4j.wallet.AtomicFiles;

/**
 * A directory where senders drop bundles for one receiver. A bundle appears whole or not at all
 * (written aside, then renamed in), so a receiver never reads half of one.
 */
public final class BundleInbox {

  private static final String SUFFIX = ".bundle";

  private final Path dir;

  public BundleInbox(Path dir) {
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  /** Delivers a bundle; returns its file. */
  public Path deliver(CoinBundle bundle) {
    Path target = dir.resolve(bundle.fileName());
    try {
      AtomicFiles.write(target, bundle.encode());
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot deliver bundle to " + dir, e);
    }
  }

  /** The bundle files waiting, oldest name first. */
  public List<Path> pending() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(SUFFIX))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list inbox " + dir, e);
    }
  }

  public void remove(Path bundleFile) {
    try {
      Files.deleteIfExists(bundleFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + bundleFile, e);
    }
  }
}
