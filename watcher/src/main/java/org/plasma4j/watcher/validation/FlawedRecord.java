package org.plasma4j.watcher.validation;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.SpendEvidence;
import org.plasma4j.core.tx.Transaction;

/**
 * A signed record that broke a rule outside its txBytes, read as the exit games read it: the
 * txBytes, and each input's signature on its own.
 */
final class FlawedRecord {

  /** Stands for a signature a flawed record does not carry in a form the exit games accept. */
  static final Signature NO_SIGNATURE = new Signature(new byte[Signature.LENGTH]);

  private FlawedRecord() {}

  /** The spend the exit games see in {@code record}: {@code tx} and each input's signature. */
  static SignedTransaction asTheGamesRead(Transaction tx, byte[] record, Domain domain) {
    List<Signature> signatures = new ArrayList<>(tx.inputs().size());
    for (int j = 0; j < tx.inputs().size(); j++) {
      signatures.add(SpendEvidence.of(record, tx.inputs().get(j))
          .map(SpendEvidence::signature)
          .orElse(NO_SIGNATURE));
    }
    return SignedTransaction.of(tx, signatures, domain);
  }
}
