package org.plasma4j.guardian;

import java.util.List;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Bytes32;

/**
 * A payment one of the guardian's keys signed and the operator accepted, with what an in-flight exit
 * of it needs that only the operator could otherwise give: the transactions that created its inputs,
 * their inclusion proofs and block timestamps, captured when it was sent.
 *
 * @param inputs exit data of each input, in the transaction's input order
 * @param sentAtMillis wall-clock time the operator accepted it
 */
public record InFlightTx(SignedTransaction signed, List<StandardExitData> inputs, long sentAtMillis) {

  public InFlightTx {
    inputs = List.copyOf(inputs);
    if (inputs.size() != signed.tx().inputs().size()) {
      throw new IllegalArgumentException(
          "one exit data per input: " + signed.tx().inputs().size() + " inputs, " + inputs.size() + " given");
    }
    for (int i = 0; i < inputs.size(); i++) {
      if (!inputs.get(i).position().equals(signed.tx().inputs().get(i))) {
        throw new IllegalArgumentException("exit data " + i + " is not for input " + signed.tx().inputs().get(i));
      }
    }
  }

  public Bytes32 txHash() {
    return signed.txHash();
  }

  public Transaction tx() {
    return signed.tx();
  }

  /** The output input {@code i} spends, read from the transaction that created it. */
  public Output spentOutput(int i) {
    StandardExitData in = inputs.get(i);
    Transaction creating = TransactionDecoder.decodeTransaction(in.txBytes().toArray()).orElseThrow();
    return creating.outputs().get(in.position().outputIndex());
  }
}
