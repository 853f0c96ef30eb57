package org.plasma4j.watcher.validation;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.plasma4j.core.exit.OutputKey;
import org.plasma4j.core.rootchain.ExitGameEvents.ExitOmitted;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitOutputChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitOutputPaid;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.PiggybackBlocked;
import org.plasma4j.core.rootchain.ExitGameEvents.PiggybackPaid;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitFinalizedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.exits.ExitBook;
import org.plasma4j.watcher.sync.L1Batch;

/**
 * Everything the watcher derives from its inputs: which blocks the root chain holds, the exits, the
 * ledger, and how far validation got. Child blocks are validated strictly in order (each one's
 * state depends on all before it); an invalid block does not stop validation, an unobtainable one
 * does until it is obtained. Not thread-safe: the node guards it.
 */
public final class ChainState {

  private final ChildLedger ledger;
  private final ExitBook book = new ExitBook();
  private final TreeMap<Long, BlockSubmittedEvent> submitted = new TreeMap<>();
  private final TreeMap<Long, DepositEvent> deposits = new TreeMap<>();
  private final TreeMap<Long, BlockVerdict> invalid = new TreeMap<>();
  private final TreeSet<Long> withheld = new TreeSet<>();
  private long lastDepositApplied;
  private long lastValidated;
  private long lastValid;

  public ChainState(Domain domain) {
    this.ledger = new ChildLedger(domain, new OutputClaims());
  }

  public ChildLedger ledger() {
    return ledger;
  }

  public ExitBook book() {
    return book;
  }

  public void apply(L1Batch batch) {
    for (L1Event event : batch.events()) {
      switch (event) {
        case BlockSubmittedEvent s -> submitted.putIfAbsent(s.blkNum(), s);
        case DepositEvent d -> deposits.putIfAbsent(d.blkNum(), d);
        default -> {}
      }
      book.apply(event);
      followClaim(event);
    }
    applyDepositsBefore(lastValidated + 1000);
  }

  /**
   * The hold, release or payout of an output that {@code event} tells of, in the framework's terms,
   * applied in log order: an exit's start always precedes what ends it.
   */
  private void followClaim(L1Event event) {
    OutputClaims claims = ledger.claims();
    switch (event) {
      case ExitStartedEvent e -> {
        position(e.position()).ifPresent(p -> claims.hold(p, "standard:" + e.position()));
      }
      case InFlightExitStarted e -> {
        book.ife(e.ifeId())
            .ifPresent(x -> x.tx().inputs().forEach(in -> claims.hold(in, "ife:" + e.ifeId())));
      }
      case Piggybacked p -> {
        if (p.output()) {
          book.ife(p.ifeId())
              .ifPresent(x -> claims.hold(
                  OutputKey.ofTxHash(x.started().txHash(), p.index()), "ife:" + p.ifeId()));
        }
      }
      case MassExitStarted m -> {
        m.leaves().forEach(l -> claims.hold(l.outputKey(), "mass:" + m.batchId()));
      }
      case ExitChallengedEvent e -> {
        position(e.position())
            .ifPresent(p -> claims.release(p, "standard:" + e.position(), e.l1Block()));
      }
      case ExitOmitted e -> {
        position(e.position())
            .ifPresent(p -> claims.release(p, "standard:" + e.position(), e.l1Block()));
      }
      case ExitFinalizedEvent e -> {
        position(e.position())
            .ifPresent(p -> claims.exited(p, "standard:" + e.position(), e.l1Block()));
      }
      case PiggybackBlocked p -> {
        if (p.output()) {
          book.ife(p.ifeId())
              .ifPresent(x -> claims.release(
                  OutputKey.ofTxHash(x.started().txHash(), p.index()),
                  "ife:" + p.ifeId(),
                  p.l1Block()));
        }
      }
      case PiggybackPaid p -> {
        book.ife(p.ifeId()).ifPresent(x -> {
          if (p.output()) {
            claims.exited(
                OutputKey.ofTxHash(x.started().txHash(), p.index()),
                "ife:" + p.ifeId(),
                p.l1Block());
          } else if (p.index() < x.tx().inputs().size()) {
            claims.exited(x.tx().inputs().get(p.index()), "ife:" + p.ifeId(), p.l1Block());
          }
        });
      }
      case InFlightExitFinalized f -> {
        if (!f.canonical()) {
          // the outputs' side lost: their piggybacks are settled unpaid and the outputs freed
          book.ife(f.ifeId()).ifPresent(x -> {
            for (int o = 0; o < x.tx().outputs().size(); o++) {
              claims.release(
                  OutputKey.ofTxHash(x.started().txHash(), o), "ife:" + f.ifeId(), f.l1Block());
            }
          });
        }
      }
      case MassExitOutputChallenged c -> {
        book.massExit(c.batchId())
            .map(m -> m.started().leaves())
            .filter(l -> c.leafIndex() >= 0 && c.leafIndex() < l.size())
            .ifPresent(l -> claims.release(
                l.get(c.leafIndex()).outputKey(), "mass:" + c.batchId(), c.l1Block()));
      }
      case MassExitFinalized f -> {
        // the batch's escrow left the vault at processing: every leaf it still holds counts as paid
        // from then
        // on (the framework's markExitPaid), not only once withdrawMassExit marks it
        book.massExit(f.batchId())
            .ifPresent(m -> m.started().leaves().stream()
                .filter(l -> !takenByCanonicalInFlightExit(l.position()))
                .forEach(l -> claims.exited(l.outputKey(), "mass:" + f.batchId(), f.l1Block())));
      }
      case MassExitOutputPaid p -> {
        book.massExit(p.batchId())
            .ifPresent(m -> m.started().leaves().stream()
                .filter(l -> l.position() == p.position())
                .forEach(l -> claims.exited(l.outputKey(), "mass:" + p.batchId(), p.l1Block())));
      }
      default -> {
        // the other kinds hold, release or pay no output
      }
    }
  }

