package org.plasma4j.core.tx;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;

/** Signs a transaction's EIP-712 digest for a domain, one key per input, in input order. */
public final class TransactionSigner {
  private TransactionSigner() {}

  public static SignedTransaction sign(
      Transaction tx, Domain domain, List<PrivateKey> inputOwnerKeys) {
    if (inputOwnerKeys.size() != tx.inputs().size()) {
      throw new IllegalArgumentException("one key per input: " + tx.inputs().size() + " inputs, "
          + inputOwnerKeys.size() + " keys");
    }
    byte[] digest = Eip712.digest(tx, domain);
    List<Signature> signatures = new ArrayList<>(inputOwnerKeys.size());
    for (PrivateKey key : inputOwnerKeys) {
      signatures.add(Secp256k1.sign(key, digest));
    }
    return SignedTransaction.of(tx, signatures, domain);
  }

  public static SignedTransaction sign(
      Transaction tx, Domain domain, PrivateKey... inputOwnerKeys) {
    return sign(tx, domain, List.of(inputOwnerKeys));
  }
}
