package org.plasma4j.core.exit;

import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Abi;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The one identity of an output that every exit game flags when it pays it (docs/protocol.md 5.4,
 * contracts/src/lib/OutputKey.sol). Outputs of transactions with inputs are keyed by their
 * transaction, so a standard, mass or in-flight exit of the same output all hit the same key;
 * transactions without inputs (deposits, fee transactions) can repeat byte for byte, so their
 * outputs are keyed by position.
 */
public final class OutputKey {
  private OutputKey() {}

  /**
   * bytes32(position) for transactions without inputs, else keccak256(abi.encode(keccak256(tx),
   * index)).
   */
  public static Bytes32 of(Transaction tx, OutputPosition position) {
    if (tx.inputs().isEmpty()) {
      return Bytes32.ofUint(position.encode());
    }
    return ofTxHash(tx.hash(), position.outputIndex());
  }

  /** The key of output {@code outputIndex} of a transaction with inputs, from its hash. */
  public static Bytes32 ofTxHash(Bytes32 txHash, int outputIndex) {
    return new Bytes32(Keccak256.hashConcat(txHash.value(), Abi.word(outputIndex)));
  }
}
