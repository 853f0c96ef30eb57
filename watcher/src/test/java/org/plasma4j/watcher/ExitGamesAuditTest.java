package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitResponded;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.advice.ExitAdvice;
import org.plasma4j.watcher.challenge.ChallengeTask;
import org.plasma4j.watcher.events.ByzantineEvent;

/** In-flight exits, piggybacks and mass exits judged against the watcher's ledger. */
class ExitGamesAuditTest {

  static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  static final KeyPair BOB = DevKeys.ACCOUNT_3;
  static final KeyPair CAROL = DevKeys.ACCOUNT_4;

  final TestChain chain = new TestChain();
  final OutputPosition deposit = chain.deposit(ALICE, 100);
  final SignedTransaction toBob = pay(deposit, ALICE, BOB, 90);
  final SignedTransaction toCarol = pay(deposit, ALICE, CAROL, 90);

  static SignedTransaction pay(OutputPosition in, KeyPair owner, KeyPair to, long amount) {
    return TxBuilder.payment().input(in, owner).output(to, Address.ETH, amount).sign();
  }

  long exitableAt() {
    return chain.l1.headTimestamp() + TestChain.MEP;
  }

  BigInteger startIfe(SignedTransaction tx) {
    BigInteger id = InFlightExitId.of(tx.txBytes());
    chain.l1.append(new InFlightExitStarted(
        id,
        ALICE.address(),
        tx.txHash(),
        deposit.encode(),
        exitableAt(),
        Bytes.wrap(tx.txBytes()),
        List.of(),
        LogPlace.inBlock(chain.l1.mine())));
    return id;
  }

  List<ByzantineEvent> events(WatcherNode w, String type) {
    return w.byzantineEvents(0).stream().filter(e -> e.type().equals(type)).toList();
  }

