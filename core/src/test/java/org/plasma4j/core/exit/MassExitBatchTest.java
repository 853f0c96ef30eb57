package org.plasma4j.core.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.core.testing.Fixtures.DOMAIN;
import static org.plasma4j.core.testing.Fixtures.ETH;
import static org.plasma4j.core.testing.Fixtures.TOKEN;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.MassExitBatch.Exiting;
import org.plasma4j.core.exit.MassExitBatch.InvalidBatchException;
import org.plasma4j.core.exit.MassExitBatch.Problem;
import org.plasma4j.core.merkle.CompressedProof;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Abi;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

class MassExitBatchTest {
  private static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  private static final KeyPair BOB = DevKeys.ACCOUNT_3;
  private static final Bytes32 DS = DOMAIN.separator();
  private static final long DEADLINE = 1_800_000_000L;
  /** The consents in these tests vouch for the blocks up to 2000 (the batch's block). */
  private static final long MAX_BLOCK = 2000L;

  private static Transaction pays(Address owner, Address token, long amount, long input) {
    return Transaction.payment(
        List.of(OutputPosition.decode(input)),
        List.of(
            new Output(owner, token, BigInteger.valueOf(amount)),
            Output.of(BOB.address(), ETH, 1)));
  }

  /** Output 0 of tx {@code i} of a 4-tx block at 2000. */
  private static Exiting exiting(
      List<Transaction> block, int i, Optional<MassExitBatch.Consent> consent) {
    MerkleTree t = MerkleTree.build(block.stream().map(Transaction::encode).toList());
    return new Exiting(
        OutputPosition.of(2000, i, 0), block.get(i), t.compressedProof(i), 1_700_000_000L, consent);
  }

