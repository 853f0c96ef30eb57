package org.plasma4j.watcher.validation;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rlp.RlpReader;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * A downloaded block body that provably is the committed block: its transactions' txBytes hash to
 * the root from BlockSubmitted. Each transaction is decoded strictly; one that breaks a format rule
 * stays in the list as a rejection (its txBytes still count for the root).
 */
public record DecodedBlock(
    long blkNum, List<byte[]> txBytes, List<TxResult<SignedTransaction>> decoded, MerkleTree tree) {

  /** Why a body cannot be the committed block; the watcher keeps asking for the real one. */
  public record Unverifiable(String error, String detail) {}

  /** Either a verified body or why not. */
  public record Check(DecodedBlock block, Unverifiable problem) {
    public boolean verified() {
      return block != null;
    }
  }

  public static Check check(long blkNum, List<Bytes> rawTxs, Bytes32 committedRoot) {
    if (rawTxs.size() > MerkleTree.CAPACITY) {
      return fail("mismatched_root", rawTxs.size() + " transactions do not fit a block");
    }
    List<byte[]> txBytes = new ArrayList<>(rawTxs.size());
    List<TxResult<SignedTransaction>> decoded = new ArrayList<>(rawTxs.size());
    for (int i = 0; i < rawTxs.size(); i++) {
      byte[] raw = rawTxs.get(i).toArray();
      TxResult<SignedTransaction> d = TransactionDecoder.decodeSigned(raw);
      byte[] leaf = d.isOk() ? d.value().txBytes() : unsignedPart(raw);
      if (leaf == null) {
        return fail("malformed_tx", "transaction " + i + ": " + d.rejection() + " " + d.detail());
      }
      txBytes.add(leaf);
      decoded.add(d);
    }
    MerkleTree tree = MerkleTree.build(txBytes);
    if (!tree.root().equals(committedRoot)) {
      return fail(
          "mismatched_root", "body root " + tree.root() + " is not the committed " + committedRoot);
    }
    return new Check(new DecodedBlock(blkNum, txBytes, decoded, tree), null);
  }

  /** The first item of RLP([tx, signatures, domain]) of a transaction that broke a later rule. */
  private static byte[] unsignedPart(byte[] raw) {
    try {
      return RlpReader.of(raw).readList().readRaw();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Check fail(String error, String detail) {
    return new Check(null, new Unverifiable(error, detail));
  }
}
