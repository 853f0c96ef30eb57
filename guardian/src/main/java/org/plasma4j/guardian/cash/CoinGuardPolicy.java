package org.plasma4j.guardian.cash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.cash.CoinChallenge;
import org.plasma4j.core.cash.CoinChallengeFinder;
import org.plasma4j.core.cash.CoinEvidence;
import org.plasma4j.core.types.Address;
import org.plasma4j.guardian.cash.WatchedCoin.ObservedClaim;
import org.plasma4j.guardian.cash.WatchedCoin.OpenChallenge;

/**
 * What the coin watch does about the wallet's coins (docs/guardian.md, coin watch). Pure: from what
 * it sees and what the journal says is done, the steps to take now.
 * <ul>
 *   <li>someone else's exit or checkpoint on our coin that our history refutes: the challenge
 *       CoinChallengeFinder picks (after, between, before, before-from-origin), committed, then
 *       revealed in a later root-chain block;
 *   <li>a challenge-before against our own exit or checkpoint: the answer from our history, the same
 *       way;
 *   <li>our own matured exit or checkpoint: finalize it; our exited coin: withdraw it.
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
   * @param l1Head the root chain's latest block: a reveal goes out only once its commitment is older
   * @param l1Timestamp the latest block's time: a claim is final once it reaches exitableAt
   */
  public List<CoinAction> decide(List<WatchedCoin> coins, CoinJournal journal, long l1Head, long l1Timestamp) {
    List<CoinAction> actions = new ArrayList<>();
    for (WatchedCoin coin : coins) {
      coin.exit().ifPresent(c -> claim(coin, c, journal, l1Head, l1Timestamp, actions));
      coin.checkpoint().ifPresent(c -> claim(coin, c, journal, l1Head, l1Timestamp, actions));
      if (coin.state() == WatchedCoin.EXITED && coin.exitedOwner().equals(us)) {
        add(actions, journal, new CoinAction.Withdraw("withdraw:" + Long.toUnsignedString(coin.slot()), coin.slot()));
      }
    }
    return List.copyOf(actions);
  }

  private void claim(WatchedCoin coin, ObservedClaim c, CoinJournal journal, long l1Head, long l1Timestamp,
      List<CoinAction> actions) {
    boolean onCheckpoint = c.claim().checkpoint();
    if (!c.claim().owner().equals(us)) {
      CoinChallenge challenge = CoinChallengeFinder.find(coin.origin(), coin.history(), c.claim());
      if (challenge.kind() != CoinChallenge.Kind.NONE) {
        String key = c.key() + ":challenge-" + challenge.kind();
        twoSteps(actions, journal, l1Head, new CoinAction.Commit(key + ":commit", coin.slot(),
                CoinAction.committedHash(challenge), "challenge coin " + Long.toUnsignedString(coin.slot())),
            new CoinAction.RevealChallenge(key + ":reveal", coin.slot(), onCheckpoint, challenge));
      }
      if (l1Timestamp >= c.exitableAt() && !c.openChallenges().isEmpty()) {
        add(actions, journal, finalize(c)); // a claim still challenged at maturity fails: make it so
      }
      return;
    }
    for (OpenChallenge open : c.openChallenges()) {
      Optional<CoinEvidence> answer = CoinChallengeFinder.respond(coin.origin(), coin.history(), open.claimedOwner(),
          open.blk(), c.claim().prevBlock());
      if (answer.isPresent()) {
        String key = c.key() + ":respond-" + open.challengeTxHash();
        twoSteps(actions, journal, l1Head, new CoinAction.Commit(key + ":commit", coin.slot(),
                answer.get().transfer().hash(), "answer a challenge on coin " + Long.toUnsignedString(coin.slot())),
            new CoinAction.RevealResponse(key + ":reveal", coin.slot(), onCheckpoint, open.challengeTxHash(),
                answer.get()));
      }
    }
    if (l1Timestamp >= c.exitableAt() && c.openChallenges().isEmpty()) {
      add(actions, journal, finalize(c)); // only once every challenge is answered, or the exit would fail
    }
  }

  private static CoinAction finalize(ObservedClaim c) {
    long slot = c.claim().slot();
    return c.claim().checkpoint() ? new CoinAction.FinalizeCheckpoint(c.key() + ":finalize", slot)
        : new CoinAction.FinalizeExit(c.key() + ":finalize", slot);
  }

  /**
   * The commitment first; the reveal once the commitment is mined at or below the head, so the reveal
   * (sent after it) lands in a later block, as the game requires.
   */
  private static void twoSteps(List<CoinAction> actions, CoinJournal journal, long l1Head, CoinAction commit,
      CoinAction reveal) {
    if (!journal.isDone(commit.key())) {
      add(actions, journal, commit);
    } else if (journal.doneAt(commit.key()) <= l1Head) {
      add(actions, journal, reveal);
    }
  }

  private static void add(List<CoinAction> actions, CoinJournal journal, CoinAction action) {
    if (journal.mayAttempt(action.key(), MAX_ATTEMPTS)) {
      actions.add(action);
    }
  }
}
