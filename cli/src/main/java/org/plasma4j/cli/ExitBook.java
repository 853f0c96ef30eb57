package org.plasma4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plasma4j.wallet.AtomicFiles;

/**
 * The standard exits a wallet started from this machine, one line each ({@code position exitableAt
 * l1TxHash}), so that {@code balance} can show the funds on their way out: the operator stops
 * serving an exiting output, and the framework can be asked about an exit only by its position.
 */
final class ExitBook {

  record Entry(long position, long exitableAt, String l1TxHash) {}

  private final Path file;

  ExitBook(Path file) {
    this.file = file;
  }

  List<Entry> entries() {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      List<Entry> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        parse(line).ifPresent(out::add);
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Entry> parse(String line) {
    String[] f = line.strip().split("\\s+");
    if (f.length != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2]));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a line this wallet did not write
    }
  }

  void add(Entry entry) {
    List<Entry> all = new ArrayList<>(
        entries().stream().filter(e -> e.position() != entry.position()).toList());
    all.add(entry);
    write(all);
  }

  void remove(long position) {
    write(entries().stream().filter(e -> e.position() != position).toList());
  }

  private void write(List<Entry> entries) {
    StringBuilder text = new StringBuilder();
    entries.forEach(e -> text.append(e.position())
        .append(' ')
        .append(e.exitableAt())
        .append(' ')
        .append(e.l1TxHash())
        .append('\n'));
    try {
      AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
