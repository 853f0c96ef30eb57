package org.plasma4j.core.cash;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.plasma4j.core.cash.CoinHistory.Empty;
import org.plasma4j.core.cash.CoinHistory.Entry;
import org.plasma4j.core.cash.CoinHistory.Excluded;
import org.plasma4j.core.cash.CoinHistory.Included;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes;

/**
 * Compact storage of a coin history (target: at most 10 MB per coin-year). Layout, version 1:
 *
 * <pre>
 *   0x01 ‖ slot (8 bytes BE) ‖ varint(firstChildBlock / 1000) ‖ varint(number of child blocks covered)
 *   then per non-empty block, oldest first:
 *     varint(gap &lt;&lt; 1 | included)   gap = empty blocks skipped since the previous record
 *     [signed transfer, 101 bytes]    if included
 *     varint(reverse(bitmap)) ‖ siblings (32 bytes each, lowest level first)
 * </pre>
 *
 * Empty blocks (coin root 0) cost nothing: the decoder puts them back in the gaps. The bitmap is
 * stored bit-reversed because the non-empty siblings of a sparse tree sit at the top levels, so the
 * reversed value is small and its varint short. Decoding is strict: one canonical byte string per
 * history.
 */
public final class CoinHistoryCodec {
  public static final int VERSION = 1;
  private static final int MAX_VARINT_BYTES = 10;
  /**
   * More child blocks than a year of one-second blocks (31.5M); a larger count is not a real
   * history.
   */
  public static final long MAX_BLOCKS = 1L << 25;

  private CoinHistoryCodec() {}

  /** Where encoded bytes go: a buffer, or a counter that only measures. */
  private interface Sink {
    void write(int b);

    void write(byte[] b, int off, int len);
  }

  private static final class Counter implements Sink {
    int count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  private static Sink sink(ByteArrayOutputStream out) {
    return new Sink() {
      @Override
      public void write(int b) {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        out.write(b, off, len);
      }
    };
  }

  /** Encodes a history whose entries are consecutive child blocks. */
  public static byte[] encode(CoinHistory history) {
    List<Entry> entries = history.entries();
    checkConsecutive(entries);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Sink out = sink(buf);
    long first = entries.isEmpty() ? 0 : entries.get(0).block();
    writeHeader(out, history.slot(), first, entries.size());
    long gap = 0;
    for (Entry e : entries) {
      if (e instanceof Empty) {
        gap++;
      } else {
        writeRecord(out, gap, e);
        gap = 0;
      }
    }
    return buf.toByteArray();
  }

  /**
   * Bytes the header of a history covering {@code blocks} child blocks from {@code firstBlock}
   * takes.
   */
  public static int headerLength(long slot, long firstBlock, long blocks) {
    Counter c = new Counter();
    writeHeader(c, slot, firstBlock, blocks);
    return c.count;
  }

  /**
   * Bytes one non-empty block takes after {@code gap} empty ones: what {@link #encode} writes for
   * it, so a simulation can measure a year of history without holding it.
   */
  public static int recordLength(long gap, Entry entry) {
    Counter c = new Counter();
    writeRecord(c, gap, entry);
    return c.count;
  }

  private static void writeHeader(Sink out, long slot, long firstBlock, long blocks) {
    out.write(VERSION);
    byte[] s = new byte[8];
    CoinTransfer.putLong(s, 0, slot);
    out.write(s, 0, 8);
    writeVarint(out, firstBlock / BlockNumbers.CHILD_BLOCK_INTERVAL);
    writeVarint(out, blocks);
  }

  private static void writeRecord(Sink out, long gap, Entry entry) {
    Bytes proof;
    if (entry instanceof Included inc) {
      writeVarint(out, (gap << 1) | 1);
      byte[] tx = inc.transfer().encode();
      out.write(tx, 0, tx.length);
      proof = inc.proof();
    } else if (entry instanceof Excluded exc) {
      writeVarint(out, gap << 1);
      proof = exc.proof();
    } else {
      throw new IllegalArgumentException("an empty block has no record");
    }
    byte[] p = proof.toArray();
    long bitmap = CoinProof.checkLength(p); // only well-formed proofs are stored
    writeVarint(out, Long.reverse(bitmap));
    out.write(p, CoinProof.BITMAP_BYTES, p.length - CoinProof.BITMAP_BYTES);
  }

  private static void checkConsecutive(List<Entry> entries) {
    for (int i = 0; i < entries.size(); i++) {
      long b = entries.get(i).block();
      if (!BlockNumbers.isChildBlock(b)
          || (i > 0 && b != entries.get(i - 1).block() + BlockNumbers.CHILD_BLOCK_INTERVAL)) {
        throw new IllegalArgumentException(
            "a stored history covers consecutive child blocks; entry " + i + " is block " + b);
      }
    }
  }

  /**
   * Decodes what {@link #encode} wrote, allowing up to {@link #MAX_BLOCKS} blocks; anything else is
   * {@link MalformedCoinDataException}. For bytes from elsewhere use {@link #decode(byte[], long)}.
   */
  public static CoinHistory decode(byte[] bytes) {
    return decode(bytes, Long.MAX_VALUE);
  }

