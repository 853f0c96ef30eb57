package org.plasma4j.operator.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.pay;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.operator.ledger.LedgerQueries;
import org.plasma4j.operator.testing.FakeExitGames;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.TestChain;

/** The operator stops spending outputs that in-flight exits, piggybacks and mass exits claim. */
class ExitGameFollowingTest {

  private NodeHarness h;
  private FakeExitGames games;

  @AfterEach
  void stop() {
    h.close();
  }

  private void start(int confirmations) {
    InMemoryRootChain chain = TestChain.rootChain(0);
    games = new FakeExitGames(chain);
    h = NodeHarness.start(
        chain,
        new InMemoryStore(),
        NodeHarness.config(Path.of("unused"), 100, confirmations),
        b -> b);
  }

  private OutputPosition deposit(PrivateKey owner, long amount) {
    OutputPosition p = h.chain.deposit(owner.address(), ETH, amount);
    h.node.pollRootChain();
    return p;
  }

  private List<OutputPosition> utxos(PrivateKey owner) {
    return h.node.queries().utxos(owner.address()).stream()
        .map(LedgerQueries.Utxo::position)
        .toList();
  }

  @Test
  void anInFlightExitTakesItsInputsOffTheChildChainOnceConfirmed() {
    start(2);
    OutputPosition dep = deposit(ALICE, 1000);
    h.chain.advance(2);
    h.node.pollRootChain();
    SignedTransaction inFlight =
        pay(ALICE, dep, 1000, BOB.address(), 500); // never reached the operator

    games.startInFlightExit(inFlight.tx(), BOB.address());
    h.node.pollRootChain();
    assertThat(utxos(ALICE)).as("not confirmed yet").containsExactly(dep);

    h.chain.advance(2);
    h.node.pollRootChain();
    assertThat(utxos(ALICE)).isEmpty();
    assertThat(h.send(pay(ALICE, dep, 1000, ALICE.address(), 900)).rejection())
        .isEqualTo(TxRejection.SPENT_INPUT);
  }

  @Test
  void anInputAlreadySpentHereStaysSpentWithItsChallengeData() {
    start(0);
    OutputPosition dep = deposit(ALICE, 1000);
    SignedTransaction spent = pay(ALICE, dep, 1000, BOB.address(), 500);
    assertThat(h.send(spent).isOk()).isTrue();
    SignedTransaction competitor = pay(ALICE, dep, 1000, ALICE.address(), 800);

    games.startInFlightExit(competitor.tx(), ALICE.address());
    h.node.pollRootChain();

    assertThat(h.node.queries().challengeData(dep).value().spendingTxBytes().toArray())
        .isEqualTo(spent.txBytes());
  }

  @Test
  void aPiggybackedOutputOfAnIncludedTransactionIsNoLongerSpendable() {
    start(0);
    OutputPosition dep = deposit(ALICE, 1000);
    SignedTransaction tx = pay(ALICE, dep, 1000, BOB.address(), 500);
    h.send(tx);
    long blkNum = h.formBlock().blkNum();
    OutputPosition bobs = OutputPosition.of(blkNum, 0, 0);
    OutputPosition change = OutputPosition.of(blkNum, 0, 1);
    assertThat(utxos(BOB)).containsExactly(bobs);

    // the start and the piggyback are applied in the same poll
    BigInteger ifeId = games.startInFlightExit(tx.tx(), BOB.address());
    games.piggyback(ifeId, BOB.address(), true, 0);
    games.piggyback(ifeId, ALICE.address(), false, 0);
    h.node.pollRootChain();

    assertThat(utxos(BOB)).isEmpty();
    assertThat(h.send(pay(BOB, bobs, 500, ALICE.address(), 100)).rejection())
        .isEqualTo(TxRejection.SPENT_INPUT);
    assertThat(utxos(ALICE))
        .as("the output nobody piggybacked stays spendable")
        .containsExactly(change);
  }

  @Test
  void anOutputPiggybackedWhileItsTransactionWasPendingIsFormedExited() {
    start(0);
    OutputPosition dep = deposit(ALICE, 1000);
    SignedTransaction tx = pay(ALICE, dep, 1000, BOB.address(), 500);
    h.send(tx);

    // the exit and the piggyback come while the payment is still pending here
    BigInteger ifeId = games.startInFlightExit(tx.tx(), BOB.address());
    games.piggyback(ifeId, BOB.address(), true, 0);
    h.node.pollRootChain();
    long blkNum = h.formBlock().blkNum();
    OutputPosition bobs = OutputPosition.of(blkNum, 0, 0);
    OutputPosition change = OutputPosition.of(blkNum, 0, 1);

    assertThat(utxos(BOB))
        .as("the exit game holds bob's output from the piggyback on")
        .isEmpty();
    assertThat(h.send(pay(BOB, bobs, 500, ALICE.address(), 100)).rejection())
        .isEqualTo(TxRejection.SPENT_INPUT);
    assertThat(utxos(ALICE))
        .as("the output nobody piggybacked is spendable")
        .containsExactly(change);
  }

  @Test
  void aMassExitTakesExactlyItsLeavesOffTheChildChain() {
    start(0);
    OutputPosition first = deposit(ALICE, 1000);
    OutputPosition second = deposit(ALICE, 2000);
    OutputPosition untouched = deposit(ALICE, 3000);

    games.startMassExit(ALICE.address(), List.of(first, second));
    h.node.pollRootChain();

    assertThat(utxos(ALICE)).containsExactly(untouched);
    assertThat(h.send(pay(ALICE, second, 2000, BOB.address(), 500)).rejection())
        .isEqualTo(TxRejection.SPENT_INPUT);
    assertThat(h.send(pay(ALICE, untouched, 3000, BOB.address(), 500)).isOk()).isTrue();
  }
}
