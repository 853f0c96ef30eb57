package org.plasma4j.operator.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitFinalizedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.tx.Output;
import org.plasma4j.node.storage.WriteBatch;

/**
 * The root-chain events of one range of root-chain blocks, in the order the ledger applies them: by
 * root-chain block, and within a block deposits, exit starts, challenges, finalizations, then the
 * exit games' in-flight exit starts, piggybacks and mass exit starts, then the cash game's coin
 * deposits, exit starts, cancellations, finalizations and withdrawals (the ports give each kind in
 * log order but not the order across kinds; a piggyback always follows its in-flight exit's start).
 */
public record RootChainEvents(
    List<DepositEvent> deposits,
    List<ExitStartedEvent> started,
    List<ExitChallengedEvent> challenged,
    List<ExitFinalizedEvent> finalized,
    List<InFlightExitStarted> inFlightExitsStarted,
    List<Piggybacked> piggybacks,
    List<MassExitStarted> massExitsStarted,
    CoinEvents coins) {

  /**
   * The framework's and the UTXO exit games' events, for a node that does not follow the cash game.
   */
  public RootChainEvents(
      List<DepositEvent> deposits,
      List<ExitStartedEvent> started,
      List<ExitChallengedEvent> challenged,
      List<ExitFinalizedEvent> finalized,
      List<InFlightExitStarted> inFlightExitsStarted,
      List<Piggybacked> piggybacks,
      List<MassExitStarted> massExitsStarted) {
    this(
        deposits,
        started,
        challenged,
        finalized,
        inFlightExitsStarted,
        piggybacks,
        massExitsStarted,
        CoinEvents.NONE);
  }

  /** The framework's events only, for a node that does not follow the exit games. */
  public RootChainEvents(
      List<DepositEvent> deposits,
      List<ExitStartedEvent> started,
      List<ExitChallengedEvent> challenged,
      List<ExitFinalizedEvent> finalized) {
    this(deposits, started, challenged, finalized, List.of(), List.of(), List.of());
  }

  private record Step(long l1Block, int kind, int seq, Applier applier) {}

  @FunctionalInterface
  private interface Applier {
    void apply(Ledger ledger, WriteBatch batch);
  }

  public boolean isEmpty() {
    return deposits.isEmpty()
        && started.isEmpty()
        && challenged.isEmpty()
        && finalized.isEmpty()
        && inFlightExitsStarted.isEmpty()
        && piggybacks.isEmpty()
        && massExitsStarted.isEmpty()
        && coins.isEmpty();
  }

  void apply(Ledger ledger, WriteBatch batch) {
    List<Step> steps = new ArrayList<>();
    for (DepositEvent d : deposits) {
      DepositRecord record = new DepositRecord(
          d.blkNum(),
          new Output(d.owner(), d.token(), d.amount()),
          d.root(),
          d.timestamp(),
          d.l1Block());
      steps.add(new Step(d.l1Block(), 0, steps.size(), (l, b) -> l.credit(record, b)));
    }
    for (ExitStartedEvent e : started) {
      steps.add(new Step(e.l1Block(), 1, steps.size(), (l, b) -> l.exitStarted(e.position(), b)));
    }
    for (ExitChallengedEvent e : challenged) {
      steps.add(
          new Step(e.l1Block(), 2, steps.size(), (l, b) -> l.exitChallenged(e.position(), b)));
    }
    for (ExitFinalizedEvent e : finalized) {
      steps.add(new Step(e.l1Block(), 3, steps.size(), (l, b) -> l.exitFinalized(e.position(), b)));
    }
    for (InFlightExitStarted e : inFlightExitsStarted) {
      steps.add(new Step(e.l1Block(), 4, steps.size(), (l, b) -> l.inFlightExitStarted(e, b)));
    }
    for (Piggybacked e : piggybacks) {
      steps.add(new Step(e.l1Block(), 5, steps.size(), (l, b) -> l.piggybacked(e, b)));
    }
    for (MassExitStarted e : massExitsStarted) {
      steps.add(new Step(e.l1Block(), 6, steps.size(), (l, b) -> l.massExitStarted(e, b)));
    }
    addCoinSteps(steps);
    steps.sort(Comparator.comparingLong(Step::l1Block)
        .thenComparingInt(Step::kind)
        .thenComparingInt(Step::seq));
    steps.forEach(s -> s.applier().apply(ledger, batch));
  }

  private void addCoinSteps(List<Step> steps) {
    for (var e : coins.deposited()) {
      steps.add(new Step(e.l1Block(), 7, steps.size(), (l, b) -> l.coinDeposited(e, b)));
    }
    for (var e : coins.exitsStarted()) {
      steps.add(new Step(e.l1Block(), 8, steps.size(), (l, b) -> l.coinExitStarted(e, b)));
    }
    for (var e : coins.exitsCancelled()) {
      steps.add(new Step(e.l1Block(), 9, steps.size(), (l, b) -> l.coinExitCancelled(e, b)));
    }
    for (var e : coins.exitsFinalized()) {
      steps.add(new Step(
          e.l1Block(), 10, steps.size(), (l, b) -> l.coinLeft(e.slot(), CoinStatus.EXITED, b)));
    }
    for (var e : coins.withdrawn()) {
      steps.add(new Step(
          e.l1Block(), 11, steps.size(), (l, b) -> l.coinLeft(e.slot(), CoinStatus.WITHDRAWN, b)));
    }
  }
}
