package org.plasma4j.core.rootchain;

import java.util.Comparator;
import org.plasma4j.core.types.Bytes32;

/**
 * One root-chain log the nodes act on, from the framework or any exit game, at its place in the
 * chain: root-chain block, index of the log in that block, and the block's hash. The stream of
 * {@link L1EventSource#events} gives them in log order, so a consumer applies them with one pattern
 * switch in the order the contracts emitted them; a new event kind is one record (its fields and a
 * {@link LogPlace} last) in the permits list here, one decoder in the adapter, and one {@code case}
 * in each consumer that cares.
 */
public sealed interface L1Event
    permits RootChain.DepositEvent,
        RootChain.BlockSubmittedEvent,
        RootChain.ExitStartedEvent,
        RootChain.ExitFinalizedEvent,
        RootChain.ExitChallengedEvent,
        ExitGameEvents.InFlightExitStarted,
        ExitGameEvents.Piggybacked,
        ExitGameEvents.InFlightExitChallenged,
        ExitGameEvents.InFlightExitResponded,
        ExitGameEvents.PiggybackBlocked,
        ExitGameEvents.InFlightExitFinalized,
        ExitGameEvents.MassExitStarted,
        ExitGameEvents.MassExitOutputChallenged,
        ExitGameEvents.MassExitFinalized,
        ExitGameEvents.MassExitEscrowShort,
        ExitGameEvents.MassExitOutputPaid,
        ExitGameEvents.PiggybackPaid,
        ExitGameEvents.ExitOmitted,
        ExitGameEvents.ExitDeferred,
        ExitGameEvents.DeferredExitRetried,
        CashGameEvents.CoinDeposited,
        CashGameEvents.CoinExitStarted,
        CashGameEvents.CoinExitCancelled,
        CashGameEvents.CoinExitFinalized,
        CashGameEvents.CoinChallenged,
        CashGameEvents.CoinChallengeAnswered,
        CashGameEvents.CheckpointStarted,
        CashGameEvents.CheckpointCancelled,
        CashGameEvents.CheckpointFinalized,
        CashGameEvents.CoinWithdrawn,
        CashGameEvents.CoinRootSubmitted {

  /** Log order: by root-chain block, then by the log's index in it. */
  Comparator<L1Event> LOG_ORDER =
      Comparator.comparingLong(L1Event::l1Block).thenComparingLong(L1Event::logIndex);

  /** Where the log is; every kind carries it as its last component. */
  LogPlace place();

  default long l1Block() {
    return place().l1Block();
  }

  /** The log's index in its block (the block's logs across every contract count). */
  default long logIndex() {
    return place().logIndex();
  }

  /** The hash of the block the log is in; zero for an event not yet placed in a block. */
  default Bytes32 blockHash() {
    return place().blockHash();
  }
}
