package org.plasma4j.core.rootchain;

import java.util.List;
import java.util.Optional;
import org.plasma4j.core.types.Bytes32;

/**
 * What a follower reads of the root chain: its head, its blocks' hashes, and every event of the
 * framework and of every game in a block range, as one list in log order. Read by range so each
 * caller applies its own confirmation depth (see {@link L1Follower}).
 */
public interface L1EventSource {

  /** The latest root-chain block number. */
  long headBlockNumber();

  /**
   * The hash of the canonical root-chain block {@code l1Block}, empty if the chain has no such
   * block (yet, or any more after a reorg to a shorter chain). Followers compare it with the hash
   * they recorded to notice a reorg below the blocks they applied.
   */
  Optional<Bytes32> blockHash(long l1Block);

  /**
   * Every event of the root-chain blocks {@code fromL1Block..toL1Block} (inclusive), from the
   * framework and every registered game, in log order ({@link L1Event#LOG_ORDER}).
   */
  List<L1Event> events(long fromL1Block, long toL1Block);

  /** The events of one kind in the range, in log order: for callers that wait for one outcome. */
  default <T extends L1Event> List<T> events(long fromL1Block, long toL1Block, Class<T> kind) {
    return events(fromL1Block, toL1Block).stream()
        .filter(kind::isInstance)
        .map(kind::cast)
        .toList();
  }
}