  /**
   * Decodes what {@link #encode} wrote, refusing a history that covers any child block after
   * {@code lastBlock} (for a received history: the last child block committed on the root chain).
   * The bound is checked against the header, before any entry is built: empty blocks cost no bytes,
   * so without it a 14-byte input could ask for {@link #MAX_BLOCKS} entries. Records must all be
   * present in the input, so their count is bounded by its length.
   *
   * @throws HistoryTooLongException if the header claims blocks after {@code lastBlock} or more
   *     than {@link #MAX_BLOCKS}
   * @throws MalformedCoinDataException if the bytes are not a canonical encoding
   */
  public static CoinHistory decode(byte[] bytes, long lastBlock) {
    Reader in = new Reader(bytes);
    int version = in.u8();
    if (version != VERSION) {
      throw new MalformedCoinDataException("unknown coin history version " + version);
    }
    long slot = CoinTransfer.getLong(in.take(8), 0);
    long firstUnit = in.varint();
    long count = in.varint();
    if (count > MAX_BLOCKS) {
      throw new HistoryTooLongException("a history of " + count + " blocks exceeds " + MAX_BLOCKS);
    }
    if (count == 0 && firstUnit != 0) {
      throw new MalformedCoinDataException("an empty history starts at block 0");
    }
    if (count > 0
        && (firstUnit == 0
            || firstUnit > Long.MAX_VALUE / BlockNumbers.CHILD_BLOCK_INTERVAL - count)) {
      throw new MalformedCoinDataException(
          "first block " + firstUnit + "000 is not a child block in range");
    }
    long block = firstUnit * BlockNumbers.CHILD_BLOCK_INTERVAL;
    long end = block + count * BlockNumbers.CHILD_BLOCK_INTERVAL;
    if (count > 0 && end - BlockNumbers.CHILD_BLOCK_INTERVAL > lastBlock) {
      throw new HistoryTooLongException(
          "a history of " + count + " blocks from block " + block + " reaches block "
              + (end - BlockNumbers.CHILD_BLOCK_INTERVAL) + ", after block " + lastBlock);
    }
    List<Entry> entries = new ArrayList<>();
    while (in.hasMore()) {
      long head = in.varint();
      long gap = head >>> 1;
      if (gap >= (end - block) / BlockNumbers.CHILD_BLOCK_INTERVAL) {
        throw new MalformedCoinDataException("a record past the last block of the history");
      }
      for (long i = 0; i < gap; i++, block += BlockNumbers.CHILD_BLOCK_INTERVAL) {
        entries.add(new Empty(block));
      }
      entries.add(readRecord(in, block, (head & 1) == 1));
      block += BlockNumbers.CHILD_BLOCK_INTERVAL;
    }
    for (; block < end; block += BlockNumbers.CHILD_BLOCK_INTERVAL) {
      entries.add(new Empty(block));
    }
    return new CoinHistory(slot, entries);
  }

  private static Entry readRecord(Reader in, long block, boolean included) {
    SignedCoinTransfer tx =
        included ? SignedCoinTransfer.decode(in.take(SignedCoinTransfer.LENGTH)) : null;
    long bitmap = Long.reverse(in.varint());
    byte[] proof = new byte[CoinProof.encodedLength(Long.bitCount(bitmap))];
    CoinTransfer.putLong(proof, 0, bitmap);
    byte[] siblings = in.take(proof.length - CoinProof.BITMAP_BYTES);
    System.arraycopy(siblings, 0, proof, CoinProof.BITMAP_BYTES, siblings.length);
    Bytes p = Bytes.wrap(proof);
    return included ? new Included(block, tx, p) : new Excluded(block, p);
  }

  static void writeVarint(Sink out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** A strict cursor: truncation, non-minimal varints and overlong varints are malformed. */
  private static final class Reader {
    private final byte[] b;
    private int pos;

    Reader(byte[] b) {
      this.b = b;
    }

    boolean hasMore() {
      return pos < b.length;
    }

    int u8() {
      need(1);
      return b[pos++] & 0xff;
    }

    byte[] take(int n) {
      need(n);
      byte[] out = Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return out;
    }

    long varint() {
      long v = 0;
      for (int i = 0; i < MAX_VARINT_BYTES; i++) {
        int x = u8();
        if (i == MAX_VARINT_BYTES - 1 && x > 1) {
          throw new MalformedCoinDataException("varint overflows 64 bits");
        }
        v |= (long) (x & 0x7f) << (7 * i);
        if ((x & 0x80) == 0) {
          if (x == 0 && i > 0) {
            throw new MalformedCoinDataException("non-minimal varint");
          }
          return v;
        }
      }
      throw new MalformedCoinDataException("varint longer than " + MAX_VARINT_BYTES + " bytes");
    }

    private void need(int n) {
      if (b.length - pos < n) {
        throw new MalformedCoinDataException("coin history truncated at byte " + pos);
      }
    }
  }
}
