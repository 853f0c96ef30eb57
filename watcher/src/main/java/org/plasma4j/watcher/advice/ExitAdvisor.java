package org.plasma4j.watcher.advice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.exit.Inclusion;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.exits.ExitBook.InFlightExit;
import org.plasma4j.watcher.validation.ChainState;
import org.plasma4j.watcher.validation.ChildLedger;

/**
 * Tells an owner which outputs to exit: every unspent output in a valid child block before the
 * first invalid or withheld one (exits of later outputs would lose priority to the operator's
 * fraud, and the watcher cannot vouch for them), every unspent deposit, and the piggybacks still
 * open to it.
 */
public final class ExitAdvisor {

  private ExitAdvisor() {}

  public static ExitAdvice advise(ChainState state, Address owner) {
    ChildLedger ledger = state.ledger();
    long firstBad = state.firstBadBlock().orElse(0L);
    List<ExitAdvice.StandardExit> exits = new ArrayList<>();
    ledger.forEachOutput((p, o) -> {
      boolean safeBlock = p.isDeposit() || firstBad == 0 || p.blkNum() < firstBad;
      // an owner-signed spend, even one no valid block holds, challenges a standard exit
      if (o.owner().equals(owner)
          && safeBlock
          && !ledger.isSpent(p)
          && ledger.spendsOf(p).isEmpty()
          && notExiting(state, p)) {
        ledger
            .body(p.blkNum())
            .ifPresent(b -> exits.add(new ExitAdvice.StandardExit(
                p.encode(),
                Bytes.wrap(b.txBytes().get(p.txIndex())),
                b.tree().proof(p.txIndex()),
                b.timestamp(),
                o.token(),
                o.amount())));
      }
    });
    for (DepositEvent d : state.deposits().values()) {
      OutputPosition p = OutputPosition.of(d.blkNum(), 0, 0);
      if (d.owner().equals(owner) && ledger.output(p).isEmpty() && notExiting(state, p)) {
        byte[] txBytes = Deposit.transaction(d.owner(), d.token(), d.amount()).encode();
        exits.add(new ExitAdvice.StandardExit(
            p.encode(),
            Bytes.wrap(txBytes),
            MerkleTree.build(List.of(txBytes)).proof(0),
            d.timestamp(),
            d.token(),
            d.amount()));
      }
    }
    exits.sort(Comparator.comparingLong(ExitAdvice.StandardExit::position));
    List<ExitAdvice.Piggyback> piggybacks = new ArrayList<>();
    state.book().inFlightExits().stream()
        .filter(x -> !x.finalized())
        .forEach(x -> piggyback(ledger, x, owner).ifPresent(piggybacks::add));
    return new ExitAdvice(owner, firstBad, exits, piggybacks);
  }

  /** No exit of any game holds or paid it (a new standard exit of it would be refused). */
  private static boolean notExiting(ChainState state, OutputPosition p) {
    ChildLedger ledger = state.ledger();
    Bytes32 key = ledger.keyOf(p);
    if (key == null && p.isDeposit()) {
      key = Bytes32.ofUint(p.encode());
    }
    return state.book().standardExit(p.encode()).isEmpty() && !ledger.claims().heldOrPaid(p, key);
  }

  /**
   * The indices {@code owner} may piggyback without posting a bond that anyone can take: an input
   * that no other transaction spends (a spend by another is the evidence that challenges the
   * piggyback), an output that no known transaction spends and no other exit holds or paid (an
   * included transaction's spent output is the evidence that challenges an output piggyback).
   */
  private static Optional<ExitAdvice.Piggyback> piggyback(
      ChildLedger ledger, InFlightExit x, Address owner) {
    Bytes32 txHash = x.started().txHash();
    List<Integer> inputs = new ArrayList<>();
    for (int i = 0; i < x.tx().inputs().size(); i++) {
      OutputPosition input = x.tx().inputs().get(i);
      boolean mine = ledger.output(input).map(o -> o.owner().equals(owner)).orElse(false);
      if (mine && !x.piggybacked(false).contains(i) && !spentByAnother(ledger, input, txHash)) {
        inputs.add(i);
      }
    }
    Optional<ChildLedger.Location> included = ledger.location(txHash);
    List<Integer> outputs = new ArrayList<>();
    for (int o = 0; o < x.tx().outputs().size(); o++) {
      if (x.tx().outputs().get(o).owner().equals(owner)
          && !x.piggybacked(true).contains(o)
          && unspent(ledger, included, o)) {
        outputs.add(o);
      }
    }
    if (inputs.isEmpty() && outputs.isEmpty()) {
      return Optional.empty();
    }
    long own = ledger.oldestInclusion(txHash).map(Inclusion::position).orElse(Long.MAX_VALUE);
    boolean canonical =
        ledger.olderCompetitors(x.tx(), txHash).isEmpty() && !x.provenOlderThan(own);
    return Optional.of(new ExitAdvice.Piggyback(
        x.started().ifeId(), txHash, x.started().txBytes(), canonical, inputs, outputs));
  }

  private static boolean spentByAnother(ChildLedger ledger, OutputPosition input, Bytes32 txHash) {
    return ledger.spendsOf(input).stream().anyMatch(s -> !s.txHash().equals(txHash));
  }

  /**
   * An output of a transaction that is not included cannot be spent yet: no transaction can name
   * it.
   */
  private static boolean unspent(
      ChildLedger ledger, Optional<ChildLedger.Location> included, int index) {
    if (included.isEmpty()) {
      return true;
    }
    OutputPosition p = OutputPosition.of(included.get().blkNum(), included.get().txIndex(), index);
    return !ledger.isSpent(p)
        && ledger.spendsOf(p).isEmpty()
        && !ledger.claims().heldOrPaid(p, ledger.keyOf(p));
  }
}
