package org.plasma4j.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.FEE_BENEFICIARY;
import static org.plasma4j.operator.testing.TestChain.pay;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.operator.testing.NodeHarness;

class LedgerTest {

  private NodeHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private OutputPosition creditedDeposit(long amount) {
    OutputPosition p = h.chain.deposit(ALICE.address(), ETH, amount);
    h.node.pollRootChain();
    return p;
  }

  private LedgerQueries q() {
    return h.node.queries();
  }

  @Test
  void acceptsASpendAndRejectsADoubleSpend() {
    h = NodeHarness.inMemory(100);
    OutputPosition dep = creditedDeposit(1000);
    assertThat(q().utxos(ALICE.address()))
        .extracting(LedgerQueries.Utxo::position)
        .containsExactly(dep);

    SignedTransaction tx1 = pay(ALICE, dep, 1000, BOB.address(), 500);
    assertThat(h.send(tx1).value()).isEqualTo(tx1.txHash());
    assertThat(q().transaction(tx1.txHash()))
        .get()
        .extracting(v -> v.location().isPending())
        .isEqualTo(true);

    TxResult<Bytes32> doubleSpend = h.send(pay(ALICE, dep, 1000, BOB.address(), 400));
    assertThat(doubleSpend.rejection()).isEqualTo(TxRejection.SPENT_INPUT);
    assertThat(h.send(tx1).value())
        .as("a resent transaction is acknowledged again")
        .isEqualTo(tx1.txHash());
    assertThat(q().utxos(ALICE.address())).isEmpty();
  }

  @Test
  void pendingOutputsBecomeSpendableWhenTheBlockIsFormedWithAFeeTransaction() {
    h = NodeHarness.inMemory(100);
    OutputPosition dep = creditedDeposit(1000);
    SignedTransaction tx1 = pay(ALICE, dep, 1000, BOB.address(), 500);
    h.send(tx1);
    OutputPosition bobs = OutputPosition.of(1000, 0, 0);
    assertThat(h.send(pay(BOB, bobs, 500, ALICE.address(), 100)).rejection())
        .isEqualTo(TxRejection.UNKNOWN_INPUT);

    BlockRecord block = h.formBlock();
    assertThat(block.blkNum()).isEqualTo(1000);
    assertThat(block.txCount()).isEqualTo(2);
    LedgerQueries.BlockView view = q().block(1000).orElseThrow();
    Transaction fee =
        TransactionDecoder.decodeSigned(view.signedTxs().get(1)).orElseThrow().tx();
    assertThat(fee.isFee()).isTrue();
    assertThat(fee.inputs()).isEmpty();
    assertThat(fee.metadata()).isEqualTo(Bytes32.ofUint(1000));
    assertThat(fee.outputs()).singleElement().satisfies(o -> {
      assertThat(o.owner()).isEqualTo(FEE_BENEFICIARY);
      assertThat(o.amount()).isEqualTo(BigInteger.TEN);
    });
    assertThat(q().utxos(FEE_BENEFICIARY))
        .extracting(LedgerQueries.Utxo::position)
        .containsExactly(OutputPosition.of(1000, 1, 0));
    assertThat(q().transaction(tx1.txHash()).orElseThrow().location())
        .isEqualTo(new TxLocation(1000, 0));

    assertThat(h.send(pay(BOB, bobs, 500, ALICE.address(), 100)).isOk()).isTrue();
    assertThat(h.node.writer().formBlock().join())
        .get()
        .extracting(BlockRecord::blkNum)
        .isEqualTo(2000L);
    assertThat(h.node.writer().formBlock().join()).as("no empty blocks").isEmpty();
  }

  @Test
  void formsABlockAsSoonAsThePendingBlockIsFull() {
    h = NodeHarness.inMemory(3); // two payments and the fee transaction
    List<OutputPosition> deps =
        List.of(creditedDeposit(100), creditedDeposit(100), creditedDeposit(100));
    for (OutputPosition d : deps) {
      assertThat(h.send(pay(ALICE, d, 100, BOB.address(), 90)).isOk()).isTrue();
    }
    assertThat(h.node.writer().call(Ledger::pendingCount).join()).isEqualTo(1);
    assertThat(q().lastFormedBlock()).isEqualTo(1000);
    assertThat(q().block(1000).orElseThrow().header().txCount()).isEqualTo(3);
  }

