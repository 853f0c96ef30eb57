package org.plasma4j.watcher.sync;

import java.util.List;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitResponded;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitOutputChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.ExitGameEvents.PiggybackBlocked;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitFinalizedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;

/**
 * Every root-chain event of the confirmed L1 blocks {@code fromBlock..toBlock}: the unit the watcher
 * stores, replays after a restart and drops after a reorg.
 */
public record L1Batch(
    long fromBlock,
    long toBlock,
    List<DepositEvent> deposits,
    List<BlockSubmittedEvent> submitted,
    List<ExitStartedEvent> exitsStarted,
    List<ExitChallengedEvent> exitsChallenged,
    List<ExitFinalizedEvent> exitsFinalized,
    List<InFlightExitStarted> ifesStarted,
    List<Piggybacked> piggybacks,
    List<InFlightExitChallenged> ifesChallenged,
    List<InFlightExitResponded> ifeResponses,
    List<PiggybackBlocked> piggybacksBlocked,
    List<InFlightExitFinalized> ifesFinalized,
    List<MassExitStarted> massExitsStarted,
    List<MassExitOutputChallenged> massExitOutputsChallenged,
    List<MassExitFinalized> massExitsFinalized) {

  public L1Batch {
    deposits = List.copyOf(deposits);
    submitted = List.copyOf(submitted);
    exitsStarted = List.copyOf(exitsStarted);
    exitsChallenged = List.copyOf(exitsChallenged);
    exitsFinalized = List.copyOf(exitsFinalized);
    ifesStarted = List.copyOf(ifesStarted);
    piggybacks = List.copyOf(piggybacks);
    ifesChallenged = List.copyOf(ifesChallenged);
    ifeResponses = List.copyOf(ifeResponses);
    piggybacksBlocked = List.copyOf(piggybacksBlocked);
    ifesFinalized = List.copyOf(ifesFinalized);
    massExitsStarted = List.copyOf(massExitsStarted);
    massExitOutputsChallenged = List.copyOf(massExitOutputsChallenged);
    massExitsFinalized = List.copyOf(massExitsFinalized);
  }
}
