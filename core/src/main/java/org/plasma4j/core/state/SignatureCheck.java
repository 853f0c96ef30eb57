package org.plasma4j.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    List<Signature> signatures = stx.signatures();
    if (signatures.size() != stx.tx().inputs().size()) {
      return TxResult.rejected(
          TxRejection.WRONG_SIGNATURE_COUNT,
          signatures.size() + " signatures for " + stx.tx().inputs().size() + " inputs");
    }
    byte[] digest = stx.signingDigest();
    List<Address> signers = new ArrayList<>(signatures.size());
    for (int i = 0; i < signatures.size(); i++) {
      Signature sig = signatures.get(i);
      if (!sig.isCanonical()) {
        return TxResult.rejected(
            TxRejection.MALLEABLE_SIGNATURE, "signature " + i + " has high s or v not 27/28");
      }
      Optional<Address> signer = Secp256k1.recover(digest, sig);
      if (signer.isEmpty()) {
        return TxResult.rejected(
            TxRejection.INVALID_SIGNATURE, "signature " + i + " recovers to no key");
      }
      signers.add(signer.get());
    }
    return TxResult.ok(signers);
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
    byte[] digest = null;
    for (int i = 0; i < n; i++) {
      Signature sig = signatures.get(i);
      if (!sig.isCanonical()) {
        recovered.add(Optional.empty());
        continue;
      }
      digest = digest == null ? stx.signingDigest() : digest;
      recovered.add(Secp256k1.recover(digest, sig));
    }
    return recovered;
  }

  /**
   * {@link #recoverSigners}'s verdict, the same rejection for the same signature, from what
   * {@link #recoverEach} recovered for this transaction.
   */
  public static TxResult<List<Address>> signers(
      SignedTransaction stx, List<Optional<Address>> recovered) {
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
      Optional<Address> signer = recovered.get(i);
      if (signer.isEmpty()) {
        return TxResult.rejected(
            TxRejection.INVALID_SIGNATURE, "signature " + i + " recovers to no key");
      }
      signers.add(signer.get());
    }
    return TxResult.ok(signers);
  }
}
