package org.plasma4j.operator.ledger;

import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.state.SignatureCheck;
import org.plasma4j.core.state.TransactionValidator;
import org.plasma4j.core.state.UtxoView;
import org.plasma4j.core.state.ValidationResult;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TxResult;

/**
 * The core's rules split where the pipeline splits: signature recovery (stateless, costly) runs in
 * parallel on request threads; the stateful check runs on the single writer against the UTXO set.
 */
public final class TxValidation {

  private final Domain domain;
  private final FeeSchedule fees;

  public TxValidation(Domain domain, FeeSchedule fees) {
    this.domain = domain;
    this.fees = fees;
  }

  public Domain domain() {
    return domain;
  }

  public FeeSchedule fees() {
    return fees;
  }

  public TxResult<VerifiedTx> stateless(SignedTransaction tx) {
    var signers = SignatureCheck.recoverSigners(tx);
    return signers.isOk()
        ? TxResult.ok(new VerifiedTx(tx, signers.value()))
        : TxResult.rejected(signers.rejection(), signers.detail());
  }

  public ValidationResult stateful(VerifiedTx tx, UtxoView utxos) {
    return TransactionValidator.validate(tx.tx(), tx.signers(), utxos, fees, domain);
  }

  /** For a transaction already accepted: the same domain and the same owners' signatures. */
  public ValidationResult authorizeResend(VerifiedTx tx, UtxoView utxos) {
    return TransactionValidator.authorizeResend(tx.tx(), tx.signers(), utxos, domain);
  }
}
