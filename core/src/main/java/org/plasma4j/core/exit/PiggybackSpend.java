package org.plasma4j.core.exit;

import java.math.BigInteger;
import java.util.Optional;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * A piggybacked input or output that another transaction spends: the arguments of
 * challengeInFlightExitInputSpent ({@code output == false}) or challengeInFlightExitOutputSpent,
 * which also needs where the in-flight transaction is included ({@code inFlightInclusion}).
 */
public record PiggybackSpend(
    boolean output,
    int index,
    SignedTransaction spendingTx,
    int spendingInputIndex,
    Optional<Inclusion> inFlightInclusion) {
  public PiggybackSpend {
    if (output && inFlightInclusion.isEmpty()) {
      throw new IllegalArgumentException(
          "an output is spent only once its transaction is included");
    }
  }

  public Bytes spendingTxBytes() {
    return Bytes.wrap(spendingTx.txBytes());
  }

  public Signature signature() {
    return spendingTx.signatures().get(spendingInputIndex);
  }

  /** keccak256(abi.encode(challenger, ifeId, keccak256(spendingTx))). */
  public Bytes32 commitment(Address challenger, BigInteger ifeId) {
    return ExitGameCommitments.withTx(challenger, ifeId, spendingTxBytes());
  }
}
