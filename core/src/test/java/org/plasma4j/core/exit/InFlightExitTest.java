package org.plasma4j.core.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.core.testing.Fixtures.ETH;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

class InFlightExitTest {
  private static final long MEP = 3_600;
  private static final long TS_DEPOSIT = 1_000;
  private static final long TS_1000 = 2_000;
  private static final long TS_2000 = 3_000;

  // deposit block 1: 10 wei to account 0; block 1000 tx 0: account 1 pays 7 to account 0 (spending
  // deposit 2)
  private final Deposit deposit = new Deposit(1, DevKeys.ACCOUNT_0.address(), ETH, BigInteger.TEN);
  private final SignedTransaction funding = TxBuilder.payment()
      .input(2, 0, 0, DevKeys.ACCOUNT_1)
      .output(DevKeys.ACCOUNT_0, ETH, 7)
      .output(DevKeys.ACCOUNT_1, ETH, 3)
      .sign();
  private final Block block1000 = new Block(1000, List.of(funding));
  private final StandardExitData depositInput = new StandardExitData(
      deposit.position(),
      Bytes.wrap(deposit.transaction().encode()),
      MerkleTree.build(List.of(deposit.transaction().encode())).proof(0),
      TS_DEPOSIT);
  private final StandardExitData childInput = StandardExitData.of(
      block1000, block1000.merkleTree(), OutputPosition.of(1000, 0, 0), TS_1000);
  private final OutputPosition a = deposit.position();
  private final OutputPosition b = OutputPosition.of(1000, 0, 0);
  // the in-flight tx: account 0 spends both its outputs and pays 17 to account 2
  private final SignedTransaction inFlight = TxBuilder.payment()
      .input(a, DevKeys.ACCOUNT_0)
      .input(b, DevKeys.ACCOUNT_0)
      .output(DevKeys.ACCOUNT_2, ETH, 16)
      .output(DevKeys.ACCOUNT_0, ETH, 1)
      .sign();

  @Test
  void ifeIdIsTheLow120BitsOfTheTxHash() {
    BigInteger full = new BigInteger(1, Keccak256.hash(inFlight.txBytes()));
    BigInteger id = InFlightExitId.of(inFlight.txBytes());
    assertThat(id.bitLength()).isLessThanOrEqualTo(120);
    assertThat(id).isEqualTo(full.mod(BigInteger.TWO.pow(120)));
    assertThat(InFlightExitId.of(Bytes.wrap(inFlight.txBytes()))).isEqualTo(id);
  }

  @Test
  void exitDataOrdersInputsAsTheTxSpendsThemAndProvesThem() {
    InFlightExitData data = InFlightExitData.of(inFlight, List.of(childInput, depositInput));
    assertThat(data.inputPositions()).containsExactly(a.encode(), b.encode());
    assertThat(data.inputTxs()).containsExactly(depositInput.txBytes(), childInput.txBytes());
    assertThat(data.inputTimestamps()).containsExactly(TS_DEPOSIT, TS_1000);
    assertThat(data.signatures())
        .containsExactly(
            inFlight.signatures().get(0).bytes(), inFlight.signatures().get(1).bytes());
    assertThat(data.input(0).amount()).isEqualTo(BigInteger.TEN);
    assertThat(data.input(1).owner()).isEqualTo(DevKeys.ACCOUNT_0.address());
    assertThat(data.ifeId()).isEqualTo(InFlightExitId.of(inFlight.txBytes()));
    assertThat(data.txHash()).isEqualTo(inFlight.txHash());
    assertThat(data.inputs().get(1).matches(BlockCommitment.of(block1000.root(), TS_1000)))
        .isTrue();
    assertThat(data.inputs().get(0).matches(BlockCommitment.of(deposit.root(), TS_DEPOSIT)))
        .isTrue();
  }

