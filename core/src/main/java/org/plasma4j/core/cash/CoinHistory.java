package org.plasma4j.core.cash;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.plasma4j.core.types.Bytes;

/**
 * What an owner keeps of one coin (docs/protocol.md §9.6): one entry per child block after its
 * origin, in block order. Proofs stay in their wire bytes, so a received history is checked as
 * received ({@link CoinHistoryVerifier}). Immutable.
 */
public record CoinHistory(long slot, List<Entry> entries) {
  public CoinHistory {
    entries = List.copyOf(entries);
  }

  public static CoinHistory empty(long slot) {
    return new CoinHistory(slot, List.of());
  }

  /** One child block's evidence for the coin. */
  public sealed interface Entry permits Included, Excluded, Empty {
    long block();
  }

  /** The coin moved in {@code block}: the transfer and its inclusion proof. */
  public record Included(long block, SignedCoinTransfer transfer, Bytes proof) implements Entry {
    public Included {
      Objects.requireNonNull(transfer, "transfer");
      Objects.requireNonNull(proof, "proof");
    }

    public Included(long block, SignedCoinTransfer transfer, CoinProof proof) {
      this(block, transfer, proof.toBytes());
    }
  }

  /** The coin did not move in {@code block}, which has other transfers: the exclusion proof. */
  public record Excluded(long block, Bytes proof) implements Entry {
    public Excluded {
      Objects.requireNonNull(proof, "proof");
    }

    public Excluded(long block, CoinProof proof) {
      this(block, proof.toBytes());
    }
  }

  /**
   * {@code block} has no coin transfer at all (coin root 0): nothing to prove, nothing to store.
   */
  public record Empty(long block) implements Entry {}

  public CoinHistory append(Entry entry) {
    List<Entry> next = new ArrayList<>(entries);
    next.add(entry);
    return new CoinHistory(slot, next);
  }

  public CoinHistory appendAll(List<? extends Entry> more) {
    List<Entry> next = new ArrayList<>(entries);
    next.addAll(more);
    return new CoinHistory(slot, next);
  }

  /** The entries for blocks after {@code block}: what is left once a checkpoint at it is final. */
  public CoinHistory after(long block) {
    return new CoinHistory(slot, entries.stream().filter(e -> e.block() > block).toList());
  }

  /** The transfers, oldest first. */
  public List<Included> transfers() {
    return entries.stream()
        .filter(Included.class::isInstance)
        .map(Included.class::cast)
        .toList();
  }

  /** The last block the history covers, or {@code orElse} for an empty history. */
  public long lastBlock(long orElse) {
    return entries.isEmpty() ? orElse : entries.get(entries.size() - 1).block();
  }
}
