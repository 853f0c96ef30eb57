package org.plasma4j.operator.ledger;

import java.util.List;
import org.plasma4j.core.rootchain.CashGameEvents.CoinDeposited;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitCancelled;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitFinalized;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitStarted;
import org.plasma4j.core.rootchain.CashGameEvents.CoinWithdrawn;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitFinalizedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.tx.Output;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.operator.cash.CoinStatus;

/**
 * The root-chain events of one range of root-chain blocks, in log order across the framework and
 * every game (so a piggyback always follows its in-flight exit's start, an exit's end its start),
 * applied in that order; the kinds that do not change what the operator accepts are skipped.
 */
public record RootChainEvents(List<L1Event> events) {

  public RootChainEvents {
    events = List.copyOf(events);
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }

  void apply(Ledger ledger, WriteBatch batch) {
    for (L1Event event : events) {
      switch (event) {
        case DepositEvent d ->
          ledger.credit(
              new DepositRecord(
                  d.blkNum(),
                  new Output(d.owner(), d.token(), d.amount()),
                  d.root(),
                  d.timestamp(),
                  d.l1Block()),
              batch);
        case ExitStartedEvent e -> ledger.exitStarted(e.position(), batch);
        case ExitChallengedEvent e -> ledger.exitChallenged(e.position(), batch);
        case ExitFinalizedEvent e -> ledger.exitFinalized(e.position(), batch);
        case InFlightExitStarted e -> ledger.inFlightExitStarted(e, batch);
        case Piggybacked e -> ledger.piggybacked(e, batch);
        case MassExitStarted e -> ledger.massExitStarted(e, batch);
        case CoinDeposited e -> ledger.coinDeposited(e, batch);
        case CoinExitStarted e -> ledger.coinExitStarted(e, batch);
        case CoinExitCancelled e -> ledger.coinExitCancelled(e, batch);
        case CoinExitFinalized e -> ledger.coinLeft(e.slot(), CoinStatus.EXITED, batch);
        case CoinWithdrawn e -> ledger.coinLeft(e.slot(), CoinStatus.WITHDRAWN, batch);
        default -> {
          // submitted blocks, challenges, payouts and the queue's outcomes change nothing the
          // operator accepts
        }
      }
    }
  }
}
