package org.plasma4j.operator.cash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.plasma4j.core.cash.CoinProof;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.operator.ledger.Columns;
import org.plasma4j.operator.ledger.Columns.BlockSlotKey;
import org.plasma4j.operator.ledger.ProofCache;

/**
 * Read-only views of coins for the RPC methods, from committed data only (thread-safe, never an
 * unacknowledged transfer). A coin's proofs for a range of blocks are built from the stored
 * per-block transfers, through the proof cache's coin trees.
 */
public final class CoinQueries {

  /** The most child blocks one plasma_getCoinProofs call covers. */
  public static final int MAX_PROOF_BLOCKS = 10_000;

  /** A coin and the transfer of it pending for the next block, if any. */
  public record CoinView(CoinRecord coin, Optional<SignedCoinTransfer> pending) {}

  public enum EntryKind {
    /** The coin moved in this block: the transfer and its inclusion proof. */
    INCLUDED,
    /** The block has coin transfers, none of this coin: an exclusion proof. */
    EXCLUDED,
    /** The block has no coin transfer at all: its coin root is zero. */
    EMPTY
  }

  /**
   * One child block of a range; {@code transfer} only for INCLUDED, {@code proof} not for EMPTY.
   */
  public record ProofEntry(
      long blkNum,
      EntryKind kind,
      Bytes32 coinRoot,
      Optional<SignedCoinTransfer> transfer,
      Optional<CoinProof> proof) {}

  public record CoinProofs(long slot, long fromBlock, long toBlock, List<ProofEntry> entries) {}

  private final KeyValueStore store;
  private final ProofCache cache;
  private final LongPredicate hidden;

  public CoinQueries(KeyValueStore store, ProofCache cache, LongPredicate hidden) {
    this.store = store;
    this.cache = cache;
    this.hidden = hidden;
  }

  public TxResult<CoinView> coin(long slot) {
    return store
        .get(Columns.COIN, slot)
        .map(c -> TxResult.ok(
            new CoinView(c, store.get(Columns.PENDING_COIN, slot).map(SignedCoinTransfer::decode))))
        .orElseGet(() -> TxResult.rejected(
            TxRejection.UNKNOWN_COIN, "no coin at slot " + Long.toUnsignedString(slot)));
  }

  /**
   * One entry per child block in [{@code fromBlock}, {@code toBlock}]; every one of them must be
   * formed and served. Requires {@code fromBlock <= toBlock}.
   */
  public TxResult<CoinProofs> proofs(long slot, long fromBlock, long toBlock) {
    long interval = BlockNumbers.CHILD_BLOCK_INTERVAL;
    long first = Math.max(interval, ceilDiv(fromBlock, interval) * interval);
    long last = toBlock / interval * interval;
    long count = last < first ? 0 : (last - first) / interval + 1;
    if (count > MAX_PROOF_BLOCKS) {
      return TxResult.rejected(TxRejection.RANGE_TOO_LARGE, count + " child blocks asked for");
    }
    long lastFormed = store.get(Columns.META, Columns.Meta.LAST_FORMED_BLOCK).orElse(0L);
    if (last > lastFormed) {
      return TxResult.rejected(
          TxRejection.BLOCK_UNAVAILABLE,
          "block " + last + " is not formed yet (last formed " + lastFormed + ")");
    }
    List<ProofEntry> entries = new ArrayList<>((int) count);
    for (long b = first; b <= last; b += interval) {
      if (hidden.test(b)) {
        return TxResult.rejected(TxRejection.BLOCK_UNAVAILABLE, "block " + b + " is not available");
      }
      entries.add(entry(slot, b));
    }
    return TxResult.ok(new CoinProofs(slot, fromBlock, toBlock, entries));
  }

  private ProofEntry entry(long slot, long blkNum) {
    Optional<Bytes32> root = store.get(Columns.BLOCK_COIN_ROOT, blkNum);
    if (root.isEmpty()) {
      return new ProofEntry(
          blkNum, EntryKind.EMPTY, Bytes32.ZERO, Optional.empty(), Optional.empty());
    }
    CoinTree tree = cache.coinTree(blkNum, this::buildTree);
    Optional<SignedCoinTransfer> transfer = store
        .get(Columns.BLOCK_COIN, new BlockSlotKey(blkNum, slot))
        .map(SignedCoinTransfer::decode);
    return new ProofEntry(
        blkNum,
        transfer.isPresent() ? EntryKind.INCLUDED : EntryKind.EXCLUDED,
        root.get(),
        transfer,
        Optional.of(tree.proof(slot)));
  }

  private CoinTree buildTree(long blkNum) {
    List<SignedCoinTransfer> transfers = new ArrayList<>();
    store.scan(
        Columns.BLOCK_COIN,
        BlockSlotKey.prefix(blkNum),
        (k, v) -> transfers.add(SignedCoinTransfer.decode(v)));
    CoinTree tree = CoinTree.ofTransfers(transfers);
    // a tree that disagrees with the coin root forming recorded would serve proofs that fail on
    // L1: refused, and so never cached
    Optional<Bytes32> recorded = store.get(Columns.BLOCK_COIN_ROOT, blkNum);
    if (recorded.isPresent() && !tree.root().equals(recorded.get())) {
      throw new IllegalStateException("block " + blkNum + "'s stored coin transfers hash to "
          + tree.root() + ", not to the coin root " + recorded.get() + " it was formed with");
    }
    return tree;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
