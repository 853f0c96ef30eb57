package org.plasma4j.watcher.challenge;

import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.L1TxStatus;
import org.plasma4j.watcher.challenge.ChallengeTask.IfeCanonicityChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.IfeCanonicityResponse;
import org.plasma4j.watcher.challenge.ChallengeTask.MassExitLeafChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.PiggybackInputChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.PiggybackOutputChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.StandardExitChallenge;

/**
 * The watcher's hands on the root chain: each method commits (where the game pays a bond to the
 * caller), reveals at least one block later and returns once the reveal is mined; it throws if the
 * chain refused. The bond goes to {@link #address()}.
 */
public interface ExitChallenger {

  Address address();

  void challenge(StandardExitChallenge c);

  void challenge(MassExitLeafChallenge c);

  void challenge(IfeCanonicityChallenge c);

  void respond(IfeCanonicityResponse r);

  void challenge(PiggybackInputChallenge c);

  void challenge(PiggybackOutputChallenge c);

  /**
   * Runs {@code task} and returns the hashes of the transactions it sent, oldest first (empty if
   * this challenger cannot tell): the watcher stores them to find out later whether a reorg dropped
   * them.
   */
  default java.util.List<String> send(ChallengeTask task) {
    run(task);
    return java.util.List.of();
  }

  /**
   * Where {@code txHash} stands on the root chain: mined (applied or reverted), pending or unknown.
   */
  default L1TxStatus status(String txHash) {
    return new L1TxStatus.Unknown();
  }

  /** Runs whichever call the task is. */
  default void run(ChallengeTask task) {
    switch (task) {
      case StandardExitChallenge c -> challenge(c);
      case MassExitLeafChallenge c -> challenge(c);
      case IfeCanonicityChallenge c -> challenge(c);
      case IfeCanonicityResponse r -> respond(r);
      case PiggybackInputChallenge c -> challenge(c);
      case PiggybackOutputChallenge c -> challenge(c);
    }
  }
}