  private static List<Transaction> block(Address owner) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      txs.add(pays(owner, ETH, 100 + i, OutputPosition.of(1000, 0, i).encode()));
    }
    return txs;
  }

  @Test
  void sortsByPositionAndDerivesTheLeaves() {
    List<Transaction> b = block(ALICE.address());
    MassExitBatch batch = MassExitBatch.of(
        ETH,
        ALICE.address(),
        List.of(exiting(b, 3, Optional.empty()), exiting(b, 1, Optional.empty())),
        DS);
    assertThat(batch.items())
        .extracting(MassExitBatch.Item::position)
        .containsExactly(OutputPosition.of(2000, 1, 0), OutputPosition.of(2000, 3, 0));
    assertThat(batch.items().get(0).proof().siblings()).hasSize(2);
    assertThat(batch.items().get(0).signature()).isEqualTo(Bytes.EMPTY);
    assertThat(batch.items().get(0).consentDeadline()).isZero();
    assertThat(batch.leaves().get(1).position()).isEqualTo(2_000_000_030L); // block 2000, tx 3
    assertThat(batch.leaves().get(1).amount()).isEqualTo(BigInteger.valueOf(103));
    assertThat(batch.leaves().get(1).outputKey())
        .isEqualTo(new Bytes32(Keccak256.hashConcat(b.get(3).hash().value(), Abi.word(0))));
    assertThat(batch.youngestPosition()).isEqualTo(batch.leaves().get(1).position());
    assertThat(batch.bond(BigInteger.TEN)).isEqualTo(BigInteger.valueOf(20));
  }

  @Test
  void aProofAfterAnOutputOfTheSameBlockLeavesOutWhatThePathBeforeItProves() {
    List<Transaction> b = block(ALICE.address());
    MerkleTree t = MerkleTree.build(b.stream().map(Transaction::encode).toList());
    MassExitBatch batch = MassExitBatch.of(
        ETH,
        ALICE.address(),
        List.of(
            exiting(b, 3, Optional.empty()),
            exiting(b, 1, Optional.empty()),
            exiting(b, 0, Optional.empty())),
        DS);
    // the block's first leaf: its plain compressed proof (leaf 1, node 2-3)
    assertThat(batch.items().get(0).proof()).isEqualTo(t.compressedProof(0));
    // leaf 1 joins leaf 0's path at level 1, and its level-0 sibling is leaf 0 itself: nothing left
    assertThat(batch.items().get(1).proof()).isEqualTo(new CompressedProof(0, List.of()));
    // leaf 3: leaf 2 at level 0; node 0-1 is leaf 1's path; joins at level 2
    assertThat(batch.items().get(2).proof()).isEqualTo(new CompressedProof(1, List.of(t.leaf(2))));
    // another block's first leaf gets its plain proof again
    Exiting other = new Exiting(
        OutputPosition.of(3000, 1, 0),
        b.get(1),
        t.compressedProof(1),
        1_700_000_000L,
        Optional.empty());
    MassExitBatch two =
        MassExitBatch.of(ETH, ALICE.address(), List.of(exiting(b, 0, Optional.empty()), other), DS);
    assertThat(two.items().get(1).proof()).isEqualTo(t.compressedProof(1));
  }

  @Test
  void theBoundingChildBlockIsTheFirstChildBlockPastTheTightestConsent() {
    List<Transaction> b = block(ALICE.address());
    MassExitBatch own =
        MassExitBatch.of(ETH, ALICE.address(), List.of(exiting(b, 0, Optional.empty())), DS);
    assertThat(own.boundingChildBlock()).as("no consent, no start bound").isEmpty();
    long pos0 = OutputPosition.of(2000, 0, 0).encode();
    long pos1 = OutputPosition.of(2000, 1, 0).encode();
    MassExitBatch.Consent loose =
        MassExitBatch.signConsent(ALICE.privateKey(), pos0, BOB.address(), DEADLINE, 4002, DS);
    MassExitBatch.Consent tight =
        MassExitBatch.signConsent(ALICE.privateKey(), pos1, BOB.address(), DEADLINE, 2999, DS);
    MassExitBatch two = MassExitBatch.of(
        ETH,
        BOB.address(),
        List.of(exiting(b, 0, Optional.of(loose)), exiting(b, 1, Optional.of(tight))),
        DS);
    assertThat(two.boundingChildBlock())
        .as("2999, a deposit block: the next child block")
        .hasValue(3000);
    MassExitBatch child = MassExitBatch.of(
        ETH,
        BOB.address(),
        List.of(exiting(
            b,
            0,
            Optional.of(MassExitBatch.signConsent(
                ALICE.privateKey(), pos0, BOB.address(), DEADLINE, 2000, DS)))),
        DS);
    assertThat(child.boundingChildBlock())
        .as("a child-block bound: the one after it")
        .hasValue(3000);
  }

  @Test
  void othersOutputsNeedTheOwnersConsent() {
    List<Transaction> b = block(ALICE.address());
    long pos = OutputPosition.of(2000, 0, 0).encode();
    assertThatThrownBy(() ->
            MassExitBatch.of(ETH, BOB.address(), List.of(exiting(b, 0, Optional.empty())), DS))
        .isInstanceOfSatisfying(
            InvalidBatchException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.NOT_OUTPUT_OWNER));
    MassExitBatch.Consent byBob =
        MassExitBatch.signConsent(BOB.privateKey(), pos, BOB.address(), DEADLINE, MAX_BLOCK, DS);
    expectConsentRefused(BOB.address(), exiting(b, 0, Optional.of(byBob)));
    MassExitBatch.Consent byAlice =
        MassExitBatch.signConsent(ALICE.privateKey(), pos, BOB.address(), DEADLINE, MAX_BLOCK, DS);
    MassExitBatch batch =
        MassExitBatch.of(ETH, BOB.address(), List.of(exiting(b, 0, Optional.of(byAlice))), DS);
    assertThat(batch.items().get(0).signature()).isEqualTo(byAlice.signature().bytes());
    assertThat(batch.items().get(0).consentDeadline()).isEqualTo(DEADLINE);
    assertThat(batch.leaves().get(0).owner()).isEqualTo(ALICE.address());
  }

  @Test
  void aConsentServesOnlyTheInitiatorAndDeadlineItWasSignedFor() {
    List<Transaction> b = block(ALICE.address());
    long pos = OutputPosition.of(2000, 0, 0).encode();
    Address carol = DevKeys.ACCOUNT_4.address();
    MassExitBatch.Consent forBob =
        MassExitBatch.signConsent(ALICE.privateKey(), pos, BOB.address(), DEADLINE, MAX_BLOCK, DS);
    // a copy of a consent published for bob is no consent for carol
    expectConsentRefused(carol, exiting(b, 0, Optional.of(forBob)));
    // nor is it with a later deadline than the one alice signed
    MassExitBatch.Consent stretched =
        new MassExitBatch.Consent(forBob.signature(), DEADLINE + 1, MAX_BLOCK);
    expectConsentRefused(BOB.address(), exiting(b, 0, Optional.of(stretched)));
    // nor with a later block bound than the one alice signed
    MassExitBatch.Consent widened =
        new MassExitBatch.Consent(forBob.signature(), DEADLINE, MAX_BLOCK + 1000);
    expectConsentRefused(BOB.address(), exiting(b, 0, Optional.of(widened)));
  }

  @Test
  void aConsentedOutputSharesNoBatchWithAnOutputOfABlockItsOwnerDidNotVouchFor() {
    List<Transaction> b = block(ALICE.address());
    long pos = OutputPosition.of(2000, 0, 0).encode();
    MassExitBatch.Consent upTo1000 =
        MassExitBatch.signConsent(ALICE.privateKey(), pos, BOB.address(), DEADLINE, 1000L, DS);
    // bob's own output of block 3000 (say, one the operator forged for him) is younger than alice
    // vouched for
    List<Transaction> later =
        List.of(pays(BOB.address(), ETH, 1_000, OutputPosition.of(2000, 0, 0).encode()));
    MerkleTree t = MerkleTree.build(later.stream().map(Transaction::encode).toList());
    Exiting forged = new Exiting(
        OutputPosition.of(3000, 0, 0),
        later.get(0),
        t.compressedProof(0),
        1_700_000_100L,
        Optional.empty());
    Exiting alices = exiting(
        b,
        0,
        Optional.of(MassExitBatch.signConsent(
            ALICE.privateKey(), pos, BOB.address(), DEADLINE, MAX_BLOCK, DS)));
    assertThatThrownBy(() -> MassExitBatch.of(ETH, BOB.address(), List.of(alices, forged), DS))
        .isInstanceOfSatisfying(
            InvalidBatchException.class,
            x -> assertThat(x.problem()).isEqualTo(Problem.BATCH_YOUNGER_THAN_CONSENT));
    // a bound below the consented output's own block admits no batch at all
    assertThatThrownBy(() ->
            MassExitBatch.of(ETH, BOB.address(), List.of(exiting(b, 0, Optional.of(upTo1000))), DS))
        .isInstanceOfSatisfying(
            InvalidBatchException.class,
            x -> assertThat(x.problem()).isEqualTo(Problem.BATCH_YOUNGER_THAN_CONSENT));
    // within the bound the batch builds, and the item carries the bound the game checks
    MassExitBatch ok = MassExitBatch.of(ETH, BOB.address(), List.of(alices), DS);
    assertThat(ok.items().get(0).consentMaxBlock()).isEqualTo(MAX_BLOCK);
  }

  private static void expectConsentRefused(Address initiator, Exiting e) {
    assertThatThrownBy(() -> MassExitBatch.of(ETH, initiator, List.of(e), DS))
        .isInstanceOfSatisfying(
            InvalidBatchException.class,
            x -> assertThat(x.problem()).isEqualTo(Problem.CONSENT_NOT_BY_OWNER));
  }

  @Test
  void rejectsWhatTheGameRejects() {
    List<Transaction> b = block(ALICE.address());
    Exiting e0 = exiting(b, 0, Optional.empty());
    expectProblem(List.of(), ETH, Problem.BAD_ITEM_COUNT);
    expectProblem(java.util.Collections.nCopies(257, e0), ETH, Problem.BAD_ITEM_COUNT);
    expectProblem(List.of(e0, e0), ETH, Problem.DUPLICATE_POSITION);
    expectProblem(List.of(e0), TOKEN, Problem.WRONG_TOKEN);
    Exiting beyond =
        new Exiting(OutputPosition.of(2000, 0, 2), b.get(0), e0.proof(), 0, Optional.empty());
    expectProblem(List.of(beyond), ETH, Problem.NO_SUCH_OUTPUT);
  }

  private static void expectProblem(List<Exiting> outputs, Address token, Problem problem) {
    assertThatThrownBy(() -> MassExitBatch.of(token, ALICE.address(), outputs, DS))
        .isInstanceOfSatisfying(
            InvalidBatchException.class, e -> assertThat(e.problem()).isEqualTo(problem));
  }

  @Test
  void depositOutputsAreKeyedByPosition() {
    Transaction deposit =
        Transaction.payment(List.of(), List.of(Output.of(ALICE.address(), ETH, 5)));
    OutputPosition pos = OutputPosition.of(7, 0, 0);
    assertThat(OutputKey.of(deposit, pos)).isEqualTo(Bytes32.ofUint(pos.encode()));
  }

  @Test
  void leavesHashIsAbiEncodingOfTheLeafArray() {
    List<Transaction> b = block(ALICE.address());
    MassExitBatch batch =
        MassExitBatch.of(ETH, ALICE.address(), List.of(exiting(b, 2, Optional.empty())), DS);
    var leaf = batch.leaves().get(0);
    byte[] expected = Keccak256.hashConcat(
        Abi.word(32),
        Abi.word(1),
        Abi.word(leaf.position()),
        leaf.outputKey().value(),
        Abi.word(leaf.owner()),
        Abi.word(leaf.amount()));
    assertThat(batch.leavesHash()).isEqualTo(new Bytes32(expected));
  }
}
