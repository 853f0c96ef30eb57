package org.plasma4j.wallet;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.wallet.OperatorClient.Block;
import org.plasma4j.wallet.OperatorClient.TransactionStatus;

/**
 * What the root chain says of the operator's word that a transaction is in child block N. The
 * operator is trusted for liveness only: a payment is included when the framework has committed
 * block N and the operator's block N is that commitment (its root and timestamp) with the
 * transaction at the index claimed.
 */
public sealed interface Inclusion {

  TransactionStatus status();

  /** Block N is committed on the root chain and holds the transaction at its index. */
  record Committed(TransactionStatus status) implements Inclusion {}

  /** The framework has no commitment for block N (yet): only the operator says so. */
  record NotCommitted(TransactionStatus status) implements Inclusion {}

  /** Block N is committed, but the operator's block does not show the transaction in it. */
  record Disputed(TransactionStatus status, String why) implements Inclusion {}

  /** Text for a person: what is known of the transaction's block. */
  default String describe() {
    long n = status().blkNum();
    return switch (this) {
      case Committed c ->
        "included in block " + n + " at index " + c.status().txIndex()
            + " (committed on the root chain)";
      case NotCommitted c ->
        "the operator claims block " + n + ", not yet committed on the root chain";
      case Disputed d -> "the operator claims block " + n + ", but " + d.why();
    };
  }

  /**
   * Judges the operator's {@code block} against {@code commitment}, what the framework stores for
   * it ({@link Bytes32#ZERO} for none).
   */
  static Inclusion judge(TransactionStatus status, Bytes32 commitment, Block block) {
    long n = status.blkNum();
    if (commitment.equals(Bytes32.ZERO)) {
      return new NotCommitted(status);
    }
    if (block.blkNum() != n
        || !BlockCommitment.of(block.root(), block.timestamp()).equals(commitment)) {
      return new Disputed(status, "its block " + n + " is not the one the root chain committed");
    }
    if (block.transactions().size() > MerkleTree.CAPACITY) {
      return new Disputed(status, "its block " + n + " holds more transactions than a block can");
    }
    List<byte[]> leaves = new ArrayList<>();
    Bytes32 atIndex = null;
    for (int i = 0; i < block.transactions().size(); i++) {
      TxResult<SignedTransaction> tx =
          TransactionDecoder.decodeSigned(block.transactions().get(i).toArray());
      if (!tx.isOk()) {
        return new Disputed(
            status, "its block " + n + " holds an undecodable transaction at index " + i);
      }
      leaves.add(tx.value().txBytes());
      if (i == status.txIndex()) {
        atIndex = tx.value().txHash();
      }
    }
    if (!MerkleTree.build(leaves).root().equals(block.root())) {
      return new Disputed(
          status, "the transactions it serves for block " + n + " are not the committed root's");
    }
    if (!status.txHash().equals(atIndex)) {
      return new Disputed(
          status, "the committed block " + n + " does not hold it at index " + status.txIndex());
    }
    return new Committed(status);
  }
}
