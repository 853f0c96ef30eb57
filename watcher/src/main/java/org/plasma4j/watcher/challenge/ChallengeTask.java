package org.plasma4j.watcher.challenge;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.exit.ChallengeData;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.types.Bytes;

/**
 * A root-chain call the watcher can make against a dishonest exit, with every argument it needs
 * (the ABI of docs/protocol.md and docs/contracts.md). {@code key} names the task so it is sent
 * once.
 */
public sealed interface ChallengeTask {

  String key();

  /** challengeStandardExit: the exiting output was spent by a tx its owner signed. */
  record StandardExitChallenge(ChallengeData data) implements ChallengeTask {
    @Override
    public String key() {
      return "exit:" + data.position();
    }
  }

  /** challengeMassExitOutput: one leaf of a mass exit was spent. */
  record MassExitLeafChallenge(
      BigInteger batchId,
      List<MassExitLeaf> leaves,
      int leafIndex,
      Bytes spendingTx,
      int spendingInputIndex,
      Signature signature)
      implements ChallengeTask {
    public MassExitLeafChallenge {
      leaves = List.copyOf(leaves);
    }

    @Override
    public String key() {
      return "mass:" + batchId + ":" + leafIndex;
    }
  }

  /**
   * challengeInFlightExitNotCanonical; {@code competingTxPosition} 0 (and empty proof) if not
   * included.
   */
  record IfeCanonicityChallenge(
      BigInteger ifeId,
      Bytes inFlightTx,
      int inputIndex,
      Bytes competingTx,
      int competingInputIndex,
      long competingTxPosition,
      Bytes competingTxProof,
      long competingTxTimestamp,
      Signature competingTxSignature)
      implements ChallengeTask {
    @Override
    public String key() {
      return "ife:" + ifeId + ":competitor:" + competingTxPosition;
    }
  }

  /** respondToNonCanonicalChallenge: the in-flight tx is included before every competitor. */
  record IfeCanonicityResponse(
      BigInteger ifeId,
      Bytes inFlightTx,
      long inFlightTxPosition,
      Bytes proof,
      long timestamp,
      long challengeL1Block)
      implements ChallengeTask {
    @Override
    public String key() {
      return "ife:" + ifeId + ":respond:" + challengeL1Block;
    }
  }

  /** challengeInFlightExitInputSpent. */
  record PiggybackInputChallenge(
      BigInteger ifeId,
      Bytes inFlightTx,
      int inputIndex,
      Bytes spendingTx,
      int spendingInputIndex,
      Signature signature)
      implements ChallengeTask {
    @Override
    public String key() {
      return "ife:" + ifeId + ":in:" + inputIndex;
    }
  }

  /** challengeInFlightExitOutputSpent. */
  record PiggybackOutputChallenge(
      BigInteger ifeId,
      Bytes inFlightTx,
      int outputIndex,
      long inFlightTxPosition,
      Bytes inFlightTxProof,
      long inFlightTxTimestamp,
      Bytes spendingTx,
      int spendingInputIndex,
      Signature signature)
      implements ChallengeTask {
    @Override
    public String key() {
      return "ife:" + ifeId + ":out:" + outputIndex;
    }
  }
}
