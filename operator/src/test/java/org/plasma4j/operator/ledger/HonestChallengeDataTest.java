package org.plasma4j.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.FEE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.state.SignatureCheck;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.TestChain;

/**
 * plasma_getChallengeData serves every honest spend, whatever its number of inputs and owners,
 * while it is in flight and once it is formed and on the root chain: the spend's txBytes, the
 * input's index in it and the signature that recovers to the input's owner (what
 * challengeStandardExit checks), never the named NOT_FOUND kept for hostile spends.
 */
class HonestChallengeDataTest {

  private static final long DEPOSIT = 1_000;

  @TempDir
  Path dir;

  private NodeHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private record Spend(
      SignedTransaction tx, List<OutputPosition> inputs, List<PrivateKey> owners) {}

  /** A payment of {@code k} fresh deposits, owned in turn by Alice and Bob, signed by each. */
  private Spend spendOf(int k) {
    List<OutputPosition> inputs = new ArrayList<>();
    List<PrivateKey> owners = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      PrivateKey owner = i % 2 == 0 ? ALICE : BOB;
      inputs.add(h.chain.deposit(owner.address(), ETH, DEPOSIT));
      owners.add(owner);
    }
    h.node.pollRootChain();
    long out = k * DEPOSIT - FEE.longValueExact();
    Transaction tx = Transaction.payment(inputs, List.of(Output.of(BOB.address(), ETH, out)));
    return new Spend(
        TestChain.sign(tx, owners.toArray(PrivateKey[]::new)), List.copyOf(inputs), owners);
  }

  private void assertChallengeable(Spend s) {
    for (int i = 0; i < s.inputs().size(); i++) {
      TxResult<LedgerQueries.ChallengeData> c =
          h.node.queries().challengeData(s.inputs().get(i));
      assertThat(c.isOk()).as("input %d of %s: %s", i, s.tx(), c).isTrue();
      assertThat(c.value().spendingTxBytes().toArray()).isEqualTo(s.tx().txBytes());
      assertThat(c.value().inputIndex()).isEqualTo(i);
      assertThat(c.value().signature()).isEqualTo(s.tx().signatures().get(i));
      assertThat(SignatureCheck.recoverEach(s.tx()).get(i))
          .isEqualTo(Optional.of(s.owners().get(i).address()));
    }
  }

  @Test
  void spendsOfOneToFourInputsAreChallengeableInFlightAndOnceFormed() {
    h = NodeHarness.rocksDb(TestChain.rootChain(0), dir, 0);
    List<Spend> spends = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      Spend s = spendOf(k);
      assertThat(h.send(s.tx()).isOk()).as("%d inputs", k).isTrue();
      spends.add(s);
    }
    spends.forEach(this::assertChallengeable);

    BlockRecord formed = h.formBlock();
    h.node.pollRootChain();
    assertThat(h.chain.submittedRoots()).containsEntry(formed.blkNum(), formed.root());
    spends.forEach(this::assertChallengeable);

    // a spend of a formed payment's output, in flight, then formed in the next block
    OutputPosition paid = OutputPosition.of(formed.blkNum(), 3, 0);
    long amount = 4 * DEPOSIT - FEE.longValueExact();
    Spend second = new Spend(
        TestChain.pay(BOB, paid, amount, ALICE.address(), 100), List.of(paid), List.of(BOB));
    assertThat(h.send(second.tx()).isOk()).isTrue();
    assertChallengeable(second);
    h.formBlock();
    h.node.pollRootChain();
    assertChallengeable(second);
    spends.forEach(this::assertChallengeable);
  }
}
