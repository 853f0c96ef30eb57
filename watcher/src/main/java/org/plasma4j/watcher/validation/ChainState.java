package org.plasma4j.watcher.validation;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.exits.ExitBook;
import org.plasma4j.watcher.sync.L1Batch;

/**
 * Everything the watcher derives from its inputs: which blocks the root chain holds, the exits, the
 * ledger, and how far validation got. Child blocks are validated strictly in order (each one's state
 * depends on all before it); an invalid block does not stop validation, an unobtainable one does
 * until it is obtained. Not thread-safe: the node guards it.
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
    this.ledger = new ChildLedger(domain);
  }

  public ChildLedger ledger() {
    return ledger;
  }

  public ExitBook book() {
    return book;
  }

  public void apply(L1Batch batch) {
    batch.submitted().forEach(s -> submitted.putIfAbsent(s.blkNum(), s));
    batch.deposits().forEach(d -> deposits.putIfAbsent(d.blkNum(), d));
    batch.exitsFinalized().forEach(e -> ledger.markExited(OutputPosition.decode(e.position()), e.l1Block()));
    book.apply(batch);
    applyDepositsBefore(lastValidated + 1000);
  }

  /** The next child block to validate, if the root chain has it. */
  public Optional<BlockSubmittedEvent> next() {
    return Optional.ofNullable(submitted.higherEntry(lastValidated)).map(Map.Entry::getValue);
  }

  /** Validates the next block (whose body matched its root) and moves on. */
  public BlockVerdict validate(DecodedBlock block, FeeSchedule fees) {
    BlockSubmittedEvent s = submitted.get(block.blkNum());
    if (s == null || next().map(n -> n.blkNum() != block.blkNum()).orElse(true)) {
      throw new IllegalStateException("block " + block.blkNum() + " is not the next to validate");
    }
    applyDepositsBefore(block.blkNum());
    BlockVerdict verdict = ledger.apply(block, s.timestamp(), s.l1Block(), fees);
    lastValidated = block.blkNum();
    withheld.remove(block.blkNum());
    if (verdict.isValid()) {
      lastValid = block.blkNum();
    } else {
      invalid.put(block.blkNum(), verdict);
    }
    applyDepositsBefore(lastValidated + 1000);
    return verdict;
  }

  /** A submitted block that could not be obtained within the withholding timeout. */
  public void markWithheld(long blkNum) {
    withheld.add(blkNum);
  }

  private void applyDepositsBefore(long blkNum) {
    for (DepositEvent d : deposits.subMap(lastDepositApplied, false, blkNum, false).values()) {
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