  @Test
  void exitableAtFollowsTheYoungestInput() {
    InFlightExitData data = InFlightExitData.of(inFlight, List.of(depositInput, childInput));
    assertThat(data.youngestInput().position()).isEqualTo(b);
    assertThat(data.exitableAt(TS_1000 + 10, MEP)).isEqualTo(TS_1000 + 2 * MEP);
    long late = TS_1000 + 5 * MEP;
    assertThat(data.exitableAt(late, MEP)).isEqualTo(late + MEP);
  }

  @Test
  void aYoungerDepositInputDoesNotShortenTheWait() {
    Deposit young = new Deposit(1001, DevKeys.ACCOUNT_0.address(), ETH, BigInteger.ONE);
    StandardExitData youngInput = new StandardExitData(
        young.position(),
        Bytes.wrap(young.transaction().encode()),
        MerkleTree.build(List.of(young.transaction().encode())).proof(0),
        TS_2000);
    SignedTransaction spendsBoth = TxBuilder.payment()
        .input(b, DevKeys.ACCOUNT_0)
        .input(young.position(), DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_2, ETH, 8)
        .sign();
    InFlightExitData data = InFlightExitData.of(spendsBoth, List.of(childInput, youngInput));
    assertThat(data.youngestInput().position()).isEqualTo(young.position());
    long now = TS_2000 + 10;
    assertThat(data.exitableAt(now, MEP))
        .as("2 MEP after the child-block input's block, not now + MEP")
        .isEqualTo(TS_1000 + 2 * MEP);
    long late = TS_1000 + 5 * MEP;
    assertThat(data.exitableAt(late, MEP)).isEqualTo(late + MEP);
  }

