package org.plasma4j.guardian.cash;

import org.plasma4j.core.cash.CoinChallenge;
import org.plasma4j.core.cash.CoinEvidence;
import org.plasma4j.core.types.Bytes32;

/**
 * One root-chain step the coin watch takes. Every step has a journal key; a step whose key is done
 * is never taken again, so a restart repeats nothing. A challenge or a response is two steps: the
 * commitment, and the reveal at least one root-chain block after it (CASH.md section 4.2).
 */
public sealed interface CoinAction {

  String key();

  long slot();

  String describe();

  /** framework.commitChallenge(keccak256(abi.encode(us, slot, txHash))); txHash 0 for the origin variant. */
  record Commit(String key, long slot, Bytes32 txHash, String purpose) implements CoinAction {
    @Override
    public String describe() {
      return "commit to " + purpose;
    }
  }

  /** The challenge the finder chose against someone else's exit or checkpoint. */
  record RevealChallenge(String key, long slot, boolean onCheckpoint, CoinChallenge challenge) implements CoinAction {
    @Override
    public String describe() {
      return "challenge-" + challenge.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " the "
          + (onCheckpoint ? "checkpoint" : "exit") + " of coin " + Long.toUnsignedString(slot);
    }
  }

  /** The answer, from our history, to a challenge-before against our own exit or checkpoint. */
  record RevealResponse(String key, long slot, boolean onCheckpoint, Bytes32 challengeTxHash, CoinEvidence evidence)
      implements CoinAction {
    @Override
    public String describe() {
      return "answer challenge " + challengeTxHash + " on coin " + Long.toUnsignedString(slot);
    }
  }

  record FinalizeExit(String key, long slot) implements CoinAction {
    @Override
    public String describe() {
      return "finalize the exit of coin " + Long.toUnsignedString(slot);
    }
  }

  record FinalizeCheckpoint(String key, long slot) implements CoinAction {
    @Override
    public String describe() {
      return "finalize the checkpoint of coin " + Long.toUnsignedString(slot);
    }
  }

  record Withdraw(String key, long slot) implements CoinAction {
    @Override
    public String describe() {
      return "withdraw coin " + Long.toUnsignedString(slot);
    }
  }

  /** The transfer hash a challenge commits to: the evidence's, or zero for the origin variant. */
  static Bytes32 committedHash(CoinChallenge challenge) {
    return challenge.evidence().map(e -> e.transfer().hash()).orElse(Bytes32.ZERO);
  }
}
