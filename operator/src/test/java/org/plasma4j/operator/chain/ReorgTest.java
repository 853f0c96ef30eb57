package org.plasma4j.operator.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.pay;

import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.operator.ledger.OutputStatus;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.TestChain;

/** Confirmation depth, reorg detection and resubmission of dropped blocks, on a fake root chain. */
class ReorgTest {

  private NodeHarness h;

  @AfterEach
  void stop() {
    h.close();
  }

  private int confirmations;

  private void start(int confirmations) {
    this.confirmations = confirmations;
    h = NodeHarness.start(
        TestChain.rootChain(0),
        new InMemoryStore(),
        NodeHarness.config(Path.of("unused"), 100, confirmations),
        b -> b);
  }

  private OutputPosition confirmedDeposit(long amount) {
    OutputPosition p = h.chain.deposit(ALICE.address(), ETH, amount);
    h.chain.advance(confirmations);
    h.node.pollRootChain();
    return p;
  }

  private OutputStatus status(OutputPosition p) {
    return h.node.queries().utxos(ALICE.address()).stream()
        .filter(u -> u.position().equals(p))
        .map(u -> u.record().status())
        .findFirst()
        .orElse(null);
  }

  @Test
  void exitStartsAreAppliedOnlyAfterTheConfirmations() {
    start(3);
    OutputPosition dep = confirmedDeposit(1000);
    assertThat(status(dep)).isEqualTo(OutputStatus.UNSPENT);

    h.chain.startExit(dep, ALICE.address());
    h.chain.advance(2); // 2 confirmations of 3
    h.node.pollRootChain();
    assertThat(status(dep))
        .as("an unconfirmed exit changes nothing")
        .isEqualTo(OutputStatus.UNSPENT);

    h.chain.advance(1);
    h.node.pollRootChain();
    assertThat(h.send(pay(ALICE, dep, 1000, BOB.address(), 500)).rejection())
        .isEqualTo(TxRejection.EXITING_INPUT);
  }

  @Test
  void aReorgShallowerThanTheConfirmationsChangesNothing() {
    start(3);
    OutputPosition kept = confirmedDeposit(1000);
    OutputPosition reorged = h.chain.deposit(ALICE.address(), ETH, 2000);
    h.chain.advance(1);
    h.node.pollRootChain(); // the operator saw the deposit, 1 confirmation of 3

    h.chain.reorg(2); // the deposit's block is replaced
    h.chain.advance(5);
    h.node.pollRootChain();

    assertThat(h.send(pay(ALICE, reorged, 2000, BOB.address(), 500)).rejection())
        .isEqualTo(TxRejection.UNKNOWN_INPUT);
    assertThat(h.node.queries().utxos(ALICE.address()))
        .extracting(u -> u.position())
        .containsExactly(kept);
    RootChainFollower.ReorgReport report = h.node.follower().reorgReport();
    assertThat(report.reorgsNoticed()).isEqualTo(1);
    assertThat(report.deepReorgs()).isZero();
    assertThat(report.conflicts()).isEmpty();
  }

  @Test
  void aReorgDeeperThanTheConfirmationsIsReportedAndTheNodeKeepsServing() {
    start(1);
    OutputPosition aliceDeposit = h.chain.deposit(ALICE.address(), ETH, 1000);
    h.chain.advance(2);
    h.node.pollRootChain(); // credited
    assertThat(status(aliceDeposit)).isEqualTo(OutputStatus.UNSPENT);

    h.chain.reorg(4); // deeper than 1 confirmation: the credited deposit's block is gone
    OutputPosition bobDeposit =
        h.chain.deposit(BOB.address(), ETH, 7000); // the same deposit number
    h.chain.advance(2);
    h.node.pollRootChain();

    assertThat(bobDeposit).isEqualTo(aliceDeposit);
    RootChainFollower.ReorgReport report = h.node.follower().reorgReport();
    assertThat(report.deepReorgs()).isEqualTo(1);
    assertThat(report.conflicts())
        .singleElement()
        .asString()
        .contains("deposit block " + aliceDeposit.blkNum());
    // the credited output is not silently replaced, and the node keeps serving and following
    assertThat(status(aliceDeposit)).isEqualTo(OutputStatus.UNSPENT);
    assertThat(h.node.queries().utxos(BOB.address())).isEmpty();
    OutputPosition later = h.chain.deposit(BOB.address(), ETH, 500);
    h.chain.advance(1);
    h.node.pollRootChain();
    assertThat(h.node.queries().utxos(BOB.address()))
        .extracting(u -> u.position())
        .containsExactly(later);
    assertThat(h.node.follower().reorgReport().deepReorgs()).isEqualTo(1);
  }

