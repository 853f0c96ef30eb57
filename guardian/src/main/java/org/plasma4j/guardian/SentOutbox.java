package org.plasma4j.guardian;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How another process (a {@code plasma wallet send}) tells a running guardian about a payment: one
 * file per transaction in {@code <guardian data dir>/outbox}, written atomically; the guardian
 * takes them into its journal at the start of each poll and deletes them only after that journal is
 * saved.
 */
public final class SentOutbox {

  private static final Logger LOG = LoggerFactory.getLogger(SentOutbox.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  public SentOutbox(Path guardianDataDir) {
    this.dir = guardianDataDir.resolve("outbox");
  }

  public void put(InFlightTx tx) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "sending-", ".tmp");
      JSON.writeValue(tmp.toFile(), JournalFile.sentTx(tx));
      Files.move(tmp, dir.resolve(tx.txHash().toHex() + ".json"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hand the payment to the guardian in " + dir, e);
    }
  }

  /** The payments waiting, with their files; a file that does not parse is set aside as garbage. */
  List<Entry> pending() {
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path f : files) {
        try {
          out.add(new Entry(f, JournalFile.sentTx(JSON.readTree(f.toFile()))));
        } catch (IOException | RuntimeException e) {
          LOG.warn("ignoring unreadable outbox file {}: {}", f, e.getMessage());
          Files.move(
              f, f.resolveSibling(f.getFileName() + ".bad"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot read the outbox {}: {}", dir, e.getMessage());
    }
    return out;
  }

  static void delete(Entry e) {
    try {
      Files.deleteIfExists(e.file());
    } catch (IOException ex) {
      LOG.warn("cannot delete {}: {}", e.file(), ex.getMessage());
    }
  }

  record Entry(Path file, InFlightTx tx) {}
}