  @Test
  void exitDataRejectsMissingOrWrongInputData() {
    assertThatThrownBy(() -> InFlightExitData.of(inFlight, List.of(depositInput)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no exit data for input " + b);
    assertThatThrownBy(() -> new InFlightExitData(inFlight, List.of(childInput, depositInput)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input 0");
    SignedTransaction spendsMissingOutput = TxBuilder.payment()
        .input(1000, 0, 3, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_2, ETH, 1)
        .sign();
    StandardExitData wrong = new StandardExitData(
        OutputPosition.of(1000, 0, 3), childInput.txBytes(), childInput.proof(), TS_1000);
    assertThatThrownBy(() -> InFlightExitData.of(spendsMissingOutput, List.of(wrong)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no output 3");
    SignedTransaction deposit2 =
        TxBuilder.payment().output(DevKeys.ACCOUNT_2, ETH, 1).sign();
    assertThatThrownBy(() -> InFlightExitData.of(deposit2, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("with inputs");
  }

  @Test
  void competitorsAreFoundOldestFirstAndTheInFlightTxIsNotItsOwnCompetitor() {
    SignedTransaction inFlightRival = TxBuilder.payment()
        .input(b, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_3, ETH, 7)
        .sign();
    SignedTransaction includedLate = TxBuilder.payment()
        .input(a, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_3, ETH, 10)
        .sign();
    SignedTransaction includedEarly = TxBuilder.payment()
        .input(4, 0, 0, DevKeys.ACCOUNT_3)
        .input(b, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_3, ETH, 8)
        .sign();
    SignedTransaction unrelated = TxBuilder.payment()
        .input(5, 0, 0, DevKeys.ACCOUNT_3)
        .output(DevKeys.ACCOUNT_3, ETH, 1)
        .sign();
    Block b2000 = new Block(2000, List.of(unrelated, includedEarly));
    Block b3000 = new Block(3000, List.of(includedLate));
    List<KnownTransaction> known = new ArrayList<>();
    known.add(KnownTransaction.inFlight(inFlightRival));
    known.add(KnownTransaction.inFlight(inFlight));
    known.addAll(KnownTransaction.of(b3000, 4_000));
    known.addAll(KnownTransaction.of(b2000, TS_2000));

    List<Competitor> all = CompetitorFinder.all(inFlight.tx(), known);
    assertThat(all)
        .extracting(c -> c.competingTx())
        .containsExactly(includedEarly, includedLate, inFlightRival);
    Competitor oldest = all.get(0);
    assertThat(oldest.inputIndex()).isEqualTo(1);
    assertThat(oldest.competingInputIndex()).isEqualTo(1);
    assertThat(oldest.position()).isEqualTo(OutputPosition.of(2000, 1, 0).encode());
    assertThat(oldest.signature()).isEqualTo(includedEarly.signatures().get(1));
    assertThat(oldest
            .inclusion()
            .orElseThrow()
            .proves(includedEarly.txBytes(), BlockCommitment.of(b2000.root(), TS_2000)))
        .isTrue();
    assertThat(all.get(1).inputIndex()).isZero();
    Competitor pending = all.get(2);
    assertThat(pending.position()).isZero();
    assertThat(pending.priority()).isEqualTo(Long.MAX_VALUE);
    assertThat(pending.proof().length()).isEqualTo(MerkleTree.PROOF_LENGTH);
    assertThat(CompetitorFinder.oldest(inFlight.tx(), known)).contains(oldest);
    assertThat(
            CompetitorFinder.oldest(inFlight.tx(), List.of(KnownTransaction.inFlight(unrelated))))
        .isEmpty();
  }

  @Test
  void aCompetitorWithoutTheSharedInputsSignatureDoesNotCount() {
    SignedTransaction signed = TxBuilder.payment()
        .input(b, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_3, ETH, 7)
        .sign();
    SignedTransaction unsigned = SignedTransaction.of(signed.tx(), List.of(), signed.domain());
    assertThat(CompetitorFinder.all(inFlight.tx(), List.of(KnownTransaction.inFlight(unsigned))))
        .isEmpty();
  }

  @Test
  void commitmentsBindTheSenderAsTheGamesCheckThem() {
    Address me = DevKeys.ACCOUNT_3.address();
    BigInteger ifeId = InFlightExitId.of(inFlight.txBytes());
    Bytes tx = Bytes.wrap(inFlight.txBytes());
    assertThat(ExitGameCommitments.withTx(me, ifeId, tx))
        .isEqualTo(new Bytes32(Keccak256.hash(
            Abi.concat(Abi.word(me), Abi.word(ifeId), Keccak256.hash(inFlight.txBytes())))));
    long competitor = OutputPosition.of(1000, 0, 0).encode();
    assertThat(ExitGameCommitments.response(me, ifeId, competitor))
        .isEqualTo(new Bytes32(Keccak256.hash(
            Abi.concat(Abi.word(me), Abi.word(ifeId), Bytes32.ofUint(competitor).value()))));
    assertThat(ExitGameCommitments.massExitChallenge(me, BigInteger.TWO, 5, tx))
        .isEqualTo(new Bytes32(Keccak256.hash(Abi.concat(
            Abi.word(me), Abi.word(2), Abi.word(5), Keccak256.hash(inFlight.txBytes())))));
    assertThat(ExitGameCommitments.withTx(DevKeys.ACCOUNT_4.address(), ifeId, tx))
        .isNotEqualTo(ExitGameCommitments.withTx(me, ifeId, tx));
  }

  // ---- canonicity

  private static InFlightExitState state(boolean canonical, long oldestCompetitor, long startedAt) {
    return new InFlightExitState(
        DevKeys.ACCOUNT_0.address(),
        DevKeys.ACCOUNT_0.address(),
        startedAt,
        startedAt + MEP,
        0,
        BigInteger.valueOf(oldestCompetitor),
        canonical,
        0,
        0,
        false);
  }

  /** The in-flight transaction included as the only transaction of block {@code blkNum}. */
  private Inclusion inFlightAlone(long blkNum, long timestamp) {
    Block own = new Block(blkNum, List.of(inFlight));
    return Inclusion.of(own, own.merkleTree(), 0, timestamp);
  }

  /** A double spend of the in-flight transaction's input 0 (the deposit). */
  private SignedTransaction rivalForA() {
    return TxBuilder.payment()
        .input(a, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_3, ETH, 10)
        .sign();
  }

  private static final long STARTED = 10_000;
  private static final long IN_PERIOD_1 = STARTED + MEP / 2 - 1;

  @Test
  void anUnchallengedExitWithAnOlderIncludedCompetitorIsChallengedInPeriodOneOnly() {
    SignedTransaction rival = rivalForA();
    List<KnownTransaction> known = KnownTransaction.of(new Block(2000, List.of(rival)), TS_2000);
    Canonicity c = Canonicity.evaluate(
        inFlight.tx(), Optional.empty(), known, state(true, 0, STARTED), IN_PERIOD_1, MEP);
    assertThat(c.canonical()).isFalse();
    assertThat(c.challenge().orElseThrow().competingTx()).isEqualTo(rival);
    assertThat(c.response()).isEmpty();
    Canonicity late = Canonicity.evaluate(
        inFlight.tx(), Optional.empty(), known, state(true, 0, STARTED), STARTED + MEP / 2, MEP);
    assertThat(late.canonical()).isFalse();
    assertThat(late.challenge()).isEmpty();
  }

  @Test
  void aCompetitorYoungerThanTheIncludedInFlightTxIsNoReasonToChallenge() {
    Inclusion at = inFlightAlone(2000, TS_2000);
    SignedTransaction rival = rivalForA();
    List<KnownTransaction> known =
        new ArrayList<>(KnownTransaction.of(new Block(3000, List.of(rival)), 4_000));
    known.add(KnownTransaction.included(inFlight, at));
    Canonicity c = Canonicity.evaluate(
        inFlight.tx(), Optional.of(at), known, state(true, 0, STARTED), IN_PERIOD_1, MEP);
    assertThat(c.canonical()).isTrue();
    assertThat(c.challenge()).isEmpty();
    assertThat(c.response()).isEmpty();
  }

  @Test
  void aWronglyChallengedIncludedTxIsAnsweredWithItsInclusion() {
    Inclusion at = inFlightAlone(2000, TS_2000);
    SignedTransaction rival = rivalForA();
    List<KnownTransaction> known = List.of(KnownTransaction.inFlight(rival));
    // challenged with a competitor that is not included (stored as 0 or as the largest uint)
    for (long stored : new long[] {0, Long.MAX_VALUE}) {
      Canonicity c = Canonicity.evaluate(
          inFlight.tx(), Optional.of(at), known, state(false, stored, STARTED), STARTED + MEP, MEP);
      assertThat(c.canonical()).isTrue();
      assertThat(c.response()).contains(at);
      assertThat(c.challenge()).isEmpty();
    }
    // challenged with an included competitor older than the tx: no response is possible
    Canonicity lost = Canonicity.evaluate(
        inFlight.tx(),
        Optional.of(at),
        known,
        state(false, OutputPosition.of(1000, 5, 0).encode(), STARTED),
        STARTED + MEP,
        MEP);
    assertThat(lost.response()).isEmpty();
  }

  @Test
  void afterAResponseOnlyACompetitorOlderThanTheResponseMayChallenge() {
    Inclusion at = inFlightAlone(3000, 4_000);
    SignedTransaction older = rivalForA();
    List<KnownTransaction> known =
        new ArrayList<>(KnownTransaction.of(new Block(2000, List.of(older)), TS_2000));
    known.add(KnownTransaction.inFlight(TxBuilder.payment()
        .input(b, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_3, ETH, 7)
        .sign()));
    InFlightExitState responded = state(true, at.position(), STARTED);
    Canonicity c =
        Canonicity.evaluate(inFlight.tx(), Optional.of(at), known, responded, IN_PERIOD_1, MEP);
    assertThat(c.canonical()).isFalse();
    assertThat(c.challenge().orElseThrow().competingTx()).isEqualTo(older);
  }

  @Test
  void aFinalizedExitNeedsNothingAndAnExitWithoutCompetitorsIsCanonical() {
    InFlightExitState done = new InFlightExitState(
        DevKeys.ACCOUNT_0.address(),
        DevKeys.ACCOUNT_0.address(),
        STARTED,
        STARTED + MEP,
        0,
        BigInteger.ZERO,
        true,
        0,
        0,
        true);
    SignedTransaction rival = rivalForA();
    Canonicity c = Canonicity.evaluate(
        inFlight.tx(),
        Optional.empty(),
        List.of(KnownTransaction.inFlight(rival)),
        done,
        IN_PERIOD_1,
        MEP);
    assertThat(c.challenge()).isEmpty();
    assertThat(c.canonical()).isFalse();
    Canonicity alone = Canonicity.evaluate(
        inFlight.tx(),
        Optional.empty(),
        List.of(KnownTransaction.inFlight(inFlight)),
        state(true, 0, STARTED),
        IN_PERIOD_1,
        MEP);
    assertThat(alone.canonical()).isTrue();
    assertThat(alone.challenge()).isEmpty();
    assertThat(alone.response()).isEmpty();
    assertThat(done.exists()).isTrue();
  }

  // ---- piggyback spends

  @Test
  void aPiggybackedInputSpentElsewhereIsFound() {
    SignedTransaction rival = TxBuilder.payment()
        .input(7, 0, 0, DevKeys.ACCOUNT_3)
        .input(b, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_3, ETH, 10)
        .sign();
    List<KnownTransaction> known =
        List.of(KnownTransaction.inFlight(inFlight), KnownTransaction.inFlight(rival));
    PiggybackSpend spend =
        PiggybackSpendFinder.inputSpent(inFlight.tx(), 1, known).orElseThrow();
    assertThat(spend.output()).isFalse();
    assertThat(spend.index()).isEqualTo(1);
    assertThat(spend.spendingTx()).isEqualTo(rival);
    assertThat(spend.spendingInputIndex()).isEqualTo(1);
    assertThat(spend.signature()).isEqualTo(rival.signatures().get(1));
    assertThat(PiggybackSpendFinder.inputSpent(inFlight.tx(), 0, known)).isEmpty();
    BigInteger ifeId = InFlightExitId.of(inFlight.txBytes());
    assertThat(spend.commitment(DevKeys.ACCOUNT_4.address(), ifeId))
        .isEqualTo(ExitGameCommitments.withTx(
            DevKeys.ACCOUNT_4.address(), ifeId, Bytes.wrap(rival.txBytes())));
  }

  @Test
  void aPiggybackedOutputSpentAfterInclusionIsFound() {
    Block own = new Block(2000, List.of(funding, inFlight));
    Inclusion at = Inclusion.of(own, own.merkleTree(), 1, TS_2000);
    SignedTransaction spender = TxBuilder.payment()
        .input(at.outputPosition(1), DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_3, ETH, 1)
        .sign();
    List<KnownTransaction> known = new ArrayList<>(KnownTransaction.of(own, TS_2000));
    known.add(KnownTransaction.inFlight(spender));
    PiggybackSpend spend =
        PiggybackSpendFinder.outputSpent(inFlight.tx(), 1, at, known).orElseThrow();
    assertThat(spend.output()).isTrue();
    assertThat(spend.spendingTx()).isEqualTo(spender);
    assertThat(spend.inFlightInclusion()).contains(at);
    assertThat(PiggybackSpendFinder.outputSpent(inFlight.tx(), 0, at, known)).isEmpty();
    assertThatThrownBy(() -> PiggybackSpendFinder.outputSpent(inFlight.tx(), 2, at, known))
        .isInstanceOf(IllegalArgumentException.class);

    InFlightExitState piggybacked = new InFlightExitState(
        DevKeys.ACCOUNT_0.address(),
        DevKeys.ACCOUNT_0.address(),
        STARTED,
        STARTED + MEP,
        0,
        BigInteger.ZERO,
        true,
        0b00,
        0b11,
        false);
    assertThat(PiggybackSpendFinder.all(inFlight.tx(), Optional.of(at), piggybacked, known))
        .containsExactly(spend);
    assertThat(PiggybackSpendFinder.all(inFlight.tx(), Optional.empty(), piggybacked, known))
        .isEmpty();
  }
}
