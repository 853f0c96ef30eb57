package org.plasma4j.guardian;

import java.math.BigInteger;

/**
 * Where an action the journal holds as sent stands on the root chain now, found by its transaction
 * hashes and, failing those, by the state it would have left (the exit, batch or piggyback exists).
 */
public sealed interface Reconciled {

  /** A transaction of it is mined and succeeded, or the chain shows its effect. */
  record Mined(Outcome outcome) implements Reconciled {}

  /** A transaction of it is mined and reverted: a failed attempt. */
  record Reverted(String l1TxHash, BigInteger gasWei, String reason) implements Reconciled {}

  /** A transaction of it waits in the mempool: sending again would pay twice. */
  record Pending(String l1TxHash) implements Reconciled {}

  /**
   * The chain knows none of its transactions and shows no effect: it was never sent or a reorg
   * dropped it.
   */
  record Dropped() implements Reconciled {}
}
