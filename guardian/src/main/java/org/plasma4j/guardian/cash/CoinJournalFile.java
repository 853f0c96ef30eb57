package org.plasma4j.guardian.cash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plasma4j.core.types.Address;
import org.plasma4j.guardian.ActionRecord;
import org.plasma4j.guardian.JournalFile;
import org.plasma4j.wallet.AtomicFiles;

/**
 * A key's coin watch journal as {@code coin-guard-<address>.json} beside the guardian's journal,
 * replaced atomically on every save (report lines in the guardian journal's format).
 */
public final class CoinJournalFile {

  private static final String PREFIX = "coin-guard-";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  public CoinJournalFile(Path dataDir, Address key) {
    this.file = dataDir.resolve(PREFIX + key.toHex().toLowerCase(java.util.Locale.ROOT) + ".json");
  }

  public Path path() {
    return file;
  }

  public CoinJournal load() {
    if (!Files.exists(file)) {
      return CoinJournal.empty();
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      Map<String, CoinJournal.Step> steps = new LinkedHashMap<>();
      for (JsonNode n : root.path("steps")) {
        CoinJournal.Step s = new CoinJournal.Step(
            n.get("key").asText(),
            n.get("done").asBoolean(),
            n.get("attempts").asInt(),
            n.get("l1Block").asLong());
        steps.put(s.key(), s);
      }
      List<ActionRecord> report = new ArrayList<>();
      root.path("report").forEach(n -> report.add(JournalFile.record(n)));
      return new CoinJournal(steps, report);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "unreadable coin watch journal " + file + ": " + e.getMessage(), e);
    }
  }

  public void save(CoinJournal journal) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ArrayNode steps = root.putArray("steps");
    for (CoinJournal.Step s : journal.steps().values()) {
      ObjectNode n = steps.addObject();
      n.put("key", s.key());
      n.put("done", s.done());
      n.put("attempts", s.attempts());
      n.put("l1Block", s.l1Block());
    }
    ArrayNode report = root.putArray("report");
    journal.report().forEach(r -> report.add(JournalFile.record(r)));
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the coin watch journal " + file, e);
    }
  }
}
