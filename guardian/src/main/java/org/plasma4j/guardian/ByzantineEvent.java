package org.plasma4j.guardian;

import java.util.Set;

/**
 * A byzantine event as the watcher reports it: its wire name (invalid_block, block_withholding,
 * unchallenged_exit, piggyback_available, ...) and a human-readable detail.
 */
public record ByzantineEvent(String kind, String detail) {

  private static final Set<String> CHAIN_IS_BAD = Set.of("invalid_block", "block_withholding");

  /**
   * Whether the event means the chain can no longer be trusted with funds: an invalid or withheld
   * block, or an exit or piggyback that nobody challenged in time. The other events (invalid_exit,
   * piggyback_available, ...) are still being handled by challenges and piggybacks.
   */
  public boolean isAlarm() {
    return CHAIN_IS_BAD.contains(kind) || kind.startsWith("unchallenged_");
  }
}
