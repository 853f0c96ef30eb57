package org.plasma4j.guardian.cash;

import org.plasma4j.core.cash.CoinChallenge;
import org.plasma4j.core.cash.CoinEvidence;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * One root-chain step the coin watch takes. Every step has a journal key; a step whose key is done
 * is never taken again, so a restart repeats nothing. A challenge or a response is two steps: the
 * commitment, and the reveal at least one root-chain block after it (docs/protocol.md section 9.5).
 */
public sealed interface CoinAction {

  String key();

  long slot();

  String describe();

  /**
   * framework.commitChallenge(keccak256(abi.encode(us, slot, txHash))); txHash 0 for the origin
   * variant.
   */
  record Commit(String key, long slot, Bytes32 txHash, String purpose) implements CoinAction {
    @Override
    public String describe() {
      return "commit to " + purpose;
    }
  }

  /** The challenge the finder chose against {@code claimant}'s exit or checkpoint. */
  record RevealChallenge(
      String key, long slot, Address claimant, boolean onCheckpoint, CoinChallenge challenge)
      implements CoinAction {
    @Override
    public String describe() {
      return "challenge-"
          + challenge.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " the "
          + (onCheckpoint ? "checkpoint" : "exit") + " of coin " + Long.toUnsignedString(slot)
          + " by " + claimant;
    }
  }

  /** The answer, from our history, to a challenge-before against our own exit or checkpoint. */
  record RevealResponse(
      String key,
      long slot,
      Address claimant,
      boolean onCheckpoint,
      Bytes32 challengeTxHash,
      CoinEvidence evidence)
      implements CoinAction {
    @Override
    public String describe() {
      return "answer challenge " + challengeTxHash + " on coin " + Long.toUnsignedString(slot);
    }
  }

  /**
   * The exit of our coin, from our verified history: someone claims it through a transfer we never
   * made.
   */
  record StartExit(String key, long slot) implements CoinAction {
    @Override
    public String describe() {
      return "exit coin " + Long.toUnsignedString(slot)
          + ", which a forged or double-spent transfer claims";
    }
  }

  /**
   * Finalizes {@code claimant}'s matured exit: ours wins the coin, a still-challenged one fails.
   */
  record FinalizeExit(String key, long slot, Address claimant) implements CoinAction {
    @Override
    public String describe() {
      return "finalize the exit of coin " + Long.toUnsignedString(slot) + " by " + claimant;
    }
  }

  record FinalizeCheckpoint(String key, long slot, Address claimant) implements CoinAction {
    @Override
    public String describe() {
      return "finalize the checkpoint of coin " + Long.toUnsignedString(slot) + " by " + claimant;
    }
  }

  record Withdraw(String key, long slot) implements CoinAction {
    @Override
    public String describe() {
      return "withdraw coin " + Long.toUnsignedString(slot);
    }
  }

  /** Refunds one of our challenges that its claim's close left open (settleChallenge). */
  record Settle(
      String key, long slot, Address claimant, boolean onCheckpoint, long claimId, long index)
      implements CoinAction {
    @Override
    public String describe() {
      return "settle challenge " + index + " of claim " + claimId + " on coin "
          + Long.toUnsignedString(slot);
    }
  }

  /** The transfer hash a challenge commits to: the evidence's, or zero for the origin variant. */
  static Bytes32 committedHash(CoinChallenge challenge) {
    return challenge.evidence().map(e -> e.transfer().hash()).orElse(Bytes32.ZERO);
  }
}
