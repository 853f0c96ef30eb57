package org.plasma4j.watcher;

import java.util.List;

/**
 * What watcher_status answers: how far the watcher got and what it found.
 *
 * @param syncedL1Block the last root-chain block whose events are applied (confirmed)
 * @param lastSubmittedBlock the highest child block the root chain holds
 * @param lastValidatedBlock the highest child block re-validated (all before it are too)
 * @param lastValidBlock the highest child block found valid
 * @param firstBadBlock the first invalid or withheld child block, 0 if none
 * @param challenger the address that challenges and collects bonds, null without a key
 */
public record WatcherStatus(
    long syncedL1Block,
    long lastSubmittedBlock,
    long lastValidatedBlock,
    long lastValidBlock,
    long firstBadBlock,
    List<Long> invalidBlocks,
    List<Long> withheldBlocks,
    int byzantineEvents,
    String challenger,
    int challengesSent) {

  public WatcherStatus {
    invalidBlocks = List.copyOf(invalidBlocks);
    withheldBlocks = List.copyOf(withheldBlocks);
  }

  public static WatcherStatus initial() {
    return new WatcherStatus(-1, 0, 0, 0, 0, List.of(), List.of(), 0, null, 0);
  }
}
