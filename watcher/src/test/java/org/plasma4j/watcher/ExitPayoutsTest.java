package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.exit.OutputKey;
import org.plasma4j.core.rootchain.ExitGameEvents.DeferredExitRetried;
import org.plasma4j.core.rootchain.ExitGameEvents.ExitDeferred;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitOutputChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitOutputPaid;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.PiggybackPaid;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitFinalizedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.challenge.ChallengeTask;
import org.plasma4j.watcher.events.ByzantineEvent;

/**
 * Outputs that an exit game holds or paid, through the contracts' output keys: a later block that
 * spends a paid one is invalid, whichever game paid it; a spend of one only held challenges its
 * exit. The watcher survives a restart with the same verdicts.
 */
class ExitPayoutsTest {

  static final KeyPair ALICE = WatcherNodeTest.ALICE;
  static final KeyPair BOB = WatcherNodeTest.BOB;
  static final KeyPair CAROL = WatcherNodeTest.CAROL;

  final TestChain chain = new TestChain();

  static SignedTransaction pay(OutputPosition in, KeyPair owner, KeyPair to, long amount) {
    return WatcherNodeTest.pay(in, owner, to, amount);
  }

  long exitableAt() {
    return chain.l1.headTimestamp() + TestChain.MEP;
  }

  List<ByzantineEvent> events(WatcherNode w, String type) {
    return w.byzantineEvents(0).stream().filter(e -> e.type().equals(type)).toList();
  }

