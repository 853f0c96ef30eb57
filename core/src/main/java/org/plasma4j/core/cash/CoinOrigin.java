package org.plasma4j.core.cash;

import java.util.Objects;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;

/**
 * Where a coin's verifiable history starts (docs/protocol.md §9.1, §9.6): its deposit (the block
 * before the next child block, and the depositor) or its latest finalized checkpoint (the
 * checkpointed transfer's block and owner).
 */
public record CoinOrigin(long block, Address owner) {
  public CoinOrigin {
    Objects.requireNonNull(owner, "owner");
    if (block < 0) {
      throw new IllegalArgumentException("negative origin block");
    }
  }

  /** The first child block whose proof a history from this origin must carry. */
  public long firstChildBlock() {
    return BlockNumbers.nextChildBlock(block);
  }
}
