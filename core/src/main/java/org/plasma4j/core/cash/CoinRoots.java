package org.plasma4j.core.cash;

import org.plasma4j.core.types.Bytes32;

/**
 * The coin roots committed on the root chain: a port, served by a root-chain follower or a test
 * map.
 */
public interface CoinRoots {
  /** The coin root of child block {@code blkNum}; zero when the block carries no coin transfer. */
  Bytes32 coinRoot(long blkNum);

  /** Whether child block {@code blkNum} has been submitted. */
  boolean hasChildBlock(long blkNum);
}
