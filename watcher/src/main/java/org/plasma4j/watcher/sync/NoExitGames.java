package org.plasma4j.watcher.sync;

import java.util.List;
import org.plasma4j.core.rootchain.ExitGameEvents;

/** A framework without in-flight or mass exit games: their events never happen. */
public final class NoExitGames implements ExitGameEvents {

  @Override
  public List<InFlightExitStarted> inFlightExitsStarted(long fromL1Block, long toL1Block) {
    return List.of();
  }

  @Override
  public List<Piggybacked> piggybacks(long fromL1Block, long toL1Block) {
    return List.of();
  }

  @Override
  public List<InFlightExitChallenged> inFlightExitsChallenged(long fromL1Block, long toL1Block) {
    return List.of();
  }

  @Override
  public List<InFlightExitResponded> inFlightExitResponses(long fromL1Block, long toL1Block) {
    return List.of();
  }

  @Override
  public List<PiggybackBlocked> piggybacksBlocked(long fromL1Block, long toL1Block) {
    return List.of();
  }

  @Override
  public List<InFlightExitFinalized> inFlightExitsFinalized(long fromL1Block, long toL1Block) {
    return List.of();
  }

  @Override
  public List<MassExitStarted> massExitsStarted(long fromL1Block, long toL1Block) {
    return List.of();
  }

  @Override
  public List<MassExitOutputChallenged> massExitOutputsChallenged(long fromL1Block, long toL1Block) {
    return List.of();
  }

  @Override
  public List<MassExitFinalized> massExitsFinalized(long fromL1Block, long toL1Block) {
    return List.of();
  }
}
