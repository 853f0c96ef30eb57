package org.plasma4j.explorer;

import java.util.Locale;
import java.util.regex.Pattern;
import org.plasma4j.core.types.OutputPosition;

/**
 * What a search box entry names, by its shape alone: a 32-byte hash (a child-chain transaction, or
 * failing that a root-chain one), a 20-byte address, a block number, a coin slot ({@code slot:N} or
 * {@code coin:N}) or an output position.
 */
public sealed interface SearchQuery {
  record TxHash(String hash) implements SearchQuery {}

  record AddressQuery(String address) implements SearchQuery {}

  record BlockNumber(long blkNum) implements SearchQuery {}

  record CoinSlot(String slot) implements SearchQuery {}

  record Position(long position) implements SearchQuery {}

  /** Nothing this explorer can look up has that shape. */
  record Unrecognised(String text) implements SearchQuery {}

  Pattern HASH = Pattern.compile("0x[0-9a-f]{64}");
  Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
  Pattern NUMBER = Pattern.compile("[0-9]{1,19}");
  Pattern SLOT = Pattern.compile("(?:slot|coin)[: ]?\\s*([0-9]{1,20})");

  static SearchQuery parse(String raw) {
    String q = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    if (!q.startsWith("0x") && q.matches("[0-9a-f]{64}|[0-9a-f]{40}")) {
      q = "0x" + q;
    }
    if (HASH.matcher(q).matches()) {
      return new TxHash(q);
    }
    if (ADDRESS.matcher(q).matches()) {
      return new AddressQuery(q);
    }
    var slot = SLOT.matcher(q);
    if (slot.matches()) {
      return new CoinSlot(slot.group(1));
    }
    if (NUMBER.matcher(q).matches()) {
      long n;
      try {
        n = Long.parseLong(q);
      } catch (NumberFormatException e) {
        return new Unrecognised(raw);
      }
      // positions are blkNum * 1,000,000 + ...: a number that large naming an output is one
      return n >= OutputPosition.BLOCK_OFFSET && OutputPosition.isValid(n)
          ? new Position(n)
          : new BlockNumber(n);
    }
    return new Unrecognised(raw == null ? "" : raw);
  }
}
