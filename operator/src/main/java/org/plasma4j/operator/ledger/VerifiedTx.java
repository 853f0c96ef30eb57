package org.plasma4j.operator.ledger;

import java.util.List;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;

/**
 * A decoded transaction whose signatures were checked and recovered off the writer thread;
 * {@code signers.get(i)} signed input {@code i}.
 */
public record VerifiedTx(SignedTransaction tx, List<Address> signers) {
  public VerifiedTx {
    signers = List.copyOf(signers);
  }
}
