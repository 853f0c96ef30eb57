package org.plasma4j.core.tx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * RLP([tx, signatures, domain]): the wire and block-body form. Immutable; the encodings and the
 * hash are computed once, because the operator hashes, stores and serves the same transaction many
 * times. (A class rather than a record so that it can keep those derived values.)
 */
public final class SignedTransaction {
  /** Larger signed transactions are refused (PAYLOAD_TOO_LARGE). */
  public static final int MAX_ENCODED_SIZE = 2048;

  private final Transaction tx;
  private final List<Signature> signatures;
  private final Domain domain;
  private final byte[] txBytes;
  private final byte[] encoded;
  private final Bytes32 txHash;
  /**
   * Derived on first use and kept: the operator computes them once, in parallel, before its single
   * writer needs them (records with final fields, so a racing first use is harmless).
   */
  private Bytes32 signingDigest;

  private Bytes32 leafHash;

  SignedTransaction(
      Transaction tx, List<Signature> signatures, Domain domain, byte[] txBytes, byte[] encoded) {
    this.tx = tx;
    this.signatures = List.copyOf(signatures);
    this.domain = domain;
    this.txBytes = txBytes;
    this.encoded = encoded;
    this.txHash = new Bytes32(Keccak256.hash(txBytes));
  }

  public static SignedTransaction of(Transaction tx, List<Signature> signatures, Domain domain) {
    Objects.requireNonNull(domain, "domain");
    byte[] txBytes = tx.encode();
    List<byte[]> sigs = new ArrayList<>(signatures.size());
    for (Signature s : signatures) {
      sigs.add(Rlp.encodeBytes(s.value()));
    }
    byte[] encodedDomain = Rlp.encodeList(
        Rlp.encodeUint(domain.chainId()),
        Rlp.encodeBytes(domain.verifyingContract().value()));
    byte[] encoded = Rlp.encodeList(txBytes, Rlp.encodeList(sigs), encodedDomain);
    return new SignedTransaction(tx, signatures, domain, txBytes, encoded);
  }

  public Transaction tx() {
    return tx;
  }

  public List<Signature> signatures() {
    return signatures;
  }

  public Domain domain() {
    return domain;
  }

  /** The canonical unsigned encoding (Merkle leaf preimage). */
  public byte[] txBytes() {
    return txBytes.clone();
  }

  /** The canonical signed encoding (wire and block-body form). */
  public byte[] encode() {
    return encoded.clone();
  }

  public Bytes encoded() {
    return Bytes.wrap(encoded.clone());
  }

  public int encodedLength() {
    return encoded.length;
  }

  public Bytes32 txHash() {
    return txHash;
  }

  /** The EIP-712 digest each signature must sign. */
  public byte[] signingDigest() {
    return signingDigest32().value();
  }

  /** The EIP-712 digest, computed once per transaction. */
  public Bytes32 signingDigest32() {
    Bytes32 d = signingDigest;
    if (d == null) {
      d = new Bytes32(Eip712.digest(tx, domain));
      signingDigest = d;
    }
    return d;
  }

  /** The Merkle leaf keccak256(0x00 ‖ txBytes) (docs/protocol.md section 3), computed once. */
  public Bytes32 leafHash() {
    Bytes32 l = leafHash;
    if (l == null) {
      l = MerkleTree.leafHash32(txBytes);
      leafHash = l;
    }
    return l;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedTransaction other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return txHash.hashCode();
  }

  @Override
  public String toString() {
    return "SignedTransaction[" + txHash + "]";
  }
}
