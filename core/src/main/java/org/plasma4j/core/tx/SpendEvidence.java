package org.plasma4j.core.tx;

import java.util.Optional;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.rlp.RlpReader;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;

/**
 * What challengeStandardExit reads of a signed record RLP([tx, signatures, domain]): the txBytes,
 * decoded by the rules the exit game decodes them with, which input is the challenged output, and
 * that input's one signature. The rest of the envelope (the other signatures, their count, the
 * domain field, the record's size) is no part of a challenge, so a record flawed only there still
 * proves the spend on the root chain and must yield its challenge.
 *
 * @param txBytes the spend's unsigned encoding, as the exit game hashes and decodes it
 * @param inputIndex where the challenged output is among the spend's inputs
 * @param signature that input's signature, 65 bytes in the canonical form the contracts accept
 */
public record SpendEvidence(Bytes txBytes, Transaction tx, int inputIndex, Signature signature) {

  /**
   * The evidence {@code signed} holds against an exit of {@code input}; empty where the exit game
   * would refuse it: txBytes it cannot decode, {@code input} not among the inputs, or the input's
   * signature missing, not 65 bytes, with no canonical form, or the envelope unreadable up to it. A
   * signature in another form of the same key's signature (high s, a 0/1 recovery id) is given in
   * its canonical form.
   */
  public static Optional<SpendEvidence> of(byte[] signed, OutputPosition input) {
    try {
      RlpReader top = RlpReader.of(signed).readList();
      byte[] txBytes = top.readRaw();
      TxResult<Transaction> decoded = TransactionDecoder.decodeTransaction(txBytes);
      if (!decoded.isOk()) {
        return Optional.empty();
      }
      int index = decoded.value().inputs().indexOf(input);
      if (index < 0 || !top.hasNext()) {
        return Optional.empty();
      }
      RlpReader signatures = top.readList();
      for (int i = 0; i < index && signatures.hasNext(); i++) {
        signatures.readRaw();
      }
      if (!signatures.hasNext()) {
        return Optional.empty();
      }
      // a high s or a 0/1 recovery id is the same signature: anyone brings it to the accepted form
      return new Signature(Bytes.wrap(signatures.readBytes(Signature.LENGTH)))
          .canonicalForm()
          .map(sig -> new SpendEvidence(Bytes.wrap(txBytes), decoded.value(), index, sig));
    } catch (RuntimeException e) {
      // an RLP or shape error before the input's signature: the record proves nothing
      return Optional.empty();
    }
  }

  /** Whether the signature recovers to {@code owner} over the spend's EIP-712 digest. */
  public boolean signedBy(Address owner, Domain domain) {
    return Secp256k1.recover(Eip712.digest(tx, domain), signature)
        .filter(owner::equals)
        .isPresent();
  }
}
