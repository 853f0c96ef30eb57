package org.plasma4j.core.exit;

import java.util.Optional;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;

/** Given an exiting position and the transaction that spent it, builds the challenge. */
public final class ChallengeFinder {
  private ChallengeFinder() {}

  /**
   * Empty if {@code spendingTx} does not spend {@code position} (or lacks the matching signature).
   */
  public static Optional<ChallengeData> find(
      OutputPosition position, SignedTransaction spendingTx) {
    int inputIndex = spendingTx.tx().inputs().indexOf(position);
    if (inputIndex < 0 || inputIndex >= spendingTx.signatures().size()) {
      return Optional.empty();
    }
    return Optional.of(new ChallengeData(
        position,
        Bytes.wrap(spendingTx.txBytes()),
        inputIndex,
        spendingTx.signatures().get(inputIndex)));
  }
}
