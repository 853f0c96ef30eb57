package org.plasma4j.watcher.validation;

import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.OutputPosition;

/**
 * A transaction in a known block that spends an output with its owner's valid signature: enough to
 * challenge any exit of that output, whether or not the transaction itself was valid.
 */
public record Spend(
    OutputPosition spent, long blkNum, int txIndex, SignedTransaction tx, int inputIndex) {

  public Signature signature() {
    return tx.signatures().get(inputIndex);
  }

  /** Where the spending transaction sits (its output 0), as the exit games name transactions. */
  public OutputPosition txPosition() {
    return OutputPosition.of(blkNum, txIndex, 0);
  }
}
