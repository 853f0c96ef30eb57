package org.plasma4j.core.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.core.testing.Fixtures.ETH;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.block.Block;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Abi;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

class ExitTest {
  private static final long MEP = 604_800;

  @Test
  void depositExitsWaitOneMepFromNow() {
    assertThat(ExitRules.exitableAt(1_000, 5_000, true, MEP)).isEqualTo(5_000 + MEP);
    assertThat(ExitRules.exitableAt(OutputPosition.of(1, 0, 0), 1_000, 5_000, MEP))
        .isEqualTo(5_000 + MEP);
  }

  @Test
  void childBlockExitsWaitTwoMepFromTheBlockOrOneFromNow() {
    assertThat(ExitRules.exitableAt(1_000, 5_000, false, MEP)).isEqualTo(1_000 + 2 * MEP);
    long late = 1_000 + 2 * MEP;
    assertThat(ExitRules.exitableAt(1_000, late, false, MEP)).isEqualTo(late + MEP);
    assertThat(ExitRules.exitableAt(1_000, 1_000 + MEP, false, MEP)).isEqualTo(1_000 + 2 * MEP);
    assertThat(ExitRules.exitableAt(OutputPosition.of(1000, 0, 0), 0, 0, MEP)).isEqualTo(2 * MEP);
  }

  @Test
  void standardExitDataProvesInclusionUnderTheCommitment() {
    SignedTransaction t0 = TxBuilder.payment()
        .input(1, 0, 0, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_1, ETH, 5)
        .sign();
    SignedTransaction t1 = TxBuilder.payment()
        .input(2, 0, 0, DevKeys.ACCOUNT_1)
        .output(DevKeys.ACCOUNT_2, ETH, 7)
        .sign();
    Block block = new Block(1000, List.of(t0, t1));
    MerkleTree tree = block.merkleTree();
    StandardExitData exit = StandardExitData.of(block, tree, block.position(1, 0), 1_700_000_000L);
    assertThat(exit.txBytes().toArray()).isEqualTo(t1.txBytes());
    assertThat(exit.txHash()).isEqualTo(t1.txHash());
    assertThat(exit.matches(BlockCommitment.of(block.root(), 1_700_000_000L))).isTrue();
    assertThat(exit.matches(BlockCommitment.of(block.root(), 1_700_000_001L))).isFalse();
  }

  @Test
  void depositRootIsTheSingleLeafTree() {
    Deposit d = new Deposit(3, DevKeys.ACCOUNT_0.address(), ETH, java.math.BigInteger.TEN);
    assertThat(d.root())
        .isEqualTo(MerkleTree.build(List.of(d.transaction().encode())).root());
    assertThat(d.position().encode()).isEqualTo(3_000_000L); // block 3, tx 0, output 0
    assertThat(d.transaction().inputs()).isEmpty();
    assertThat(d.transaction().metadata()).isEqualTo(Bytes32.ZERO);
  }

  @Test
  void challengeFinderAndCommitment() {
    OutputPosition exiting = OutputPosition.of(1000, 0, 0);
    SignedTransaction spend = TxBuilder.payment()
        .input(1, 0, 0, DevKeys.ACCOUNT_1)
        .input(exiting, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_2, ETH, 1)
        .sign();
    ChallengeData c = ChallengeFinder.find(exiting, spend).orElseThrow();
    assertThat(c.inputIndex()).isEqualTo(1);
    assertThat(c.signature()).isEqualTo(spend.signatures().get(1));
    assertThat(c.spendingTxBytes().toArray()).isEqualTo(spend.txBytes());
    assertThat(ChallengeFinder.find(OutputPosition.of(7000, 0, 0), spend)).isEmpty();
    Bytes32 expected = new Bytes32(Keccak256.hash(Abi.concat(
        Abi.word(DevKeys.ACCOUNT_3.address()),
        Abi.word(exiting.encode()),
        Keccak256.hash(spend.txBytes()))));
    assertThat(c.commitment(DevKeys.ACCOUNT_3.address())).isEqualTo(expected);
  }
}
