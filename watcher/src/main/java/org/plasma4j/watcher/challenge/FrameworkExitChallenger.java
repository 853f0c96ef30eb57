package org.plasma4j.watcher.challenge;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.exit.ChallengeData;
import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.MassExitClient;
import org.plasma4j.rootchain.Web3jRootChain.RootChainException;
import org.plasma4j.watcher.challenge.ChallengeTask.IfeCanonicityChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.IfeCanonicityResponse;
import org.plasma4j.watcher.challenge.ChallengeTask.MassExitLeafChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.PiggybackInputChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.PiggybackOutputChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.StandardExitChallenge;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * {@link ExitChallenger} over the framework with the watcher's key. Standard exits: commitChallenge,
 * then (mined, so at least one block later) challengeStandardExit. The in-flight and mass exit games
 * are reached through {@code games} when their clients are wired; without them those calls fail and
 * the runner reports it. Keeps every receipt so the bonds collected can be reconciled to the wei.
 */
public final class FrameworkExitChallenger implements ExitChallenger {

  private final FrameworkClient framework;
  private final ExitChallenger games;
  private final List<TransactionReceipt> receipts = java.util.Collections.synchronizedList(new ArrayList<>());

  /** @param games the in-flight and mass exit calls, or {@link #unsupportedGames()} */
  public FrameworkExitChallenger(FrameworkClient framework, ExitChallenger games) {
    this.framework = framework;
    this.games = games;
  }

  /** Challenges every exit game: standard exits here, in-flight and mass exits through their clients. */
  public FrameworkExitChallenger(FrameworkClient framework, InFlightExitClient ife, MassExitClient mass) {
    this.framework = framework;
    this.games = new GameClientsChallenger(ife, mass, receipts::add);
  }

  @Override
  public Address address() {
    return framework.address();
  }

  @Override
  public void challenge(StandardExitChallenge c) {
    ChallengeData d = c.data();
    try {
      receipts.add(framework.commitChallenge(d.commitment(address())));
    } catch (RootChainException e) {
      // a commitment left by an earlier attempt whose reveal failed is still good: reveal it
      if (!String.valueOf(e.getMessage()).contains("AlreadyCommitted")) {
        throw e;
      }
    }
    receipts.add(framework.challengeStandardExit(
        d.position().encode(), d.spendingTxBytes().toArray(), d.inputIndex(), d.signature().value()));
  }

  @Override
  public void challenge(MassExitLeafChallenge c) {
    games.challenge(c);
  }

  @Override
  public void challenge(IfeCanonicityChallenge c) {
    games.challenge(c);
  }

  @Override
  public void respond(IfeCanonicityResponse r) {
    games.respond(r);
  }

  @Override
  public void challenge(PiggybackInputChallenge c) {
    games.challenge(c);
  }

  @Override
  public void challenge(PiggybackOutputChallenge c) {
    games.challenge(c);
  }

  /** Receipts of every transaction this challenger sent, in order. */
  public List<TransactionReceipt> receipts() {
    return List.copyOf(receipts);
  }

  /** Stands in for the exit-game clients until a framework has them. */
  public static ExitChallenger unsupportedGames() {
    return new ExitChallenger() {
      @Override
      public Address address() {
        throw unsupported();
      }

      @Override
      public void challenge(StandardExitChallenge c) {
        throw unsupported();
      }

      @Override
      public void challenge(MassExitLeafChallenge c) {
        throw unsupported();
      }

      @Override
      public void challenge(IfeCanonicityChallenge c) {
        throw unsupported();
      }

      @Override
      public void respond(IfeCanonicityResponse r) {
        throw unsupported();
      }

      @Override
      public void challenge(PiggybackInputChallenge c) {
        throw unsupported();
      }

      @Override
      public void challenge(PiggybackOutputChallenge c) {
        throw unsupported();
      }

      private UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("no in-flight or mass exit game client is configured");
      }
    };
  }
}
