package org.plasma4j.operator.cash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.rootchain.CashGameEvents.CoinDeposited;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitCancelled;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitStarted;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.operator.ledger.Columns;
import org.plasma4j.operator.ledger.Ledger;

/**
 * The Plasma Cash half of the ledger (docs/protocol.md section 8): coins credited from confirmed
 * deposits, the pending block's coin transfers, and each formed block's coin tree. Runs on the
 * writer thread only, inside the {@link Ledger}'s groups and batches.
 */
public final class CoinLedger {

  /** The coin part of a block being formed: its tree, and which of its slots came from pending. */
  public record FormedCoins(CoinTree tree, List<Long> fromPending) {}

  private final CoinSet coins;
  private final PendingCoins pending;
  private final Consumer<String> conflicts;

  public CoinLedger(KeyValueStore store, Consumer<String> conflicts) {
    this.coins = new CoinSet(store);
    this.pending = PendingCoins.load(store);
    this.conflicts = conflicts;
  }

  public int pendingCount() {
    return pending.size();
  }

  public boolean hasPending() {
    return !pending.isEmpty();
  }

  /**
   * Checks {@code v} against the coin and the pending block and, if it passes, adds it to the
   * group's batch. The same transfer again is accepted again (a client retrying after a lost
   * reply).
   */
  public TxResult<Bytes32> accept(VerifiedCoinTransfer v, WriteBatch batch) {
    SignedCoinTransfer signed = v.transfer();
    long slot = signed.slot();
    Bytes32 txHash = signed.transfer().hash();
    Optional<SignedCoinTransfer> already = pending.get(slot);
    if (already.isPresent()) {
      return already.get().transfer().hash().equals(txHash)
          ? TxResult.ok(txHash)
          : TxResult.rejected(
              TxRejection.COIN_TRANSFER_PENDING,
              "slot " + Long.toUnsignedString(slot) + " already has transfer "
                  + already.get().transfer().hash());
    }
    Optional<CoinRecord> found = coins.get(slot);
    if (found.isEmpty()) {
      return TxResult.rejected(
          TxRejection.UNKNOWN_COIN, "no coin at slot " + Long.toUnsignedString(slot));
    }
    CoinRecord coin = found.get();
    if (coin.status() != CoinStatus.DEPOSITED) {
      return TxResult.rejected(
          TxRejection.COIN_EXITING,
          "coin " + Long.toUnsignedString(slot) + " is "
              + coin.status().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (signed.transfer().prevBlock() != coin.block()) {
      return TxResult.rejected(
          TxRejection.WRONG_PREV_BLOCK,
          "prevBlock " + Long.toUnsignedString(signed.transfer().prevBlock())
              + ", but the coin is at block " + coin.block());
    }
    if (!v.signer().equals(Optional.of(coin.owner()))) {
      return TxResult.rejected(
          TxRejection.NOT_COIN_OWNER,
          v.signer().map(s -> "signed by " + s).orElse("the signature recovers to no key")
              + "; the owner is " + coin.owner());
    }
    pending.add(signed, batch);
    return TxResult.ok(txHash);
  }

  public void committed() {
    coins.committed();
    pending.committed();
  }

  public void rolledBack() {
    coins.rolledBack();
    pending.rolledBack();
  }

  /**
   * Puts the committed pending transfers, and {@code extra} ones over them (the block assembly's,
   * unvalidated; a displaced pending transfer waits for the next block), into block {@code blkNum}:
   * stored with the block, the coins moved to their new owners.
   */
  public FormedCoins form(
      long blkNum, boolean withPending, List<SignedCoinTransfer> extra, WriteBatch batch) {
    Map<Long, SignedCoinTransfer> transfers =
        withPending ? pending.snapshot() : new java.util.TreeMap<>();
    List<Long> fromPending = new ArrayList<>(transfers.keySet());
    for (SignedCoinTransfer f : extra) {
      transfers.put(f.slot(), f);
      fromPending.remove(Long.valueOf(f.slot()));
    }
    CoinTree tree = CoinTree.ofTransfers(transfers.values());
    for (SignedCoinTransfer t : transfers.values()) {
      batch.put(Columns.BLOCK_COIN, new Columns.BlockSlotKey(blkNum, t.slot()), t.encode());
      coins
          .get(t.slot())
          .ifPresent(c -> coins.put(c.transferred(t.transfer().newOwner(), blkNum), batch));
    }
    if (tree.size() > 0) {
      batch.put(Columns.BLOCK_COIN_ROOT, blkNum, tree.root());
    }
    pending.removeFormed(fromPending, batch);
    return new FormedCoins(tree, fromPending);
  }

  public void formedCommitted(FormedCoins formed) {
    coins.committed();
    pending.formedCommitted(formed.fromPending());
  }

  /**
   * A confirmed CoinDeposited; applying it again is harmless, a different deposit is a conflict.
   */
  public void deposited(CoinDeposited e, WriteBatch batch) {
    CoinRecord coin = CoinRecord.deposited(
        e.slot(), e.token(), e.kind(), e.value(), e.owner(), e.originBlock(), e.l1Block());
    Optional<CoinRecord> known = coins.get(e.slot());
    if (known.isPresent()) {
      if (!known.get().sameDeposit(coin)) {
        conflicts.accept("coin " + Long.toUnsignedString(e.slot()) + " is now " + coin
            + " on the root chain but " + known.get() + " was credited");
      }
      return;
    }
    coins.put(coin, batch);
  }

  /** CoinExitStarted: the coin takes no transfers while any exit of it is pending. */
  public void exitStarted(CoinExitStarted e, WriteBatch batch) {
    coins
        .get(e.slot())
        .ifPresent(c -> coins.put(
            c.exitStarted(new PendingCoinExit(e.owner(), e.claimId(), e.l1Block())), batch));
  }

  /**
   * CoinExitCancelled: that exit failed; the coin is spendable again once no other exit of it is
   * pending.
   */
  public void exitCancelled(CoinExitCancelled e, WriteBatch batch) {
    coins.get(e.slot()).ifPresent(c -> coins.put(c.exitCancelled(e.owner(), e.l1Block()), batch));
  }

  /** CoinExitFinalized or CoinWithdrawn: the coin left the child chain. */
  public void left(long slot, CoinStatus status, WriteBatch batch) {
    coins
        .get(slot)
        .filter(c -> c.status() != CoinStatus.WITHDRAWN)
        .ifPresent(c -> coins.put(c.withStatus(status), batch));
  }
}
