package org.plasma4j.watcher.challenge;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.exit.ChallengeData;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.L1TxStatus;
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
 * {@link ExitChallenger} over the framework with the watcher's key. Standard exits:
 * commitChallenge, then (mined, so at least one block later) challengeStandardExit; the in-flight
 * and mass exit games the same way, revealed through their clients. Keeps every receipt so the
 * bonds collected can be reconciled to the wei.
 */
public final class FrameworkExitChallenger implements ExitChallenger {

  private final FrameworkClient framework;
  private final ExitChallenger games;
  private final List<TransactionReceipt> receipts =
      java.util.Collections.synchronizedList(new ArrayList<>());

  /**
   * Challenges every exit game with one key: standard exits here, in-flight and mass exits through
   * their clients. Every game reads commitments from the framework, so all commit through it.
   */
  public FrameworkExitChallenger(
      FrameworkClient framework, InFlightExitClient ife, MassExitClient mass) {
    this.framework = framework;
    this.games = new GameClientsChallenger(ife, mass, this::commit, receipts::add);
  }

  @Override
  public Address address() {
    return framework.address();
  }

  @Override
  public void challenge(StandardExitChallenge c) {
    ChallengeData d = c.data();
    commit(d.commitment(address()));
    receipts.add(framework.challengeStandardExit(
        d.position().encode(),
        d.spendingTxBytes().toArray(),
        d.inputIndex(),
        d.signature().value()));
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

  private void commit(Bytes32 commitment) {
    try {
      receipts.add(framework.commitChallenge(commitment));
    } catch (RootChainException e) {
      // a commitment left by an earlier attempt whose reveal failed is still good: reveal it
      if (!String.valueOf(e.getMessage()).contains("AlreadyCommitted")) {
        throw e;
      }
    }
  }

  @Override
  public synchronized List<String> send(ChallengeTask task) {
    int before = receipts.size();
    run(task);
    List<TransactionReceipt> all = receipts();
    return all.subList(before, all.size()).stream()
        .map(TransactionReceipt::getTransactionHash)
        .toList();
  }

  @Override
  public L1TxStatus status(String txHash) {
    return framework.txStatus(txHash);
  }

  /** Receipts of every transaction this challenger sent, in order. */
  public List<TransactionReceipt> receipts() {
    return List.copyOf(receipts);
  }
}
