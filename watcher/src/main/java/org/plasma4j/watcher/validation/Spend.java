package org.plasma4j.watcher.validation;

import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * A transaction in a known block that spends an output with its owner's valid signature: enough to
 * challenge any exit of that output, whether or not the transaction itself was valid.
 *
 * <p>It names the spending transaction by its block and index and reads it back from the block's
 * signed records only when evidence is asked for: every spend of the chain's history is kept, and a
 * decoded transaction held for each cost the watcher about a kilobyte of heap per payment.
 */
public final class Spend {

  private final OutputPosition spent;
  private final ChildLedger.Body body;
  private final int txIndex;
  private final int inputIndex;
  private final Bytes32 txHash;
  /**
   * The domain a flawed record's signatures are read under, one input at a time as the exit games
   * read them; null for a record that decoded whole, which is read back as it is.
   */
  private final Domain readInputByInput;

  Spend(
      OutputPosition spent,
      ChildLedger.Body body,
      int txIndex,
      int inputIndex,
      Bytes32 txHash,
      Domain readInputByInput) {
    this.spent = spent;
    this.body = body;
    this.txIndex = txIndex;
    this.inputIndex = inputIndex;
    this.txHash = txHash;
    this.readInputByInput = readInputByInput;
  }

  public OutputPosition spent() {
    return spent;
  }

  public long blkNum() {
    return body.blkNum();
  }

  public int txIndex() {
    return txIndex;
  }

  public int inputIndex() {
    return inputIndex;
  }

  /** keccak256 of the spending transaction's txBytes. */
  public Bytes32 txHash() {
    return txHash;
  }

  /**
   * The spending transaction as the exit games see it: its txBytes and the signatures they accept.
   */
  public SignedTransaction tx() {
    byte[] record = body.record(txIndex).toArray();
    if (readInputByInput == null) {
      return TransactionDecoder.decodeSigned(record).value();
    }
    return FlawedRecord.asTheGamesRead(
        TransactionDecoder.decodeTransaction(body.txBytes().get(txIndex)).value(),
        record,
        readInputByInput);
  }

  public Signature signature() {
    return tx().signatures().get(inputIndex);
  }

  /** Where the spending transaction sits (its output 0), as the exit games name transactions. */
  public OutputPosition txPosition() {
    return OutputPosition.of(body.blkNum(), txIndex, 0);
  }

  @Override
  public String toString() {
    return "Spend[" + spent + " by " + txPosition() + " input " + inputIndex + "]";
  }
}