  @Test
  void exitingOutputsCannotBeSpentUntilTheExitIsChallenged() {
    h = NodeHarness.inMemory(100);
    OutputPosition dep = creditedDeposit(1000);
    h.chain.startExit(dep, ALICE.address());
    h.node.pollRootChain();
    assertThat(h.send(pay(ALICE, dep, 1000, BOB.address(), 500)).rejection())
        .isEqualTo(TxRejection.EXITING_INPUT);
    assertThat(q().utxos(ALICE.address())).isEmpty();

    h.chain.challengeExit(dep);
    h.node.pollRootChain();
    assertThat(q().utxos(ALICE.address())).hasSize(1);
    assertThat(h.send(pay(ALICE, dep, 1000, BOB.address(), 500)).isOk()).isTrue();
  }

  @Test
  void aSpentOutputStaysSpentAfterItsExitIsChallengedAndExitedOutputsAreGone() {
    h = NodeHarness.inMemory(100);
    OutputPosition dep = creditedDeposit(1000);
    SignedTransaction spend = pay(ALICE, dep, 1000, BOB.address(), 500);
    h.send(spend);
    h.chain.startExit(dep, ALICE.address());
    h.chain.challengeExit(dep);
    h.node.pollRootChain();
    LedgerQueries.ChallengeData c = q().challengeData(dep).orElseThrow();
    assertThat(c.spendingTxBytes().toArray()).isEqualTo(spend.txBytes());
    assertThat(c.inputIndex()).isZero();
    assertThat(c.signature()).isEqualTo(spend.signatures().getFirst());
    assertThat(h.send(pay(ALICE, dep, 1000, BOB.address(), 400)).rejection())
        .isEqualTo(TxRejection.SPENT_INPUT);

    OutputPosition other = creditedDeposit(300);
    h.chain.startExit(other, ALICE.address());
    h.chain.finalizeExit(other, ALICE.address());
    h.node.pollRootChain();
    assertThat(h.send(pay(ALICE, other, 300, BOB.address(), 100)).rejection())
        .isEqualTo(TxRejection.SPENT_INPUT);
    assertThat(q().utxos(ALICE.address())).isEmpty();
  }

  @Test
  void exitDataForDepositsAndSubmittedBlocksProvesInclusion() {
    h = NodeHarness.inMemory(100);
    OutputPosition dep = creditedDeposit(1000);
    LedgerQueries.ExitData depositExit = q().exitData(dep).orElseThrow();
    assertThat(org.plasma4j.core.merkle.MerkleTree.verify(
            org.plasma4j.core.merkle.MerkleTree.leafHash32(depositExit.txBytes().toArray()),
            0,
            depositExit.proof(),
            h.chain
                .events(0, Long.MAX_VALUE, RootChain.DepositEvent.class)
                .getFirst()
                .root()))
        .isTrue();

    h.send(pay(ALICE, dep, 1000, BOB.address(), 500));
    BlockRecord block = h.formBlock();
    OutputPosition bobs = OutputPosition.of(1000, 0, 0);
    assertThat(q().exitData(bobs).rejection())
        .as("not on the root chain yet")
        .isEqualTo(TxRejection.NOT_FOUND);
    h.node.pollRootChain();
    LedgerQueries.ExitData exit = q().exitData(bobs).orElseThrow();
    assertThat(exit.blockTimestamp()).isEqualTo(h.chain.headTimestamp());
    assertThat(org.plasma4j.core.merkle.MerkleTree.verify(
            org.plasma4j.core.merkle.MerkleTree.leafHash32(exit.txBytes().toArray()),
            0,
            exit.proof(),
            block.root()))
        .isTrue();
    assertThat(q().exitData(OutputPosition.of(1000, 5, 0)).rejection())
        .isEqualTo(TxRejection.NOT_FOUND);
  }

  @Test
  void depositsWaitForConfirmationsAndAreCreditedOnce() {
    h = NodeHarness.start(
        org.plasma4j.operator.testing.TestChain.rootChain(0),
        new org.plasma4j.node.storage.InMemoryStore(),
        NodeHarness.config(java.nio.file.Path.of("unused"), 100, 2),
        b -> b);
    OutputPosition dep = h.chain.deposit(ALICE.address(), ETH, 1000);
    h.node.pollRootChain();
    assertThat(q().utxos(ALICE.address())).isEmpty();
    h.chain.advance(1);
    h.node.pollRootChain();
    assertThat(q().utxos(ALICE.address())).isEmpty();
    h.chain.advance(1);
    h.node.pollRootChain();
    h.node.pollRootChain();
    assertThat(q().utxos(ALICE.address()))
        .extracting(LedgerQueries.Utxo::position)
        .containsExactly(dep);
  }
}
