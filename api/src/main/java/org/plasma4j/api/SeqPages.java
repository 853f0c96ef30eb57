package org.plasma4j.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list a node serves in pages by sequence number (the watcher's byzantine events, history and
 * standing), read whole: each page is asked for after the last {@code seq} of the one before, and a
 * page shorter than asked for is the last. Each entry's {@code seq} must be after the one before it
 * and after the page's cursor, so an entry served twice, a page served again or a cursor that goes
 * back is refused rather than read as more of the list; a page may hold no more than asked for. The
 * read as a whole is bounded in pages, in answer bytes, in the JSON values its entries hold and by
 * a deadline, so a node listing valid pages without end holds its reader no longer and no more than
 * that.
 */
public final class SeqPages {

  private SeqPages() {}

  /**
   * Entries per page: what a client asks for and the most the watcher serves. Some 40 JSON tokens
   * and well under 1 KiB an event, so a page is far inside the token bound and the answer cap.
   */
  public static final int PAGE = 1_000;

  /** The most pages one read takes: 250,000 entries at {@link #PAGE}. */
  public static final int MAX_PAGES = 250;

  /** The most answer bytes one read takes: four whole answers' worth. */
  public static final long MAX_BYTES = 128L << 20;

  /**
   * The most JSON values (and field names) one read's entries may hold: 2^23, some 33 an entry at
   * {@link #MAX_PAGES} full pages, where an honest event holds about 30. The entries read are kept
   * until the read ends, each value some 50 bytes of heap once converted, ten times its bytes on
   * the wire for a value as short as {@code "1":"1",}; the byte bound alone would let a node fill
   * {@link #MAX_BYTES} with such values and have its reader hold more than a GB.
   */
  public static final long MAX_VALUES = 8L * OperatorRpcReader.MAX_TOKENS;

  /** One answer: its result and how many bytes the answer took on the wire. */
  public record Page(JsonNode result, long bytes) {}

  /** Asks for the entries after {@code afterSeq}, at most {@code limit}, by the deadline. */
  @FunctionalInterface
  public interface Source {
    Page page(long afterSeq, int limit, long deadlineNanos);
  }

  /** Pages that do not read as one list, or a list past the read's bounds. */
  public static final class Refused extends IllegalArgumentException {
    public Refused(String message) {
      super(message);
    }
  }

  /** The bounds of one read. */
  public record Bounds(int limit, int maxPages, long maxBytes, long maxValues, long deadlineNanos) {
    public Bounds {
      if (limit < 1 || maxPages < 1 || maxBytes < 1 || maxValues < 1) {
        throw new IllegalArgumentException("limit " + limit + ", maxPages " + maxPages
            + ", maxBytes " + maxBytes + ", maxValues " + maxValues);
      }
    }

    /** At most {@link #MAX_VALUES} JSON values. */
    public Bounds(int limit, int maxPages, long maxBytes, long deadlineNanos) {
      this(limit, maxPages, maxBytes, MAX_VALUES, deadlineNanos);
    }

    /**
     * Pages of {@link #PAGE}, at most {@link #MAX_PAGES}, {@link #MAX_BYTES} and
     * {@link #MAX_VALUES}.
     */
    public static Bounds by(long deadlineNanos) {
      return new Bounds(PAGE, MAX_PAGES, MAX_BYTES, MAX_VALUES, deadlineNanos);
    }
  }

  /**
   * Every entry after {@code afterSeq}, each as {@code entry} reads it.
   *
   * @throws Refused naming the page and what is wrong with it, or the bound the read passed
   */
  public static <T> List<T> readAll(
      Source source, long afterSeq, Bounds bounds, Function<JsonNode, T> entry) {
    List<T> out = new ArrayList<>();
    long cursor = afterSeq;
    long bytes = 0;
    long values = 0;
    for (int page = 0; ; page++) {
      if (page == bounds.maxPages()) {
        throw new Refused("listed more than " + (long) bounds.maxPages() * bounds.limit()
            + " entries in " + bounds.maxPages() + " pages; stopped reading");
      }
      if (System.nanoTime() - bounds.deadlineNanos() >= 0) {
        throw new Refused("did not list every entry by the deadline: " + out.size() + " read in "
            + page + " pages");
      }
      Page answer = source.page(cursor, bounds.limit(), bounds.deadlineNanos());
      bytes += answer.bytes();
      if (bytes > bounds.maxBytes()) {
        throw new Refused("listed more than " + bounds.maxBytes() + " bytes in " + (page + 1)
            + " pages; stopped reading");
      }
      JsonNode r = answer.result();
      if (r == null || !r.isArray()) {
        throw new Refused("page after seq " + cursor + " is not a list: "
            + (r == null ? "nothing" : OperatorRpcReader.quote(r)));
      }
      if (r.size() > bounds.limit()) {
        throw new Refused("a page of " + r.size() + " entries after seq " + cursor
            + ", more than the " + bounds.limit() + " asked for");
      }
      values += values(r);
      if (values > bounds.maxValues()) {
        throw new Refused("listed more than " + bounds.maxValues() + " JSON values in " + (page + 1)
            + " pages; stopped reading");
      }
      for (JsonNode e : r) {
        String at = "[" + out.size() + "]";
        JsonNode seq = e.path("seq");
        if (!seq.isIntegralNumber() || !seq.canConvertToLong()) {
          throw new Refused(at + ".seq is not a number: " + OperatorRpcReader.quote(e));
        }
        if (seq.asLong() <= cursor) {
          throw new Refused(at + ".seq " + seq.asLong() + " is not after " + cursor
              + ": entries repeat or go back");
        }
        cursor = seq.asLong();
        out.add(entry.apply(e));
      }
      if (r.size() < bounds.limit()) {
        return List.copyOf(out);
      }
    }
  }

  /** The values in {@code node}, itself and every field name counted: what its tree holds. */
  static long values(JsonNode node) {
    long n = 0;
    ArrayDeque<JsonNode> todo = new ArrayDeque<>();
    todo.push(node);
    while (!todo.isEmpty()) {
      JsonNode x = todo.pop();
      n++;
      if (x.isObject()) {
        for (var p : x.properties()) {
          n++;
          todo.push(p.getValue());
        }
      } else if (x.isArray()) {
        x.forEach(todo::push);
      }
    }
    return n;
  }
}