  /** A one-leaf mass exit of {@code position} (key {@code key}), processed and paid. */
  BigInteger massExitPaid(
      OutputPosition position, org.plasma4j.core.types.Bytes32 key, KeyPair owner, long amount) {
    BigInteger batch = BigInteger.valueOf(7);
    List<MassExitLeaf> leaves = List.of(
        new MassExitLeaf(position.encode(), key, owner.address(), BigInteger.valueOf(amount)));
    chain.l1.append(new MassExitStarted(
        batch,
        owner.address(),
        Address.ETH,
        exitableAt(),
        position.encode(),
        leaves,
        LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(new MassExitFinalized(batch, Address.ETH, LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(new MassExitOutputPaid(
        batch,
        owner.address(),
        position.encode(),
        BigInteger.valueOf(amount),
        LogPlace.inBlock(chain.l1.mine())));
    return batch;
  }

  @Test
  void anOutputPaidByAMassExitAndSpentInALaterBlockMakesThatBlockInvalid() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    SignedTransaction toBob = pay(deposit, ALICE, BOB, 90);
    long b1 = chain.submit(toBob);
    OutputPosition bobs = OutputPosition.of(b1, 0, 0);
    // the operator and Bob get Bob's output paid by a mass exit, then the operator includes Bob's
    // spend of it
    massExitPaid(bobs, OutputKey.of(toBob.tx(), bobs), BOB, 90);
    long b2 = chain.submit(pay(bobs, BOB, CAROL, 80));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_block"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("blkNum", Long.toString(b2))
              .containsEntry("error", "invalid_tx:EXITING_INPUT"));
      assertThat(w.status().firstBadBlock()).isEqualTo(b2);
      assertThat(w.status().lastValidBlock()).isEqualTo(b1);
    }
    try (WatcherNode again =
        chain.watcher()) { // a restart derives the same verdict and reports nothing twice
      again.pollOnce();
      assertThat(again.status().firstBadBlock()).isEqualTo(b2);
      assertThat(again.byzantineEvents(0)).hasSize(1);
    }
  }

  @Test
  void aLeafOfAProcessedBatchNobodyWithdrewYetMayNotBeSpentLater() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    BigInteger batch = BigInteger.valueOf(9);
    List<MassExitLeaf> leaves = List.of(new MassExitLeaf(
        deposit.encode(),
        org.plasma4j.core.types.Bytes32.ofUint(deposit.encode()),
        ALICE.address(),
        BigInteger.valueOf(100)));
    chain.l1.append(new MassExitStarted(
        batch,
        ALICE.address(),
        Address.ETH,
        exitableAt(),
        deposit.encode(),
        leaves,
        LogPlace.inBlock(chain.l1.mine())));
    // processed: the escrow left the vault; withdrawMassExit (MassExitOutputPaid) has not been
    // called
    chain.l1.append(new MassExitFinalized(batch, Address.ETH, LogPlace.inBlock(chain.l1.mine())));
    long blk = chain.submit(pay(deposit, ALICE, BOB, 90));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_block"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("blkNum", Long.toString(blk))
              .containsEntry("error", "invalid_tx:EXITING_INPUT"));
      assertThat(w.status().firstBadBlock()).isEqualTo(blk);
    }
  }

  @Test
  void aDepositPaidByAMassExitIsKeyedByItsPositionAndMayNotBeSpentLater() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    massExitPaid(deposit, org.plasma4j.core.types.Bytes32.ofUint(deposit.encode()), ALICE, 100);
    long blk = chain.submit(pay(deposit, ALICE, BOB, 90));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_block"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("blkNum", Long.toString(blk))
              .containsEntry("error", "invalid_tx:EXITING_INPUT"));
      assertThat(w.exitAdvice(ALICE.address()).standardExits())
          .as("paid already: no exit of it to advise")
          .isEmpty();
    }
  }

  @Test
  void aMassExitLeafChallengedAwayFreesItsOutput() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    BigInteger batch = BigInteger.ONE;
    chain.l1.append(new MassExitStarted(
        batch,
        ALICE.address(),
        Address.ETH,
        exitableAt(),
        deposit.encode(),
        List.of(new MassExitLeaf(
            deposit.encode(),
            org.plasma4j.core.types.Bytes32.ofUint(deposit.encode()),
            ALICE.address(),
            BigInteger.valueOf(100))),
        LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(new MassExitOutputChallenged(
        batch, CAROL.address(), 0, deposit.encode(), LogPlace.inBlock(chain.l1.mine())));
    chain.submit(pay(deposit, ALICE, BOB, 90));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_block")).isEmpty();
    }
  }

  @Test
  void anOutputPaidThroughAPiggybackMayNotBeSpentOnceItsTransactionIsIncluded() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    SignedTransaction toBob = pay(deposit, ALICE, BOB, 90);
    BigInteger id = InFlightExitId.of(toBob.txBytes());
    chain.l1.append(new InFlightExitStarted(
        id,
        ALICE.address(),
        toBob.txHash(),
        deposit.encode(),
        exitableAt(),
        Bytes.wrap(toBob.txBytes()),
        List.of(),
        LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(new Piggybacked(id, BOB.address(), true, 0, LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(
        new InFlightExitFinalized(id, Address.ETH, true, LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(new PiggybackPaid(
        id,
        BOB.address(),
        true,
        0,
        Address.ETH,
        BigInteger.valueOf(90),
        LogPlace.inBlock(chain.l1.mine())));
    // the in-flight transaction itself may still be included: its inputs are spent by it
    long b1 = chain.submit(toBob);
    long b2 = chain.submit(pay(OutputPosition.of(b1, 0, 0), BOB, CAROL, 80));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_block"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("blkNum", Long.toString(b2))
              .containsEntry("error", "invalid_tx:EXITING_INPUT"));
      assertThat(w.status().lastValidBlock()).isEqualTo(b1);
    }
  }

  @Test
  void
      anInputOfAnInFlightExitSpentByAnotherTransactionAfterTheExitStartedMakesTheExitNonCanonicalNotTheBlockInvalid() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    SignedTransaction toBob = pay(deposit, ALICE, BOB, 90);
    BigInteger id = InFlightExitId.of(toBob.txBytes());
    chain.l1.append(new InFlightExitStarted(
        id,
        ALICE.address(),
        toBob.txHash(),
        deposit.encode(),
        exitableAt(),
        Bytes.wrap(toBob.txBytes()),
        List.of(),
        LogPlace.inBlock(chain.l1.mine())));
    SignedTransaction toCarol = pay(deposit, ALICE, CAROL, 90);
    long blk =
        chain.submit(toCarol); // a competitor, signed by Alice, included after the exit started
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_block")).isEmpty();
      assertThat(w.status().lastValidBlock()).isEqualTo(blk);
      assertThat(events(w, "non_canonical_ife"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("ifeId", id.toString())
              .containsEntry("competitor", toCarol.txHash().toString()));
      assertThat(chain.challenger.sent)
          .singleElement()
          .isInstanceOf(ChallengeTask.IfeCanonicityChallenge.class);
    }
  }

  @Test
  void aStandardExitHoldsItsOutputUntilChallengedAndPaidItForGood() {
    OutputPosition a = chain.deposit(ALICE, 100);
    OutputPosition c = chain.deposit(CAROL, 100);
    chain.l1.append(new ExitStartedEvent(
        a.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        exitableAt(),
        LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(new ExitStartedEvent(
        c.encode(),
        CAROL.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        exitableAt(),
        LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(
        new ExitChallengedEvent(c.encode(), BOB.address(), LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(new ExitFinalizedEvent(
        a.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        LogPlace.inBlock(chain.l1.mine())));
    long freed = chain.submit(pay(c, CAROL, BOB, 90));
    long paid = chain.submit(pay(a, ALICE, BOB, 90));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_block"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("blkNum", Long.toString(paid))
              .containsEntry("error", "invalid_tx:EXITING_INPUT"));
      assertThat(w.status().lastValidBlock()).isEqualTo(freed);
    }
  }

  @Test
  void aSpendOfAnOutputAnOpenExitHoldsIsChallengedNotCondemned() {
    OutputPosition a = chain.deposit(ALICE, 100);
    // Alice starts an exit and sends a spend of the same output (or sent it before): the spend she
    // signed
    // is the evidence that challenges her exit, whenever its block is mined
    chain.l1.append(new ExitStartedEvent(
        a.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        exitableAt(),
        LogPlace.inBlock(chain.l1.mine())));
    long blk = chain.submit(pay(a, ALICE, BOB, 90));
    for (int i = 0; i < 3; i++) {
      chain.l1.mine();
    }
    try (WatcherNode w = chain.watcher(chain.config().withFollowing(3, Duration.ofSeconds(1), 0))) {
      w.pollOnce();
      assertThat(w.status().lastValidBlock()).isEqualTo(blk);
      assertThat(events(w, "invalid_block")).isEmpty();
      assertThat(events(w, "invalid_exit"))
          .singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("position", a.toString()));
    }
  }

  @Test
  void aDeferredMassExitStaysOpenItsSpentLeafIsStillChallengedAndTheDeferralIsReported() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    SignedTransaction toBob = pay(deposit, ALICE, BOB, 90);
    chain.submit(toBob);
    BigInteger batch = BigInteger.valueOf(3);
    chain.l1.append(new MassExitStarted(
        batch,
        ALICE.address(),
        Address.ETH,
        exitableAt(),
        deposit.encode(),
        List.of(new MassExitLeaf(
            deposit.encode(),
            org.plasma4j.core.types.Bytes32.ofUint(deposit.encode()),
            ALICE.address(),
            BigInteger.valueOf(100))),
        LogPlace.inBlock(chain.l1.mine())));
    BigInteger entry = BigInteger.valueOf(exitableAt())
        .shiftLeft(192)
        .or(BigInteger.valueOf(deposit.encode()).shiftLeft(128))
        .or(BigInteger.TWO.shiftLeft(120))
        .or(batch);
    chain.l1.append(new ExitDeferred(
        Address.ETH, entry, Bytes.fromHex("0xdeadbeef"), LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "exit_deferred"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("kind", "mass")
              .containsEntry("exitId", "3")
              .containsEntry("reason", "0xdeadbeef"));
      assertThat(events(w, "invalid_exit"))
          .singleElement()
          .satisfies(e ->
              assertThat(e.details()).containsEntry("kind", "mass").containsEntry("batchId", "3"));

      chain.l1.append(new DeferredExitRetried(
          Address.ETH, entry, CAROL.address(), LogPlace.inBlock(chain.l1.mine())));
      w.pollOnce();
      assertThat(events(w, "exit_deferred")).hasSize(1);
    }
  }

  @Test
  void aNonCanonicalInFlightExitLeftUnchallengedPastItsWindowRaisesAnAlarm() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    SignedTransaction toBob = pay(deposit, ALICE, BOB, 90);
    SignedTransaction toCarol = pay(deposit, ALICE, CAROL, 90);
    chain.submit(toBob);
    BigInteger id = InFlightExitId.of(toCarol.txBytes());
    long exitableAt = exitableAt();
    chain.l1.append(new InFlightExitStarted(
        id,
        ALICE.address(),
        toCarol.txHash(),
        deposit.encode(),
        exitableAt,
        Bytes.wrap(toCarol.txBytes()),
        List.of(),
        LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "non_canonical_ife")).hasSize(1);
      assertThat(events(w, "unchallenged_ife")).isEmpty();
      chain.l1.setHeadTimestamp(exitableAt - TestChain.MEP / 2);
      w.pollOnce();
      assertThat(events(w, "unchallenged_ife"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("ifeId", id.toString())
              .containsEntry("competitor", toBob.txHash().toString()));
    }
  }
}