  /**
   * Whether a canonical in-flight exit spent the output at {@code position}: it was taken from the
   * batch holding it (the framework marked it exited for that transaction, which may still be
   * included later), and the batch pays it nothing. Such an exit can only have been settled before
   * the batch was processed.
   */
  private boolean takenByCanonicalInFlightExit(long position) {
    Optional<OutputPosition> p = position(position);
    return p.isPresent()
        && book.inFlightExits().stream()
            .anyMatch(x -> x.finalized() && x.paidCanonical() && x.tx().inputs().contains(p.get()));
  }

  /**
   * A position from a root-chain event; the contracts only emit valid ones, but nothing here may
   * throw.
   */
  private static Optional<OutputPosition> position(long encoded) {
    try {
      return Optional.of(OutputPosition.decode(encoded));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The next child block to validate, if the root chain has it. */
  public Optional<BlockSubmittedEvent> next() {
    return Optional.ofNullable(submitted.higherEntry(lastValidated)).map(Map.Entry::getValue);
  }

  /** The committed block after {@code blkNum} whose submission is known, if any. */
  public Optional<BlockSubmittedEvent> after(long blkNum) {
    return Optional.ofNullable(submitted.higherEntry(blkNum)).map(Map.Entry::getValue);
  }

  /** Validates the next block (whose body matched its root) and moves on. */
  public ChildLedger.Judged validate(DecodedBlock block, Optional<FeeSchedule> fees) {
    BlockSubmittedEvent s = submitted.get(block.blkNum());
    if (s == null || next().map(n -> n.blkNum() != block.blkNum()).orElse(true)) {
      throw new IllegalStateException("block " + block.blkNum() + " is not the next to validate");
    }
    applyDepositsBefore(block.blkNum());
    ChildLedger.Judged judged = ledger.apply(block, s.timestamp(), s.l1Block(), fees);
    BlockVerdict verdict = judged.verdict();
    lastValidated = block.blkNum();
    withheld.remove(block.blkNum());
    if (verdict.isValid()) {
      lastValid = block.blkNum();
    } else {
      invalid.put(block.blkNum(), verdict);
    }
    applyDepositsBefore(lastValidated + 1000);
    return judged;
  }

  /** A submitted block that could not be obtained within the withholding timeout. */
  public void markWithheld(long blkNum) {
    withheld.add(blkNum);
  }

  private void applyDepositsBefore(long blkNum) {
    for (DepositEvent d :
        deposits.subMap(lastDepositApplied, false, blkNum, false).values()) {
      ledger.applyDeposit(d.blkNum(), d.owner(), d.token(), d.amount(), d.timestamp());
      lastDepositApplied = d.blkNum();
    }
  }

  public long lastValidated() {
    return lastValidated;
  }

  public long lastValid() {
    return lastValid;
  }

  /** The first invalid or withheld child block: exits from it on are unsafe. */
  public Optional<Long> firstBadBlock() {
    Optional<Long> inv = invalid.isEmpty() ? Optional.empty() : Optional.of(invalid.firstKey());
    Optional<Long> wh = withheld.isEmpty() ? Optional.empty() : Optional.of(withheld.first());
    if (inv.isEmpty()) {
      return wh;
    }
    return wh.isEmpty() ? inv : Optional.of(Math.min(inv.get(), wh.get()));
  }

  public Map<Long, BlockVerdict> invalidBlocks() {
    return Map.copyOf(invalid);
  }

  public TreeSet<Long> withheldBlocks() {
    return new TreeSet<>(withheld);
  }

  /** Every deposit the root chain confirmed, by deposit block number. */
  public Map<Long, DepositEvent> deposits() {
    return java.util.Collections.unmodifiableMap(deposits);
  }

  public Optional<BlockSubmittedEvent> submitted(long blkNum) {
    return Optional.ofNullable(submitted.get(blkNum));
  }

  public long lastSubmitted() {
    return submitted.isEmpty() ? 0 : submitted.lastKey();
  }
}
