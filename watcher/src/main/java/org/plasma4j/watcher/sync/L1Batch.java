package org.plasma4j.watcher.sync;

import java.util.List;
import org.plasma4j.core.rootchain.ExitGameEvents.DeferredExitRetried;
import org.plasma4j.core.rootchain.ExitGameEvents.ExitDeferred;
import org.plasma4j.core.rootchain.ExitGameEvents.ExitOmitted;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitResponded;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitOutputChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitOutputPaid;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.PiggybackBlocked;
import org.plasma4j.core.rootchain.ExitGameEvents.PiggybackPaid;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitFinalizedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;

/**
 * Every root-chain event of the confirmed L1 blocks {@code fromBlock..toBlock}: the unit the
 * watcher stores, replays after a restart and drops after a reorg. Lists a batch stored before a
 * kind of event was followed read as empty.
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
    List<MassExitFinalized> massExitsFinalized,
    List<MassExitOutputPaid> massExitOutputsPaid,
    List<PiggybackPaid> piggybacksPaid,
    List<ExitOmitted> exitsOmitted,
    List<ExitDeferred> exitsDeferred,
    List<DeferredExitRetried> deferredExitsRetried) {

  public L1Batch {
    deposits = copy(deposits);
    submitted = copy(submitted);
    exitsStarted = copy(exitsStarted);
    exitsChallenged = copy(exitsChallenged);
    exitsFinalized = copy(exitsFinalized);
    ifesStarted = copy(ifesStarted);
    piggybacks = copy(piggybacks);
    ifesChallenged = copy(ifesChallenged);
    ifeResponses = copy(ifeResponses);
    piggybacksBlocked = copy(piggybacksBlocked);
    ifesFinalized = copy(ifesFinalized);
    massExitsStarted = copy(massExitsStarted);
    massExitOutputsChallenged = copy(massExitOutputsChallenged);
    massExitsFinalized = copy(massExitsFinalized);
    massExitOutputsPaid = copy(massExitOutputsPaid);
    piggybacksPaid = copy(piggybacksPaid);
    exitsOmitted = copy(exitsOmitted);
    exitsDeferred = copy(exitsDeferred);
    deferredExitsRetried = copy(deferredExitsRetried);
  }

  private static <T> List<T> copy(List<T> events) {
    return events == null ? List.of() : List.copyOf(events);
  }
}
