package org.plasma4j.watcher.challenge;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.plasma4j.core.exit.ExitGameCommitments;
import org.plasma4j.core.exit.Inclusion;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.InFlightExitClient.CompetitorArgs;
import org.plasma4j.rootchain.MassExitClient;
import org.plasma4j.watcher.challenge.ChallengeTask.IfeCanonicityChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.IfeCanonicityResponse;
import org.plasma4j.watcher.challenge.ChallengeTask.MassExitLeafChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.PiggybackInputChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.PiggybackOutputChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.StandardExitChallenge;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The watcher's calls to the in-flight and mass exit games, over their web3j clients. Every call
 * that pays a bond to the watcher is committed first (through the framework, by the caller's
 * {@code commit}) and revealed once the commitment is mined, so a copycat replaying the reveal
 * finds no commitment.
 */
final class GameClientsChallenger implements ExitChallenger {

  private final InFlightExitClient ife;
  private final MassExitClient mass;
  private final Consumer<Bytes32> commit;
  private final Consumer<TransactionReceipt> receipts;

  /**
   * @param commit commits through the framework (a commitment left by an earlier attempt is reused)
   */
  GameClientsChallenger(
      InFlightExitClient ife,
      MassExitClient mass,
      Consumer<Bytes32> commit,
      Consumer<TransactionReceipt> receipts) {
    this.ife = ife;
    this.mass = mass;
    this.commit = commit;
    this.receipts = receipts;
  }

  @Override
  public Address address() {
    return ife.address();
  }

  @Override
  public void challenge(StandardExitChallenge c) {
    throw new IllegalStateException("standard exits are challenged through the framework client");
  }

  @Override
  public void challenge(MassExitLeafChallenge c) {
    commit.accept(ExitGameCommitments.massExitChallenge(
        address(), c.batchId(), c.leafIndex(), c.spendingTx()));
    reveal(() -> mass.revealChallenge(
        c.batchId(),
        c.leaves(),
        c.leafIndex(),
        c.spendingTx(),
        c.spendingInputIndex(),
        c.signature()));
  }

  @Override
  public void challenge(IfeCanonicityChallenge c) {
    commit.accept(ExitGameCommitments.withTx(address(), c.ifeId(), c.competingTx()));
    reveal(() -> ife.revealNotCanonical(
        c.inFlightTx(),
        new CompetitorArgs(
            c.inputIndex(),
            c.competingTx(),
            c.competingInputIndex(),
            c.competingTxPosition(),
            c.competingTxProof(),
            c.competingTxTimestamp(),
            c.competingTxSignature())));
  }

  @Override
  public void respond(IfeCanonicityResponse r) {
    commit.accept(ExitGameCommitments.response(address(), r.ifeId(), r.inFlightTxPosition()));
    reveal(() -> ife.revealResponse(
        r.inFlightTx(), inclusion(r.inFlightTxPosition(), r.proof(), r.timestamp())));
  }

  @Override
  public void challenge(PiggybackInputChallenge c) {
    commit.accept(ExitGameCommitments.withTx(address(), c.ifeId(), c.spendingTx()));
    reveal(() -> ife.revealInputSpent(
        c.inFlightTx(), c.inputIndex(), c.spendingTx(), c.spendingInputIndex(), c.signature()));
  }

  @Override
  public void challenge(PiggybackOutputChallenge c) {
    commit.accept(ExitGameCommitments.withTx(address(), c.ifeId(), c.spendingTx()));
    Inclusion at = inclusion(c.inFlightTxPosition(), c.inFlightTxProof(), c.inFlightTxTimestamp());
    reveal(() -> ife.revealOutputSpent(
        c.inFlightTx(),
        c.outputIndex(),
        at,
        c.spendingTx(),
        c.spendingInputIndex(),
        c.signature()));
  }

  private static Inclusion inclusion(
      long txPosition, org.plasma4j.core.types.Bytes proof, long timestamp) {
    OutputPosition p = OutputPosition.decode(txPosition);
    return new Inclusion(p.blkNum(), p.txIndex(), proof, timestamp);
  }

  private void reveal(Supplier<TransactionReceipt> send) {
    receipts.accept(send.get());
  }
}