  @Test
  void aReorgBelowACheckpointRewindsTheFollowerToTheNewestCanonicalCheckpoint() {
    start(0);
    OutputPosition kept = confirmedDeposit(1000); // checkpoint at its block
    long keptBlock = h.chain.headBlockNumber();
    h.chain.advance(2);
    h.node.pollRootChain(); // checkpoint two blocks later
    OutputPosition dropped = h.chain.deposit(ALICE.address(), ETH, 2000);
    h.node.pollRootChain(); // checkpoint at the head
    assertThat(status(dropped)).isEqualTo(OutputStatus.UNSPENT);

    // every block after the kept deposit's is replaced: two checkpoints are no longer canonical
    h.chain.reorg((int) (h.chain.headBlockNumber() - keptBlock));
    OutputPosition again = h.chain.deposit(BOB.address(), ETH, 7000); // the dropped one's number
    h.node.pollRootChain();

    RootChainFollower.ReorgReport report = h.node.follower().reorgReport();
    assertThat(report.deepReorgs()).isEqualTo(1);
    assertThat(report.lastRewoundTo()).isEqualTo(keptBlock);
    assertThat(h.node.follower().lastFollowed()).isEqualTo(h.chain.headBlockNumber());
    // the events after the checkpoint were read again: the re-used deposit number is a conflict
    assertThat(again).isEqualTo(dropped);
    assertThat(report.conflicts())
        .singleElement()
        .asString()
        .contains("deposit block " + dropped.blkNum());
    assertThat(status(kept)).isEqualTo(OutputStatus.UNSPENT);
  }

  @Test
  void aSubmittedBlockDroppedByAReorgIsSubmittedAgainWithItsNonce() {
    start(0);
    OutputPosition dep = h.chain.deposit(ALICE.address(), ETH, 1000);
    h.node.pollRootChain();
    h.send(pay(ALICE, dep, 1000, BOB.address(), 500));
    BlockRecord b1 = h.formBlock();
    h.node.pollRootChain();
    h.send(pay(BOB, OutputPosition.of(1000, 0, 0), 500, ALICE.address(), 100));
    BlockRecord b2 = h.formBlock();
    h.node.pollRootChain();
    assertThat(h.node.submitter().lastSubmitted()).isEqualTo(2000);

    h.chain.reorg(1); // drops block 2000's submission
    assertThat(h.chain.blockCommitment(2000)).isEmpty();
    h.node.pollRootChain();

    assertThat(h.chain.blockCommitment(2000)).isPresent();
    assertThat(h.chain.submittedRoots())
        .containsEntry(1000L, b1.root())
        .containsEntry(2000L, b2.root());
    assertThat(h.chain.submittedCount()).as("no block number twice").isEqualTo(2);
    assertThat(h.chain.sentNonces).containsExactly(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE);
    assertThat(h.node.submitter().lastSubmitted()).isEqualTo(2000);
    assertThat(h.node.submitter().resubmittedAfterReorg()).isEqualTo(1);
    assertThat(h.node.queries().block(2000).orElseThrow().submitted()).isPresent();
    assertThat(h.node.queries().exitData(OutputPosition.of(2000, 0, 0)).isOk()).isTrue();
  }
}
