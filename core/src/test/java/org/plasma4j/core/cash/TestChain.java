package org.plasma4j.core.cash;

import static org.plasma4j.core.testing.Fixtures.DOMAIN;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plasma4j.core.cash.CoinHistory.Empty;
import org.plasma4j.core.cash.CoinHistory.Entry;
import org.plasma4j.core.cash.CoinHistory.Excluded;
import org.plasma4j.core.cash.CoinHistory.Included;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.types.Bytes32;

/**
 * Child blocks with coin trees, as an operator (honest or not) would commit them; the roots are the
 * port.
 */
final class TestChain implements CoinRoots {
  private final Map<Long, CoinTree> trees = new HashMap<>();
  private final Map<Long, Map<Long, SignedCoinTransfer>> transfers = new HashMap<>();
  private long last = 0;

  /** Commits the next child block with these transfers (any, valid or not); returns its number. */
  long block(SignedCoinTransfer... txs) {
    last += 1000;
    Map<Long, SignedCoinTransfer> bySlot = new HashMap<>();
    for (SignedCoinTransfer t : txs) {
      bySlot.put(t.slot(), t);
    }
    transfers.put(last, bySlot);
    trees.put(last, CoinTree.ofTransfers(List.of(txs)));
    return last;
  }

  /** A block with only other coins' transfers. */
  long busyBlock(long... otherSlots) {
    List<SignedCoinTransfer> txs = new ArrayList<>();
    for (long s : otherSlots) {
      txs.add(sign(new CoinTransfer(s, 1, DevKeys.ACCOUNT_4.address()), DevKeys.ACCOUNT_4));
    }
    return block(txs.toArray(SignedCoinTransfer[]::new));
  }

  long last() {
    return last;
  }

  @Override
  public Bytes32 coinRoot(long blkNum) {
    CoinTree t = trees.get(blkNum);
    return t == null ? Bytes32.ZERO : t.root();
  }

  @Override
  public boolean hasChildBlock(long blkNum) {
    return trees.containsKey(blkNum);
  }

  /** What an honest operator serves for {@code slot} in {@code block}. */
  Entry entry(long slot, long block) {
    CoinTree t = trees.get(block);
    if (t.root().equals(Bytes32.ZERO)) {
      return new Empty(block);
    }
    SignedCoinTransfer tx = transfers.get(block).get(slot);
    return tx == null ? new Excluded(block, t.proof(slot)) : new Included(block, tx, t.proof(slot));
  }

  CoinHistory history(long slot, long fromBlock, long toBlock) {
    List<Entry> entries = new ArrayList<>();
    for (long b = fromBlock; b <= toBlock; b += 1000) {
      entries.add(entry(slot, b));
    }
    return new CoinHistory(slot, entries);
  }

  static SignedCoinTransfer sign(CoinTransfer t, KeyPair key) {
    return SignedCoinTransfer.sign(t, key, DOMAIN);
  }
}