  @Test
  void anInFlightExitWithAnOlderIncludedCompetitorIsNonCanonicalAndChallenged() {
    long blk = chain.submit(toBob);
    long at = OutputPosition.of(blk, 0, 0).encode();
    BigInteger id = startIfe(toCarol);
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "non_canonical_ife"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("ifeId", id.toString())
              .containsEntry("competitorPosition", Long.toString(at)));
      assertThat(chain.challenger.sent)
          .singleElement()
          .isInstanceOfSatisfying(ChallengeTask.IfeCanonicityChallenge.class, c -> {
            assertThat(c.competingTx()).isEqualTo(Bytes.wrap(toBob.txBytes()));
            assertThat(c.competingTxPosition()).isEqualTo(at);
            assertThat(c.inputIndex()).isZero();
            assertThat(c.competingTxSignature()).isEqualTo(toBob.signatures().get(0));
            Bytes32 root = MerkleTree.rootFromProof(
                MerkleTree.leafHash32(toBob.txBytes()), 0, c.competingTxProof());
            assertThat(BlockCommitment.of(root, c.competingTxTimestamp()))
                .isEqualTo(BlockCommitment.of(
                    chain.l1.submitted().get(0).root(),
                    chain.l1.submitted().get(0).timestamp()));
          });
    }
  }

  @Test
  void aChallengeOfACanonicalInFlightExitIsInvalidAndAnswered() {
    long blk = chain.submit(toBob);
    long at = OutputPosition.of(blk, 0, 0).encode();
    BigInteger id = startIfe(toBob);
    chain.l1.append(
        new InFlightExitChallenged(id, CAROL.address(), 0, LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "non_canonical_ife")).isEmpty();
      assertThat(events(w, "invalid_ife_challenge"))
          .singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("includedAt", Long.toString(at)));
      assertThat(chain.challenger.sent)
          .singleElement()
          .isInstanceOfSatisfying(
              ChallengeTask.IfeCanonicityResponse.class,
              r -> assertThat(r.inFlightTxPosition()).isEqualTo(at));

      chain.l1.append(new InFlightExitResponded(
          id, chain.challenger.address, at, LogPlace.inBlock(chain.l1.mine())));
      w.pollOnce();
      assertThat(chain.challenger.sent).hasSize(1);
    }
  }

  @Test
  void aPiggybackOnASpentInputIsInvalidAndChallenged() {
    chain.submit(toBob);
    BigInteger id = startIfe(toCarol);
    chain.l1.append(
        new Piggybacked(id, ALICE.address(), false, 0, LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_piggyback"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("piggyback", "in:0")
              .containsEntry("spentBy", toBob.txHash().toString()));
      assertThat(chain.challenger.sent)
          .filteredOn(t -> t instanceof ChallengeTask.PiggybackInputChallenge)
          .singleElement()
          .isInstanceOfSatisfying(
              ChallengeTask.PiggybackInputChallenge.class,
              c -> assertThat(c.spendingTx()).isEqualTo(Bytes.wrap(toBob.txBytes())));
    }
  }

  @Test
  void aPiggybackOnASpentOutputIsInvalidAndUnchallengedNearItsDeadline() {
    long b1 = chain.submit(toBob);
    SignedTransaction bobSpends = pay(OutputPosition.of(b1, 0, 0), BOB, CAROL, 80);
    chain.submit(bobSpends);
    BigInteger id = startIfe(toBob);
    long deadline = exitableAt();
    chain.l1.append(new Piggybacked(id, BOB.address(), true, 0, LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_piggyback"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("piggyback", "out:0")
              .containsEntry("spentBy", bobSpends.txHash().toString()));
      assertThat(chain.challenger.sent)
          .singleElement()
          .isInstanceOfSatisfying(ChallengeTask.PiggybackOutputChallenge.class, c -> {
            assertThat(c.inFlightTxPosition())
                .isEqualTo(OutputPosition.of(b1, 0, 0).encode());
            assertThat(c.spendingTx()).isEqualTo(Bytes.wrap(bobSpends.txBytes()));
          });
      assertThat(events(w, "unchallenged_piggyback")).isEmpty();
      chain.l1.setHeadTimestamp(deadline - 60);
      w.pollOnce();
      assertThat(events(w, "unchallenged_piggyback")).hasSize(1);
    }
  }

  /**
   * A past payer exits her old, canonical payment in flight after its receiver spent what it got:
   * the receiver's output is spent, so a piggyback on it would only hand its bond to the
   * challenger. Alice plays the past payer, Bob the receiver who paid Carol.
   */
  @Test
  void anOutputItsOwnerAlreadySpentIsNotOfferedForPiggyback() {
    long b1 = chain.submit(toBob);
    SignedTransaction bobPaysCarol = pay(OutputPosition.of(b1, 0, 0), BOB, CAROL, 80);
    chain.submit(bobPaysCarol);
    startIfe(toBob);
    try (WatcherNode w = chain.watcher(chain.config().watching(Set.of(BOB.address())))) {
      w.pollOnce();
      assertThat(w.exitAdvice(BOB.address()).inFlightExits()).isEmpty();
    }
  }

  @Test
  void anUnspentOutputOfAnIncludedPaymentIsOfferedWithItsCanonicalVerdict() {
    chain.submit(toBob);
    BigInteger id = startIfe(toBob);
    try (WatcherNode w = chain.watcher(chain.config().watching(Set.of(BOB.address())))) {
      w.pollOnce();
      assertThat(w.exitAdvice(BOB.address()).inFlightExits()).singleElement().satisfies(p -> {
        assertThat(p.ifeId()).isEqualTo(id);
        assertThat(p.canonical()).isTrue();
        assertThat(p.outputs()).containsExactly(0);
      });
    }
  }

  @Test
  void anInputAnotherTransactionSpendsIsNotOfferedForPiggyback() {
    chain.submit(toBob);
    startIfe(toCarol); // Alice signed both: her input is spent by the payment to Bob
    try (WatcherNode w =
        chain.watcher(chain.config().watching(Set.of(ALICE.address(), CAROL.address())))) {
      w.pollOnce();
      assertThat(w.exitAdvice(ALICE.address()).inFlightExits()).isEmpty();
      assertThat(w.exitAdvice(CAROL.address()).inFlightExits())
          .singleElement()
          .satisfies(p -> assertThat(p.canonical()).isFalse());
    }
  }

  @Test
  void aWatchedOwnerIsToldItCanPiggyback() {
    BigInteger id = startIfe(toBob); // in flight: never included
    try (WatcherNode w = chain.watcher(chain.config().watching(Set.of(BOB.address())))) {
      w.pollOnce();
      assertThat(events(w, "piggyback_available"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("piggyback", "out:0")
              .containsEntry("owner", BOB.address().toHex()));
      assertThat(w.exitAdvice(BOB.address()).inFlightExits()).singleElement().satisfies(p -> {
        assertThat(p.ifeId()).isEqualTo(id);
        assertThat(p.canonical()).isTrue();
        assertThat(p.outputs()).containsExactly(0);
        assertThat(p.inputs()).isEmpty();
      });
      assertThat(w.exitAdvice(ALICE.address()).inFlightExits())
          .extracting(ExitAdvice.Piggyback::inputs)
          .containsExactly(List.of(0));
    }
  }

  @Test
  void aMassExitLeafOfASpentOutputIsChallengedAloneTheOthersAreLeftAlone() {
    OutputPosition carols = chain.deposit(CAROL, 50);
    chain.submit(toBob);
    List<MassExitLeaf> leaves = List.of(
        new MassExitLeaf(
            deposit.encode(),
            Bytes32.ofUint(deposit.encode()),
            ALICE.address(),
            BigInteger.valueOf(100)),
        new MassExitLeaf(
            carols.encode(),
            Bytes32.ofUint(carols.encode()),
            CAROL.address(),
            BigInteger.valueOf(50)));
    chain.l1.append(new MassExitStarted(
        BigInteger.ONE,
        ALICE.address(),
        Address.ETH,
        exitableAt(),
        carols.encode(),
        leaves,
        LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_exit"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("kind", "mass")
              .containsEntry("batchId", "1")
              .containsEntry("leafIndex", "0"));
      assertThat(chain.challenger.sent)
          .singleElement()
          .isInstanceOfSatisfying(ChallengeTask.MassExitLeafChallenge.class, c -> {
            assertThat(c.leafIndex()).isZero();
            assertThat(c.leaves()).isEqualTo(leaves);
            assertThat(c.spendingTx()).isEqualTo(Bytes.wrap(toBob.txBytes()));
          });
    }
  }

  @Test
  void aMassExitLeafSpentByAnInFlightTransactionIsChallengedWithItsPublishedSignature() {
    // the initiator batches his own deposit beside a consented one and spends it in flight, never
    // included
    OutputPosition ians = chain.deposit(BOB, 500);
    SignedTransaction inFlight = pay(ians, BOB, CAROL, 500);
    BigInteger ifeId = InFlightExitId.of(inFlight.txBytes());
    chain.l1.append(new InFlightExitStarted(
        ifeId,
        CAROL.address(),
        inFlight.txHash(),
        ians.encode(),
        exitableAt(),
        Bytes.wrap(inFlight.txBytes()),
        List.of(inFlight.signatures().get(0).bytes()),
        LogPlace.inBlock(chain.l1.mine())));
    List<MassExitLeaf> leaves = List.of(
        new MassExitLeaf(
            deposit.encode(),
            Bytes32.ofUint(deposit.encode()),
            ALICE.address(),
            BigInteger.valueOf(100)),
        new MassExitLeaf(
            ians.encode(), Bytes32.ofUint(ians.encode()), BOB.address(), BigInteger.valueOf(500)));
    chain.l1.append(new MassExitStarted(
        BigInteger.ONE,
        BOB.address(),
        Address.ETH,
        exitableAt(),
        ians.encode(),
        leaves,
        LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_exit"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("kind", "mass")
              .containsEntry("batchId", "1")
              .containsEntry("leafIndex", "1")
              .containsEntry("owner", BOB.address().toHex())
              .containsEntry("spentBy", inFlight.txHash().toHex())
              .containsEntry("spentAt", "in_flight:" + ifeId));
      assertThat(chain.challenger.sent)
          .singleElement()
          .isInstanceOfSatisfying(ChallengeTask.MassExitLeafChallenge.class, c -> {
            assertThat(c.batchId()).isEqualTo(BigInteger.ONE);
            assertThat(c.leafIndex()).isEqualTo(1);
            assertThat(c.leaves()).isEqualTo(leaves);
            assertThat(c.spendingTx()).isEqualTo(Bytes.wrap(inFlight.txBytes()));
            assertThat(c.spendingInputIndex()).isZero();
            assertThat(c.signature()).isEqualTo(inFlight.signatures().get(0));
          });
    }
  }

  @Test
  void anInFlightExitWhoseSignaturesAreUnknownIsNoEvidenceAgainstOtherExits() {
    OutputPosition ians = chain.deposit(BOB, 500);
    SignedTransaction inFlight = pay(ians, BOB, CAROL, 500);
    chain.l1.append(new InFlightExitStarted(
        InFlightExitId.of(inFlight.txBytes()),
        CAROL.address(),
        inFlight.txHash(),
        ians.encode(),
        exitableAt(),
        Bytes.wrap(inFlight.txBytes()),
        List.of(),
        LogPlace.inBlock(chain.l1.mine())));
    List<MassExitLeaf> leaves = List.of(new MassExitLeaf(
        ians.encode(), Bytes32.ofUint(ians.encode()), BOB.address(), BigInteger.valueOf(500)));
    chain.l1.append(new MassExitStarted(
        BigInteger.ONE,
        BOB.address(),
        Address.ETH,
        exitableAt(),
        ians.encode(),
        leaves,
        LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_exit")).isEmpty();
      assertThat(chain.challenger.sent)
          .noneMatch(t -> t instanceof ChallengeTask.MassExitLeafChallenge);
    }
  }

  @Test
  void aStandardExitOfAnInputOfAnInFlightTransactionIsChallengedWithIt() {
    BigInteger ifeId = InFlightExitId.of(toBob.txBytes());
    chain.l1.append(new InFlightExitStarted(
        ifeId,
        BOB.address(),
        toBob.txHash(),
        deposit.encode(),
        exitableAt(),
        Bytes.wrap(toBob.txBytes()),
        List.of(toBob.signatures().get(0).bytes()),
        LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(new ExitStartedEvent(
        deposit.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        exitableAt(),
        LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_exit"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("kind", "standard")
              .containsEntry("position", Long.toString(deposit.encode()))
              .containsEntry("spentBy", toBob.txHash().toHex())
              .containsEntry("spentAt", "in_flight:" + ifeId));
      assertThat(chain.challenger.sent)
          .filteredOn(t -> t instanceof ChallengeTask.StandardExitChallenge)
          .singleElement()
          .isInstanceOfSatisfying(ChallengeTask.StandardExitChallenge.class, c -> {
            assertThat(c.data().position()).isEqualTo(deposit);
            assertThat(c.data().spendingTxBytes()).isEqualTo(Bytes.wrap(toBob.txBytes()));
            assertThat(c.data().inputIndex()).isZero();
            assertThat(c.data().signature()).isEqualTo(toBob.signatures().get(0));
          });
    }
  }
}
