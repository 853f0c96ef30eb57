package org.plasma4j.guardian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.core.exit.InFlightExitData;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.wallet.AtomicFiles;

/**
 * The journal as one JSON file ({@code guardian.json} in the data directory), replaced atomically
 * and synced to disk on every save ({@link AtomicFiles}), so a crash leaves either the old or the
 * new journal, never half of one, and an intent saved before a send survives the crash that follows
 * it.
 */
public final class JournalFile {

  public static final String FILE_NAME = "guardian.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  public JournalFile(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  public Path path() {
    return file;
  }

  /** The saved journal, or an empty one if there is none yet. */
  public Journal load() {
    if (!Files.exists(file)) {
      return Journal.empty();
    }
    try {
      return read(JSON.readTree(file.toFile()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "unreadable guardian journal " + file + ": " + e.getMessage(), e);
    }
  }

  public void save(Journal journal) {
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(write(journal)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the guardian journal " + file, e);
    }
  }

  /** The report alone, as JSON (what {@code wallet guard --report} prints). */
  public static JsonNode reportJson(Journal journal) {
    ArrayNode report = JSON.createArrayNode();
    journal.report().forEach(r -> report.add(record(r)));
    return report;
  }

  private static ObjectNode write(Journal j) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 2);
    j.alarm().ifPresent(a -> root.put("alarm", a));
    ArrayNode entries = root.putArray("entries");
    for (JournalEntry e : j.entries().values()) {
      ObjectNode n = entries.addObject();
      n.put("key", e.key());
      n.put("stage", e.stage().name());
      n.put("attempts", e.attempts());
      n.put("sender", e.sender().toHex());
      n.put("token", e.token().toHex());
      n.put("exitableAt", e.exitableAt());
      n.put("batchId", e.batchId().toString());
      ArrayNode positions = n.putArray("positions");
      e.positions().forEach(positions::add);
      n.put("inFlightTx", e.inFlightTx().toHex());
      n.put("ifeId", e.ifeId().toString());
      ArrayNode hashes = n.putArray("l1TxHashes");
      e.l1TxHashes().forEach(hashes::add);
      n.put("minedBlock", e.minedBlock());
      n.put("fundsAtGiveUp", e.fundsAtGiveUp().toString());
    }
    ObjectNode process = root.putObject("lastProcessAt");
    j.lastProcessAt().forEach((token, at) -> process.put(token.toHex(), at));
    ObjectNode processCount = root.putObject("processAttempts");
    j.processAttempts().forEach((token, n) -> processCount.put(token.toHex(), n));
    ObjectNode processed = root.putObject("processedExits");
    j.processedExits().forEach((token, n) -> processed.put(token.toHex(), n));
    ArrayNode sent = root.putArray("sent");
    j.sent().forEach(tx -> sent.add(sentTx(tx)));
    ArrayNode outputs = root.putArray("knownOutputs");
    for (OwnedOutput o : j.knownOutputs()) {
      ObjectNode n = exitData(o.exitData());
      n.put("owner", o.owner().toHex());
      n.put("token", o.token().toHex());
      n.put("amount", o.amount().toString());
      outputs.add(n);
    }
    ArrayNode report = root.putArray("report");
    j.report().forEach(r -> report.add(record(r)));
    return root;
  }

  /** A sent transaction with its in-flight exit data (also the outbox's file format). */
  static ObjectNode sentTx(InFlightTx tx) {
    ObjectNode n = JSON.createObjectNode();
    n.put("signedTx", tx.exitData().inFlightTx().encoded().toHex());
    n.put("sentAtMillis", tx.sentAtMillis());
    ArrayNode inputs = n.putArray("inputs");
    tx.exitData().inputs().forEach(d -> inputs.add(exitData(d)));
    return n;
  }

  static InFlightTx sentTx(JsonNode n) {
    SignedTransaction signed = TransactionDecoder.decodeSigned(
            Bytes.fromHex(n.get("signedTx").asText()).toArray())
        .orElseThrow();
    List<StandardExitData> inputs = new ArrayList<>();
    n.path("inputs").forEach(i -> inputs.add(exitData(i)));
    return new InFlightTx(
        new InFlightExitData(signed, inputs), n.get("sentAtMillis").asLong());
  }

  private static ObjectNode exitData(StandardExitData d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("position", d.position().encode());
    n.put("txBytes", d.txBytes().toHex());
    n.put("proof", d.proof().toHex());
    n.put("blockTimestamp", d.blockTimestamp());
    return n;
  }

  /** One report line as JSON (shared with the coin watch's journal). */
  public static ObjectNode record(ActionRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("atMillis", r.atMillis());
    n.put("key", r.key());
    n.put("action", r.description());
    n.put("ok", r.ok());
    n.put("l1TxHash", r.l1TxHash());
    n.put("bondWei", r.bondWei().toString());
    n.put("gasWei", r.gasWei().toString());
    n.put("error", r.error());
    return n;
  }

  private static Journal read(JsonNode root) {
    Optional<String> alarm = Optional.ofNullable(root.get("alarm")).map(JsonNode::asText);
    Map<String, JournalEntry> entries = new LinkedHashMap<>();
    for (JsonNode n : root.path("entries")) {
      List<Long> positions = new ArrayList<>();
      n.path("positions").forEach(p -> positions.add(p.asLong()));
      List<String> hashes = new ArrayList<>();
      n.path("l1TxHashes").forEach(h -> hashes.add(h.asText()));
      // a journal of version 1 knows only done or not
      JournalEntry.Stage stage = n.has("stage")
          ? JournalEntry.Stage.valueOf(n.get("stage").asText())
          : n.path("done").asBoolean() ? JournalEntry.Stage.DONE : JournalEntry.Stage.RETRY;
      JournalEntry e = new JournalEntry(
          n.get("key").asText(),
          stage,
          n.get("attempts").asInt(),
          Address.fromHex(n.path("sender").asText(Address.ZERO.toHex())),
          Address.fromHex(n.get("token").asText()),
          n.get("exitableAt").asLong(),
          new BigInteger(n.get("batchId").asText()),
          positions,
          Bytes32.fromHex(n.get("inFlightTx").asText()),
          new BigInteger(n.path("ifeId").asText("0")),
          hashes,
          n.path("minedBlock").asLong(),
          new BigInteger(n.path("fundsAtGiveUp").asText("-1")));
      entries.put(e.key(), e);
    }
    Map<Address, Long> lastProcessAt = new LinkedHashMap<>();
    root.path("lastProcessAt")
        .properties()
        .forEach(
            p -> lastProcessAt.put(Address.fromHex(p.getKey()), p.getValue().asLong()));
    Map<Address, Integer> processAttempts = new LinkedHashMap<>();
    root.path("processAttempts")
        .properties()
        .forEach(
            p -> processAttempts.put(Address.fromHex(p.getKey()), p.getValue().asInt()));
    Map<Address, Integer> processedExits = new LinkedHashMap<>();
    root.path("processedExits")
        .properties()
        .forEach(
            p -> processedExits.put(Address.fromHex(p.getKey()), p.getValue().asInt()));
    List<InFlightTx> sent = new ArrayList<>();
    root.path("sent").forEach(n -> sent.add(sentTx(n)));
    List<OwnedOutput> outputs = new ArrayList<>();
    for (JsonNode n : root.path("knownOutputs")) {
      outputs.add(new OwnedOutput(
          Address.fromHex(n.get("owner").asText()),
          Address.fromHex(n.get("token").asText()),
          new BigInteger(n.get("amount").asText()),
          exitData(n)));
    }
    List<ActionRecord> report = new ArrayList<>();
    root.path("report").forEach(n -> report.add(record(n)));
    return new Journal(
        alarm, entries, lastProcessAt, processAttempts, processedExits, sent, outputs, report);
  }

  /** A report line read back from {@link #record(ActionRecord)}'s JSON. */
  public static ActionRecord record(JsonNode n) {
    return new ActionRecord(
        n.get("atMillis").asLong(),
        n.get("key").asText(),
        n.get("action").asText(),
        n.get("ok").asBoolean(),
        n.get("l1TxHash").asText(),
        new BigInteger(n.get("bondWei").asText()),
        new BigInteger(n.get("gasWei").asText()),
        n.get("error").asText());
  }

  private static StandardExitData exitData(JsonNode n) {
    return new StandardExitData(
        OutputPosition.decode(n.get("position").asLong()),
        Bytes.fromHex(n.get("txBytes").asText()),
        Bytes.fromHex(n.get("proof").asText()),
        n.get("blockTimestamp").asLong());
  }
}
