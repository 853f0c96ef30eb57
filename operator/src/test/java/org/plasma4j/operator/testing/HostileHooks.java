package org.plasma4j.operator.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.operator.ledger.BlockAssembly;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.operator.service.QueryFilter;

/**
 * Hooks that make a real node misbehave on cue, as a hostile operator's would: the next block
 * carries, unvalidated, the transactions and coin transfers queued here (and forms for them alone),
 * and the blocks named in {@link #hiddenBlocks} are served as if they did not exist.
 */
public final class HostileHooks implements BlockAssembly, QueryFilter {

  /** Carried by the next block after its accepted transactions. */
  public final Queue<SignedTransaction> queuedTransactions = new ConcurrentLinkedQueue<>();

  /** Carried by the next block's coin tree, each in its slot's place. */
  public final Queue<SignedCoinTransfer> queuedCoinTransfers = new ConcurrentLinkedQueue<>();

  /** Blocks withheld from every query. */
  public final Set<Long> hiddenBlocks = ConcurrentHashMap.newKeySet();

  /** The node {@code b} builds, with these hooks as its block assembly and query filter. */
  public OperatorNode.Builder wire(OperatorNode.Builder b) {
    return b.blockAssembly(this).queryFilter(this);
  }

  @Override
  public boolean wantsBlock() {
    return !queuedTransactions.isEmpty() || !queuedCoinTransfers.isEmpty();
  }

  @Override
  public List<SignedTransaction> extraTransactions(long blkNum) {
    return drain(queuedTransactions);
  }

  @Override
  public List<SignedCoinTransfer> extraCoinTransfers(long blkNum) {
    return drain(queuedCoinTransfers);
  }

  @Override
  public boolean hidden(long blkNum) {
    return hiddenBlocks.contains(blkNum);
  }

  private static <T> List<T> drain(Queue<T> queue) {
    List<T> out = new ArrayList<>();
    for (T next = queue.poll(); next != null; next = queue.poll()) {
      out.add(next);
    }
    return out;
  }
}
