package org.plasma4j.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;

/**
 * Recovers the signers of a transaction over its EIP-712 digest for the domain it carries.
 * Stateless and the costly step (one EC recovery per input), so callers run it in parallel before
 * the sequential {@link TransactionValidator}.
 */
public final class SignatureCheck {
  private SignatureCheck() {}

  public static TxResult<List<Address>> recoverSigners(SignedTransaction stx) {
    // the digest is computed once per transaction, and only when a signature gets that far
    return judge(
        stx, i -> Secp256k1.recover(stx.signingDigest(), stx.signatures().get(i)));
  }

  /**
   * What each signature that has an input recovers to over the transaction's digest, empty where
   * the signature is not canonical or recovers to no key; signatures past the inputs are not
   * recovered, since no rule uses them. Recovering apart from judging lets a node recover a whole
   * block's signatures in parallel, once, and judge it in order with {@link #signers}.
   */
  public static List<Optional<Address>> recoverEach(SignedTransaction stx) {
    List<Signature> signatures = stx.signatures();
    int n = Math.min(signatures.size(), stx.tx().inputs().size());
    List<Optional<Address>> recovered = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Signature sig = signatures.get(i);
      recovered.add(
          sig.isCanonical() ? Secp256k1.recover(stx.signingDigest(), sig) : Optional.empty());
    }
    return recovered;
  }

  /**
   * {@link #recoverSigners}'s verdict, the same rejection for the same signature, from what
   * {@link #recoverEach} recovered for this transaction.
   */
  public static TxResult<List<Address>> signers(
      SignedTransaction stx, List<Optional<Address>> recovered) {
    return judge(stx, recovered::get);
  }

  /**
   * The one verdict over a transaction's signatures, in order, stopping at the first rejection:
   * {@code signerAt} is asked only for a canonical signature of an input, so a caller that recovers
   * lazily does no recovery a rejection makes useless.
   */
  private static TxResult<List<Address>> judge(
      SignedTransaction stx, IntFunction<Optional<Address>> signerAt) {
    List<Signature> signatures = stx.signatures();
    if (signatures.size() != stx.tx().inputs().size()) {
      return TxResult.rejected(
          TxRejection.WRONG_SIGNATURE_COUNT,
          signatures.size() + " signatures for " + stx.tx().inputs().size() + " inputs");
    }
    List<Address> signers = new ArrayList<>(signatures.size());
    for (int i = 0; i < signatures.size(); i++) {
      if (!signatures.get(i).isCanonical()) {
        return TxResult.rejected(
            TxRejection.MALLEABLE_SIGNATURE, "signature " + i + " has high s or v not 27/28");
      }
      Optional<Address> signer = signerAt.apply(i);
      if (signer.isEmpty()) {
        return TxResult.rejected(
            TxRejection.INVALID_SIGNATURE, "signature " + i + " recovers to no key");
      }
      signers.add(signer.get());
    }
    return TxResult.ok(signers);
  }
}
