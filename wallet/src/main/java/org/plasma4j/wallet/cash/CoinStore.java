package org.plasma4j.wallet.cash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.plasma4j.wallet.AtomicFiles;

/**
 * The owned coins, one file per coin ({@code <slot>.coin}) in one directory. A save writes a
 * temporary file, forces it to disk and renames it over the old one ({@link AtomicFiles}), so a
 * crash leaves the old or the new record, never a torn one; a leftover temporary file is ignored.
 */
public final class CoinStore {

  private static final String SUFFIX = ".coin";

  private final Path dir;

  public CoinStore(Path dir) {
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  Path file(long slot) {
    return dir.resolve(Long.toUnsignedString(slot) + SUFFIX);
  }

  /** Persists {@code coin}, replacing any earlier record of its slot; durable when it returns. */
  public void save(StoredCoin coin) {
    try {
      AtomicFiles.write(file(coin.slot()), coin.encode());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot save coin " + Long.toUnsignedString(coin.slot()) + " in " + dir, e);
    }
  }

  public Optional<StoredCoin> load(long slot) {
    Path f = file(slot);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    return Optional.of(read(f));
  }

  /** Every stored coin, by slot. */
  public List<StoredCoin> all() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<StoredCoin> coins = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(SUFFIX))
          .forEach(f -> coins.add(read(f)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list coins in " + dir, e);
    }
    coins.sort(Comparator.comparing(StoredCoin::slot, Long::compareUnsigned));
    return List.copyOf(coins);
  }

  public void delete(long slot) {
    try {
      Files.deleteIfExists(file(slot));
      AtomicFiles.forceDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete coin " + Long.toUnsignedString(slot), e);
    }
  }

  private StoredCoin read(Path f) {
    try {
      return StoredCoin.decode(Files.readAllBytes(f));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read coin file " + f, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("corrupt coin file " + f + ": " + e.getMessage(), e);
    }
  }
}
