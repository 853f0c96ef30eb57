package org.plasma4j.operator.ledger;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;

/**
 * What a formed block carries beyond the transactions the ledger accepted. A node assembles
 * {@link #ACCEPTED_ONLY}; a devnet or a test may wire in another (through
 * {@code OperatorNode.Builder}) to make a real node form blocks an honest operator never would, so
 * that watchers and guardians can be tested against them. Called on the writer thread while a block
 * is formed, in this order: {@link #wantsBlock}, {@link #extraTransactions}, {@link #feesClaimed},
 * {@link #extraCoinTransfers}, and once the block is durable {@link #formed}.
 */
public interface BlockAssembly {

  /** Accepted transactions and the fee transaction for what they paid, nothing else. */
  BlockAssembly ACCEPTED_ONLY = new BlockAssembly() {};

  /** Whether the next block forms even when nothing accepted is pending. */
  default boolean wantsBlock() {
    return false;
  }

  /**
   * Transactions block {@code blkNum} carries after the accepted ones, unvalidated: their unspent
   * inputs become spent by them, inputs already spent keep their first spender.
   */
  default List<SignedTransaction> extraTransactions(long blkNum) {
    return List.of();
  }

  /** What the fee transaction claims per token, given what the block's transactions paid. */
  default Map<Address, BigInteger> feesClaimed(long blkNum, Map<Address, BigInteger> paid) {
    return paid;
  }

  /**
   * Coin transfers block {@code blkNum}'s coin tree carries, unvalidated: each takes its slot's
   * place (a pending transfer of the slot waits for the next block) and the node's view of the coin
   * follows it, as it would an accepted transfer.
   */
  default List<SignedCoinTransfer> extraCoinTransfers(long blkNum) {
    return List.of();
  }

  /** Told once block {@code blkNum} is durable, before anything is served from it. */
  default void formed(long blkNum) {}
}
