package org.plasma4j.wallet.cash;

import java.util.Map;
import org.plasma4j.core.cash.CoinRoots;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes32;

/**
 * The coin roots of a range of child blocks as read from the root chain in one go, for the
 * verifier: every committed child block (below nextChildBlock) not in the map has coin root 0.
 */
record ChainCoinRoots(Map<Long, Bytes32> nonZero, long nextChildBlock) implements CoinRoots {

  /** The roots of [fromBlock, the last child block committed before {@code nextChildBlock}]. */
  static ChainCoinRoots read(CashChain chain, long fromBlock, long nextChildBlock) {
    long to = nextChildBlock - BlockNumbers.CHILD_BLOCK_INTERVAL;
    Map<Long, Bytes32> roots =
        fromBlock > to ? Map.of() : Map.copyOf(chain.coinRoots(fromBlock, to));
    return new ChainCoinRoots(roots, nextChildBlock);
  }

  /** The last committed child block (0 if none). */
  long lastChildBlock() {
    return nextChildBlock - BlockNumbers.CHILD_BLOCK_INTERVAL;
  }

  @Override
  public Bytes32 coinRoot(long blkNum) {
    return nonZero.getOrDefault(blkNum, Bytes32.ZERO);
  }

  @Override
  public boolean hasChildBlock(long blkNum) {
    return BlockNumbers.isChildBlock(blkNum) && blkNum < nextChildBlock;
  }
}
