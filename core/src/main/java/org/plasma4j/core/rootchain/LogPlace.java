package org.plasma4j.core.rootchain;

import java.util.Objects;
import org.plasma4j.core.types.Bytes32;

/**
 * Where a root-chain log is: its block, its index among the block's logs (across every contract),
 * and the block's hash, which tells a follower whether a reorg replaced the block since.
 */
public record LogPlace(long l1Block, long logIndex, Bytes32 blockHash) {

  public LogPlace {
    Objects.requireNonNull(blockHash, "blockHash");
  }

  /**
   * In block {@code l1Block}, before its index and the block's hash are known (log index 0, zero
   * hash): how tests build an event that a test chain then places.
   */
  public static LogPlace inBlock(long l1Block) {
    return new LogPlace(l1Block, 0, Bytes32.ZERO);
  }
}
