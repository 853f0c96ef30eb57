package org.plasma4j.guardian;

import org.plasma4j.core.exit.InFlightExitData;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Bytes32;

/**
 * A payment one of the guardian's keys signed and the operator accepted, with everything its
 * in-flight exit needs that only the operator could otherwise give (the input transactions, their
 * proofs and block timestamps), captured when it was sent.
 *
 * @param sentAtMillis wall-clock time the operator accepted it: the inclusion timeout runs from
 *     here
 */
public record InFlightTx(InFlightExitData exitData, long sentAtMillis) {

  public Bytes32 txHash() {
    return exitData.txHash();
  }

  public Transaction tx() {
    return exitData.tx();
  }

  /** The output input {@code i} spends. */
  public Output spentOutput(int i) {
    return exitData.input(i);
  }

  public int inputCount() {
    return tx().inputs().size();
  }
}
