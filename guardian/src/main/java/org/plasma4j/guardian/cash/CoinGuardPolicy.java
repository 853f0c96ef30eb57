package org.plasma4j.guardian.cash;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.core.cash.CoinChallenge;
import org.plasma4j.core.cash.CoinChallengeFinder;
import org.plasma4j.core.cash.CoinEvidence;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.guardian.cash.WatchedCoin.ObservedClaim;
import org.plasma4j.guardian.cash.WatchedCoin.OpenChallenge;
import org.plasma4j.guardian.cash.WatchedCoin.OwnFiling;

/**
 * What the coin watch does about the wallet's coins (docs/guardian.md, coin watch). Pure: from what
 * it sees and what the journal says is done, the steps to take now.
 *
 * <ul>
 *   <li>someone else's exit or checkpoint on our coin that our history refutes: the challenge
 *       CoinChallengeFinder picks (after, between, before, before-from-origin), committed, then
 *       revealed in a later root-chain block;
 *   <li>if that claim descends from a transfer the operator should never have included (a double
 *       spend or a forgery: between, before, before-from-origin), our own exit of the coin from our
 *       verified history, beside the thief's claim: claims run side by side, so nothing the thief
 *       filed first stands in its way;
 *   <li>a challenge-before against our own exit or checkpoint: the answer from our history, the
 *       same way;
 *   <li>our own matured exit or checkpoint: finalize it; our exited coin: withdraw it;
 *   <li>a claim our open challenge still stands against, once mature: finalize it (it fails and
 *       refunds our bond), even after the coin left the wallet; a challenge of ours its close left
 *       open: settle it.
 * </ul>
 */
public final class CoinGuardPolicy {

  /** Failed attempts after which a step is given up (and reported). */
  public static final int MAX_ATTEMPTS = 5;

  private final Address us;

  public CoinGuardPolicy(Address us) {
    this.us = us;
  }

  /**
   * @param filings our challenges still open, on any coin
   * @param l1Head the root chain's latest block: a reveal goes out only once its commitment is
   *     older
   * @param l1Timestamp the latest block's time: a claim is final once it reaches exitableAt
   */
  public List<CoinAction> decide(
      List<WatchedCoin> coins,
      List<OwnFiling> filings,
      CoinJournal journal,
      long l1Head,
      long l1Timestamp) {
    Map<String, CoinAction> actions = new LinkedHashMap<>();
    for (WatchedCoin coin : coins) {
      boolean stolen = false;
      for (ObservedClaim c : coin.claims()) {
        stolen |= claim(coin, c, journal, l1Head, l1Timestamp, actions);
      }
      if (stolen && coin.state() < WatchedCoin.EXITED && !coin.exitPendingBy(us)) {
        add(
            actions,
            journal,
            new CoinAction.StartExit(
                Long.toUnsignedString(coin.slot()) + ":own-exit", coin.slot()));
      }
      if (coin.state() == WatchedCoin.EXITED && coin.exitedOwner().equals(us)) {
        add(
            actions,
            journal,
            new CoinAction.Withdraw("withdraw:" + Long.toUnsignedString(coin.slot()), coin.slot()));
      }
    }
    for (OwnFiling f : filings) {
      if (!f.claimPending()) {
        add(
            actions,
            journal,
            new CoinAction.Settle(
                f.claimKey() + ":settle-" + f.index(),
                f.slot(),
                f.claimant(),
                f.onCheckpoint(),
                f.claimId(),
                f.index()));
      } else if (l1Timestamp >= f.exitableAt()) {
        // a claim still challenged at maturity fails: make it so, which refunds our bond
        add(actions, journal, finalize(f.claimKey(), f.slot(), f.claimant(), f.onCheckpoint()));
      }
    }
    return List.copyOf(actions.values());
  }

  /**
   * Acts on one claim of our coin; true if it is someone else's claim through a transfer never
   * validly made.
   */
  private boolean claim(
      WatchedCoin coin,
      ObservedClaim c,
      CoinJournal journal,
      long l1Head,
      long l1Timestamp,
      Map<String, CoinAction> actions) {
    boolean onCheckpoint = c.claim().checkpoint();
    Address claimant = c.claim().owner();
    if (!claimant.equals(us)) {
      CoinChallenge challenge = CoinChallengeFinder.find(coin.origin(), coin.history(), c.claim());
      if (challenge.kind() == CoinChallenge.Kind.NONE) {
        return false;
      }
      Bytes32 hash = CoinAction.committedHash(challenge);
      twoSteps(
          actions,
          journal,
          l1Head,
          commit(coin.slot(), hash, "challenge coin " + Long.toUnsignedString(coin.slot())),
          new CoinAction.RevealChallenge(
              c.key() + ":challenge-" + challenge.kind(),
              coin.slot(),
              claimant,
              onCheckpoint,
              challenge));
      // a stale claim of an earlier owner is refuted after; anything else rests on a transfer an
      // honest
      // operator never includes, and the coin is safe only once out
      return challenge.kind() != CoinChallenge.Kind.AFTER;
    }
    for (OpenChallenge open : c.openChallenges()) {
      Optional<CoinEvidence> answer = CoinChallengeFinder.respond(
          coin.origin(),
          coin.history(),
          open.claimedOwner(),
          open.blk(),
          c.claim().prevBlock());
      if (answer.isPresent()) {
        twoSteps(
            actions,
            journal,
            l1Head,
            commit(
                coin.slot(),
                answer.get().transfer().hash(),
                "answer a challenge on coin " + Long.toUnsignedString(coin.slot())),
            new CoinAction.RevealResponse(
                c.key() + ":respond@" + open.blk(),
                coin.slot(),
                us,
                onCheckpoint,
                open.challengeTxHash(),
                answer.get()));
      }
    }
    if (l1Timestamp >= c.exitableAt() && c.openChallenges().isEmpty()) {
      add(
          actions,
          journal,
          finalize(
              c.key(), coin.slot(), us, onCheckpoint)); // only once every challenge is answered
    }
    return false;
  }

  /**
   * A commitment is named by what it commits to, not by the claim it is for: it stays valid once
   * mined and the framework takes it only once, so the same evidence filed against a later claim
   * reuses it.
   */
  private static CoinAction.Commit commit(long slot, Bytes32 txHash, String purpose) {
    return new CoinAction.Commit(
        Long.toUnsignedString(slot) + ":commit-" + txHash, slot, txHash, purpose);
  }

  private static CoinAction finalize(
      String claimKey, long slot, Address claimant, boolean checkpoint) {
    return checkpoint
        ? new CoinAction.FinalizeCheckpoint(claimKey + ":finalize", slot, claimant)
        : new CoinAction.FinalizeExit(claimKey + ":finalize", slot, claimant);
  }

  /**
   * The commitment first; the reveal once the commitment is mined at or below the head, so the
   * reveal (sent after it) lands in a later block, as the game requires.
   */
  private static void twoSteps(
      Map<String, CoinAction> actions,
      CoinJournal journal,
      long l1Head,
      CoinAction commit,
      CoinAction reveal) {
    if (!journal.isDone(commit.key())) {
      add(actions, journal, commit);
    } else if (journal.doneAt(commit.key()) <= l1Head) {
      add(actions, journal, reveal);
    }
  }

  private static void add(Map<String, CoinAction> actions, CoinJournal journal, CoinAction action) {
    if (journal.mayAttempt(action.key(), MAX_ATTEMPTS)) {
      actions.putIfAbsent(action.key(), action);
    }
  }
}
