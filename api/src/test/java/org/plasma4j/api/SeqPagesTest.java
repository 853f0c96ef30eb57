package org.plasma4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A list read in pages by seq: read whole, or refused at its bounds, never read as more. */
class SeqPagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long LATER = System.nanoTime() + Duration.ofMinutes(5).toNanos();

  /** Entries {@code first..first+count-1}, each of {@code pad} more bytes. */
  private static SeqPages.Page page(long first, long count, int pad) {
    ArrayNode a = JSON.createArrayNode();
    LongStream.range(first, first + count)
        .forEach(seq -> a.addObject().put("seq", seq).put("pad", "x".repeat(pad)));
    return new SeqPages.Page(a, a.toString().length());
  }

  private static List<Long> seqs(List<JsonNode> read) {
    return read.stream().map(e -> e.path("seq").asLong()).toList();
  }

  @Test
  void pagesAreReadWholeAfterTheCursorAndEndAtAShortPage() {
    List<String> asked = new ArrayList<>();
    List<JsonNode> read = SeqPages.readAll(
        (after, limit, by) -> {
          asked.add(after + "/" + limit);
          // gaps between seqs are allowed: the standing events are a subset of the history
          return after < 40 ? page(after + 2, limit, 0) : page(after + 1, 3, 0);
        },
        4,
        new SeqPages.Bounds(10, 10, 1 << 20, LATER),
        e -> e);
    assertThat(seqs(read)).hasSize(43).startsWith(6L, 7L, 8L).endsWith(48L, 49L, 50L, 51L);
    assertThat(asked).containsExactly("4/10", "15/10", "26/10", "37/10", "48/10");
  }

  @Test
  void endlessValidPagesAreStoppedAtThePagesBytesOrDeadline() {
    SeqPages.Source endless = (after, limit, by) -> page(after + 1, limit, 100);
    assertThatThrownBy(
            () -> SeqPages.readAll(endless, 0, new SeqPages.Bounds(10, 5, 1 << 20, LATER), e -> e))
        .isInstanceOf(SeqPages.Refused.class)
        .hasMessage("listed more than 50 entries in 5 pages; stopped reading");
    SeqPages.Source kilobytePages =
        (after, limit, by) -> new SeqPages.Page(page(after + 1, limit, 0).result(), 1_000);
    assertThatThrownBy(() ->
            SeqPages.readAll(kilobytePages, 0, new SeqPages.Bounds(10, 100, 3_500, LATER), e -> e))
        .isInstanceOf(SeqPages.Refused.class)
        .hasMessage("listed more than 3500 bytes in 4 pages; stopped reading");
    long soon = System.nanoTime() + Duration.ofMillis(300).toNanos();
    assertThatThrownBy(() -> SeqPages.readAll(
            (after, limit, by) -> {
              try {
                Thread.sleep(120);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return page(after + 1, limit, 0);
            },
            0,
            new SeqPages.Bounds(10, 100, 1 << 20, soon),
            e -> e))
        .isInstanceOf(SeqPages.Refused.class)
        .hasMessageMatching("did not list every entry by the deadline: \\d+ read in [23] pages");
  }

  @Test
  void aPageThatRepeatsGoesBackIsLongOrIsNoListIsRefused() {
    SeqPages.Bounds b = new SeqPages.Bounds(10, 10, 1 << 20, LATER);
    assertThatThrownBy(
            () -> SeqPages.readAll((after, limit, by) -> page(1, limit, 0), 0, b, e -> e))
        .isInstanceOf(SeqPages.Refused.class)
        .hasMessage("[10].seq 1 is not after 10: entries repeat or go back");
    assertThatThrownBy(() -> SeqPages.readAll((after, limit, by) -> page(5, 3, 0), 5, b, e -> e))
        .isInstanceOf(SeqPages.Refused.class)
        .hasMessage("[0].seq 5 is not after 5: entries repeat or go back");
    assertThatThrownBy(
            () -> SeqPages.readAll((after, limit, by) -> page(1, limit + 1, 0), 0, b, e -> e))
        .isInstanceOf(SeqPages.Refused.class)
        .hasMessage("a page of 11 entries after seq 0, more than the 10 asked for");
    assertThatThrownBy(() -> SeqPages.readAll(
            (after, limit, by) -> new SeqPages.Page(JSON.createObjectNode(), 2), 0, b, e -> e))
        .isInstanceOf(SeqPages.Refused.class)
        .hasMessage("page after seq 0 is not a list: {}");
    assertThatThrownBy(() -> SeqPages.readAll(
            (after, limit, by) -> new SeqPages.Page(
                JSON.createArrayNode().add(JSON.createObjectNode().put("seq", "7")), 2),
            0,
            b,
            e -> e))
        .isInstanceOf(SeqPages.Refused.class)
        .hasMessage("[0].seq is not a number: {\"seq\":\"7\"}");
  }

  /**
   * Entries each of 500 tiny fields are valid and small on the wire, yet hold ten times their bytes
   * once read: the values bound stops the read where the byte bound would not.
   */
  @Test
  void pagesOfEntriesHoldingManyValuesAreStoppedAtTheValuesBound() {
    SeqPages.Source wide = (after, limit, by) -> {
      ArrayNode a = JSON.createArrayNode();
      for (long seq = after + 1; seq <= after + limit; seq++) {
        var e = a.addObject().put("seq", seq);
        for (int f = 0; f < 500; f++) {
          e.put(Integer.toString(f), "1");
        }
      }
      return new SeqPages.Page(a, a.toString().length());
    };
    // a page: the list, 10 entries of themselves, seq and 500 fields, each field and its name
    assertThat(SeqPages.values(wide.page(0, 10, LATER).result())).isEqualTo(1 + 10 * 1_003);
    assertThatThrownBy(() ->
            SeqPages.readAll(wide, 0, new SeqPages.Bounds(10, 100, 1 << 30, 50_000, LATER), e -> e))
        .isInstanceOf(SeqPages.Refused.class)
        .hasMessage("listed more than 50000 JSON values in 5 pages; stopped reading");
    // the same entries within the bound are read whole
    assertThat(SeqPages.readAll(
            (after, limit, by) -> after < 30 ? wide.page(after, limit, by) : page(after + 1, 0, 0),
            0,
            new SeqPages.Bounds(10, 100, 1 << 30, 50_000, LATER),
            e -> e))
        .hasSize(30);
    // an event as the watcher serves it holds about 30
    JsonNode event = JSON.createObjectNode()
        .put("seq", 7)
        .put("type", "unchallenged_exit")
        .put("key", "unchallenged_exit:exit:9000000000")
        .<com.fasterxml.jackson.databind.node.ObjectNode>set(
            "details",
            JSON.createObjectNode()
                .put("position", "9000000000")
                .put("exitId", "12")
                .put("owner", "0x90f79bf6eb2c4f870365e785982e1f101e93b906")
                .put("token", "0x0000000000000000000000000000000000000000")
                .put("amount", "100")
                .put("atRisk", "0x0000000000000000000000000000000000000000:100"))
        .put("reportedAtMillis", 1);
    assertThat(SeqPages.values(event)).isEqualTo(23);
    assertThat(SeqPages.MAX_VALUES / ((long) SeqPages.MAX_PAGES * SeqPages.PAGE))
        .isEqualTo(33);
  }
}
