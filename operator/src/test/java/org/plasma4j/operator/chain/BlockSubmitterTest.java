package org.plasma4j.operator.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.pay;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.operator.testing.NodeHarness;

class BlockSubmitterTest {

  private NodeHarness h;

  @AfterEach
  void stop() {
    h.close();
  }

  private BlockRecord formBlockWithOnePayment() {
    OutputPosition dep = h.chain.deposit(ALICE.address(), ETH, 1000);
    h.node.pollRootChain();
    assertThat(h.send(pay(ALICE, dep, 1000, BOB.address(), 500)).isOk()).isTrue();
    return h.formBlock();
  }

  @Test
  void submitsFormedBlocksInOrderWithDeterministicNoncesExactlyOnce() {
    h = NodeHarness.inMemory(100); // the operator account starts at nonce 7
    h.chain.autoMine = false;
    BlockRecord b1 = formBlockWithOnePayment();
    BlockRecord b2 = formBlockWithOnePayment(); // its poll sent block 1000, still unmined
    h.chain.autoMine = true;
    h.chain.mine();
    h.node.pollRootChain();

    assertThat(h.chain.sentNonces).containsExactly(BigInteger.valueOf(7), BigInteger.valueOf(8));
    assertThat(h.chain.submittedRoots())
        .containsEntry(1000L, b1.root())
        .containsEntry(2000L, b2.root());
    assertThat(h.node.queries().block(2000).orElseThrow().submitted()).isPresent();
    assertThat(h.node.submitter().lastSubmitted()).isEqualTo(2000);

    h.node.pollRootChain();
    h.node.pollRootChain();
    assertThat(h.chain.sentNonces).as("nothing is sent twice").hasSize(2);
  }

  @Test
  void anUnminedSubmissionIsReplacedWithTheSameNonceAndAHigherCappedFee() {
    h = NodeHarness.inMemory(100);
    h.chain.autoMine = false;
    formBlockWithOnePayment();
    for (int i = 0; i < 12; i++) {
      h.node.pollRootChain();
    }
    assertThat(h.chain.sentNonces).hasSizeGreaterThan(1).containsOnly(BigInteger.valueOf(7));
    List<BigInteger> fees = h.chain.sentFees;
    assertThat(fees.getLast()).isGreaterThan(fees.getFirst());
    assertThat(fees)
        .isSorted()
        .allSatisfy(f -> assertThat(f).isLessThanOrEqualTo(BigInteger.valueOf(100_000_000_000L)));

    h.chain.mine();
    h.node.pollRootChain();
    assertThat(h.chain.submittedCount()).isEqualTo(1);
    assertThat(h.node.submitter().lastSubmitted()).isEqualTo(1000);
  }

  @Test
  void haltsWhenTheContractHoldsADifferentBlock() {
    h = NodeHarness.inMemory(100);
    h.chain.autoMine = false;
    formBlockWithOnePayment();
    // someone else's submission took block 1000 with the operator's nonce 7
    h.chain.submitBlock(
        org.plasma4j.core.types.Bytes32.ofUint(42), BigInteger.valueOf(7), BigInteger.ONE);
    h.chain.mine();
    h.node.pollRootChain();
    assertThat(h.node.submitter().haltReason()).get().asString().contains("different block 1000");
    assertThat(h.node.submitter().lastSubmitted()).isZero();
  }
}
