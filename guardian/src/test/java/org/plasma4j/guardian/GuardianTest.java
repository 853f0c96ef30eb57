package org.plasma4j.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.guardian.GuardianFixture.ALICE;
import static org.plasma4j.guardian.GuardianFixture.BOB;
import static org.plasma4j.guardian.GuardianFixture.CONFIG;
import static org.plasma4j.guardian.GuardianFixture.ETH;
import static org.plasma4j.guardian.GuardianFixture.L1_START;
import static org.plasma4j.guardian.GuardianFixture.MEP;
import static org.plasma4j.guardian.GuardianFixture.deposit;
import static org.plasma4j.guardian.GuardianFixture.payment;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;

/** The guardian's loop against fakes of the watcher, the root chain and the executor. */
class GuardianTest {

  @TempDir
  Path dataDir;

  private final OwnedOutput alice1 = deposit(ALICE, ETH, 1_000, 1);
  private final OwnedOutput alice2 = deposit(ALICE, ETH, 2_000, 2);
  private final FakeWatcher watcher = new FakeWatcher();
  private final InMemoryExecutor rootChain = new InMemoryExecutor();
  private final AtomicLong clock = new AtomicLong(1_000);
  private final List<String> lines = new ArrayList<>();

  private Guardian guardian() {
    return new Guardian(
        CONFIG,
        List.of(ALICE.address()),
        watcher,
        rootChain,
        rootChain,
        new JournalFile(dataDir),
        clock::get,
        lines::add);
  }

  @Test
  void anErrorInsideThePollLoopIsSurvivedAndTheAlarmStillRaised() throws Exception {
    List<String> halts = new java.util.concurrent.CopyOnWriteArrayList<>();
    var supervisor =
        new org.plasma4j.node.supervision.Supervisor((where, e) -> halts.add(where), clock::get);
    watcher.outputs = List.of(alice1);
    watcher.errorOnce = new StackOverflowError("simulated");
    try (Guardian g = guardian()) {
      g.start(java.time.Duration.ofMillis(50), supervisor);
      awaitTrue(() -> !halts.isEmpty());
      assertThat(halts)
          .containsExactly(Guardian.TASK); // a VirtualMachineError: the process would exit
      watcher.errorOnce = new LinkageError("simulated: a class failed to load");
      awaitTrue(() -> g.health().getFirst().failures() >= 2);
      watcher.events = List.of(new ByzantineEvent("invalid_block", "block 2000"));
      awaitTrue(() -> g.journal().alarm().isPresent()); // the loop still runs and still acts
      assertThat(g.health().getFirst().task()).isEqualTo(Guardian.TASK);
      assertThat(halts).hasSize(1);
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void onAnAlarmItExitsOnceAndARestartDoesNotExitAgain() {
    watcher.outputs = List.of(alice1, alice2);
    guardian().pollOnce();
    assertThat(rootChain.executed).isEmpty();

    watcher.events = List.of(new ByzantineEvent("invalid_block", "block 3000"));
    guardian().pollOnce();
    assertThat(rootChain.executed)
        .containsExactly(
            new Action.StartStandardExit(alice1), new Action.StartStandardExit(alice2));
    assertThat(lines)
        .anyMatch(l -> l.startsWith("ALARM"))
        .anyMatch(l -> l.startsWith("done   standard exit of 1000000 ("));
    assertThat(alice1.exitData().position().encode()).as("deposit block 1").isEqualTo(1_000_000L);

    Guardian restarted = guardian();
    restarted.pollOnce();
    restarted.pollOnce();
    assertThat(rootChain.executed).hasSize(2);
    assertThat(restarted.journal().report()).hasSize(2).allMatch(ActionRecord::ok);
    assertThat(restarted.journal().alarm())
        .hasValueSatisfying(a -> assertThat(a).contains("invalid_block"));
  }

  @Test
  void anAlarmEndsWhenItsCauseIsResolvedAndTheExitsItStartedAreStillProcessed() {
    ByzantineEvent theft = new ByzantineEvent(
        "unchallenged_exit",
        "unchallenged_exit:exit:9000000000",
        Map.of("position", "9000000000", "atRisk", ETH.toHex() + ":100"),
        1_000);
    watcher.outputs = List.of(alice1);
    watcher.events = List.of(theft);
    Guardian g = guardian();
    g.pollOnce();
    assertThat(rootChain.executed).containsExactly(new Action.StartStandardExit(alice1));
    assertThat(g.journal().alarm())
        .hasValueSatisfying(a -> assertThat(a).contains("unchallenged_exit", "up to 100 of"));

    // the exit is challenged away: the watcher no longer reports it
    watcher.events = List.of();
    watcher.outputs = List.of(alice2);
    g.pollOnce();
    assertThat(g.journal().alarm()).isEmpty();
    assertThat(lines).anyMatch(l -> l.startsWith("ALARM ENDED") && l.contains("unchallenged_exit"));
    assertThat(rootChain.executed).as("no new exit once the alarm ended").hasSize(1);

    rootChain.setNow(L1_START + MEP);
    g.pollOnce();
    assertThat(rootChain.executed)
        .as("the exit it started is still finished")
        .containsExactly(
            new Action.StartStandardExit(alice1),
            new Action.ProcessExits(ETH, CONFIG.processMaxExits()));
  }

  @Test
  void aFreshGuardianJudgesThePresentNotTheHistory() {
    // an earlier run raised the alarm; the cause has since been resolved on the root chain
    new JournalFile(dataDir)
        .save(Journal.empty().withAlarm("watcher reports unchallenged_exit: position=1000000000"));
    watcher.outputs = List.of(alice1);
    Guardian g = guardian();
    g.pollOnce();

    assertThat(g.journal().alarm()).isEmpty();
    assertThat(rootChain.executed).isEmpty();
  }

  @Test
  void aStandingEventThatThreatensNothingInformsOnce() {
    watcher.outputs = List.of(alice1);
    watcher.events = List.of(new ByzantineEvent(
        "unchallenged_exit",
        "unchallenged_exit:exit:9000000000",
        Map.of("atRisk", GuardianFixture.TOKEN.toHex() + ":100"),
        1_000));
    Guardian g = guardian();
    g.pollOnce();
    g.pollOnce();

    assertThat(lines)
        .filteredOn(l -> l.startsWith("NOTICE"))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("does not threaten these keys"));
    assertThat(g.journal().alarm()).isEmpty();
    assertThat(rootChain.executed).isEmpty();
  }

  @Test
  void withTheWatcherAndOperatorGoneItStillExitsFromWhatItKnew() {
    InFlightTx pay = payment(ALICE, alice1, BOB, 100, 1, clock.get());
    watcher.outputs = List.of(alice1, alice2);
    Guardian g = guardian();
    g.recordSent(pay);
    g.pollOnce();
    assertThat(rootChain.executed).isEmpty();

    watcher.down = true;
    clock.addAndGet(CONFIG.inclusionTimeout().toMillis());
    Guardian restarted = guardian(); // the journal holds the sent transaction and the known outputs
    restarted.pollOnce();

    assertThat(rootChain.executed)
        .containsExactly(
            new Action.StartInFlightExit(pay, ALICE.address()),
            new Action.Piggyback(
                pay.tx(), false, 0, ALICE.address(), ETH, BigInteger.valueOf(1_000)),
            new Action.Piggyback(pay.tx(), true, 1, ALICE.address(), ETH, BigInteger.valueOf(899)),
            new Action.StartStandardExit(alice2));
  }

  @Test
  void garbageFromTheWatcherIsIgnoredAndThePollSurvives() {
    watcher.outputs = List.of(deposit(BOB, ETH, 5, 7)); // not one of the guardian's keys
    watcher.events = List.of(new ByzantineEvent("block_withholding", "block 2000"));
    Guardian g = guardian();
    g.pollOnce();
    assertThat(rootChain.executed).isEmpty();

    watcher.throwing = new IllegalArgumentException("malformed block 4000");
    rootChain.down = true;
    Plan failed = g.pollOnce();
    assertThat(failed.actions()).isEmpty();
    assertThat(lines).anyMatch(l -> l.startsWith("poll failed"));

    rootChain.down = false;
    watcher.throwing = null;
    watcher.outputs = List.of(alice1);
    g.pollOnce();
    assertThat(rootChain.executed).containsExactly(new Action.StartStandardExit(alice1));
  }

  @Test
  void aFailingActionIsReportedRetriedAndGivenUp() {
    watcher.outputs = List.of(alice1);
    watcher.events = List.of(new ByzantineEvent("invalid_block", "x"));
    rootChain.failing = true;
    Guardian g = guardian();
    for (int i = 0; i < 5; i++) {
      g.pollOnce();
    }
    assertThat(rootChain.attempts).isEqualTo(CONFIG.maxAttempts());
    assertThat(g.journal().report())
        .hasSize(CONFIG.maxAttempts())
        .allMatch(r -> !r.ok() && r.error().contains("reverted"));
  }

  @Test
  void anInFlightExitWhoseStartFailsPostponesItsPiggybacks() {
    InFlightTx pay = payment(ALICE, alice1, BOB, 100, 1, 0);
    watcher.outputs = List.of(alice1);
    watcher.events = List.of(new ByzantineEvent("invalid_block", "x"));
    rootChain.failing = true;
    Guardian g = guardian();
    g.recordSent(pay);
    g.pollOnce();

    assertThat(rootChain.attempts).isEqualTo(1);
    assertThat(g.journal().report())
        .singleElement()
        .satisfies(r -> assertThat(r.key()).startsWith("ife:"));
  }

  @Test
  void maturedExitsAreProcessedAndTheReportCarriesHashesBondsAndGas() {
    watcher.outputs = List.of(alice1);
    watcher.events = List.of(new ByzantineEvent("invalid_block", "x"));
    Guardian g = guardian();
    g.pollOnce();
    rootChain.setNow(L1_START + MEP);
    g.pollOnce();
    rootChain.processed = true;
    g.pollOnce();

    assertThat(rootChain.executed)
        .containsExactly(
            new Action.StartStandardExit(alice1),
            new Action.ProcessExits(ETH, CONFIG.processMaxExits()));
    assertThat(g.journal().report())
        .extracting(ActionRecord::l1TxHash)
        .containsExactly("0x1", "0x2");
    assertThat(g.journal().report().getFirst().bondWei()).isEqualTo(BigInteger.TEN);
    assertThat(JournalFile.reportJson(new JournalFile(dataDir).load())
            .get(1)
            .get("gasWei")
            .asText())
        .isEqualTo("7");
  }

  @Test
  void aPaymentSeenInAValidBlockIsForgottenAndRaisesNoAlarm() {
    InFlightTx pay = payment(ALICE, alice1, BOB, 100, 1, clock.get());
    watcher.outputs = List.of(alice1, alice2);
    Guardian g = guardian();
    g.recordSent(pay);
    g.pollOnce();
    assertThat(g.journal().sent()).hasSize(1);

    // the change output shows up in a valid block
    watcher.outputs = List.of(alice2, changeOf(pay, 1));
    clock.addAndGet(CONFIG.inclusionTimeout().toMillis());
    g.pollOnce();
    assertThat(g.journal().sent()).isEmpty();
    assertThat(g.journal().alarm()).isEmpty();
    assertThat(rootChain.executed).isEmpty();
  }

  @Test
  void aPaymentWhoseInputsAreSpentOnlyInOrAfterABadBlockIsStillInFlight() {
    InFlightTx pay = payment(ALICE, alice1, BOB, 100, 1, clock.get());
    Guardian g = guardian();
    g.recordSent(pay);
    // the watcher applied the payment from an invalid block: its input is gone from the advice, its
    // change is not offered (it is after the first bad block)
    watcher.outputs = List.of(alice2);
    watcher.firstBad = 3000;
    watcher.events = List.of(new ByzantineEvent("invalid_block", "block 3000"));
    g.pollOnce();

    assertThat(rootChain.executed)
        .first()
        .isEqualTo(new Action.StartInFlightExit(pay, ALICE.address()));
    assertThat(rootChain.executed).contains(new Action.StartStandardExit(alice2));
  }

  private static OwnedOutput changeOf(InFlightTx pay, int index) {
    Output out = pay.tx().outputs().get(index);
    StandardExitData data = new StandardExitData(
        OutputPosition.of(1000, 0, index),
        Bytes.wrap(pay.tx().encode()),
        MerkleTree.build(List.of(pay.tx().encode())).proof(0),
        L1_START);
    return new OwnedOutput(out.owner(), out.token(), out.amount(), data);
  }

  @Test
  void paymentsHandedOverThroughTheOutboxAreJournaledOnceAndGarbageIsSetAside() throws Exception {
    InFlightTx pay = payment(ALICE, alice1, BOB, 100, 1, clock.get());
    new SentOutbox(dataDir).put(pay);
    java.nio.file.Files.writeString(dataDir.resolve("outbox").resolve("junk.json"), "{not json");
    watcher.outputs = List.of(alice1);
    Guardian g = guardian();
    g.pollOnce();

    assertThat(g.journal().sent()).extracting(InFlightTx::txHash).containsExactly(pay.txHash());
    assertThat(new JournalFile(dataDir).load().sent()).hasSize(1);
    try (var left = java.nio.file.Files.list(dataDir.resolve("outbox"))) {
      assertThat(left.map(f -> f.getFileName().toString())).containsExactly("junk.json.bad");
    }
    clock.addAndGet(CONFIG.inclusionTimeout().toMillis());
    g.pollOnce();
    assertThat(rootChain.executed)
        .first()
        .isEqualTo(new Action.StartInFlightExit(pay, ALICE.address()));
  }

  @Test
  void theJournalSurvivesARoundTripThroughItsFile() {
    InFlightTx pay = payment(ALICE, alice1, BOB, 100, 1, 5);
    Journal j = Journal.empty()
        .withAlarm("why")
        .withSent(pay)
        .withKnownOutputs(List.of(alice1, alice2))
        .withSuccess(
            new Action.StartStandardExit(alice2),
            new Outcome("0xaa", BigInteger.TEN, BigInteger.TWO, 77, BigInteger.ZERO, 5),
            3)
        .withFailure(new Action.StartInFlightExit(pay, ALICE.address()), "nope", 4)
        .withProcessAttempt(ETH, 99);
    JournalFile file = new JournalFile(dataDir);
    file.save(j);

    Journal loaded = file.load();
    assertThat(loaded.alarm()).isEqualTo(j.alarm());
    assertThat(loaded.entries()).isEqualTo(j.entries());
    assertThat(loaded.lastProcessAt()).isEqualTo(j.lastProcessAt());
    assertThat(loaded.knownOutputs()).isEqualTo(j.knownOutputs());
    assertThat(loaded.report()).isEqualTo(j.report());
    assertThat(loaded.sent()).singleElement().satisfies(t -> {
      assertThat(t.txHash()).isEqualTo(pay.txHash());
      assertThat(t.exitData().inputs()).isEqualTo(pay.exitData().inputs());
      assertThat(t.sentAtMillis()).isEqualTo(5);
    });
  }

  /**
   * A watcher restarted (or embedded and not yet audited) says it is not ready: the guardian treats
   * its events as unknown and keeps the alarm its journal holds, instead of reading "nothing
   * stands" and ending it; once the watcher answers that the cause is resolved, the alarm ends.
   */
  @Test
  void aWatcherThatIsNotReadyKeepsTheJournaledAlarm() {
    watcher.outputs = List.of(alice1);
    watcher.events = List.of(new ByzantineEvent("invalid_block", "block 3000"));
    Guardian g = guardian();
    g.pollOnce();
    assertThat(g.journal().alarm()).isPresent();

    watcher.throwing = new org.plasma4j.watcher.WatcherNotReady(
        "the watcher has not audited the chain since it started");
    watcher.events = List.of();
    g.pollOnce(); // the same guardian, its watcher restarted
    Guardian restarted = guardian();
    restarted.pollOnce(); // and a restarted guardian
    assertThat(restarted.journal().alarm()).isPresent();
    assertThat(lines).noneMatch(l -> l.startsWith("ALARM ENDED"));

    watcher.throwing = null;
    restarted.pollOnce();
    assertThat(restarted.journal().alarm()).isEmpty();
    assertThat(lines).filteredOn(l -> l.startsWith("ALARM ENDED")).hasSize(1);
  }

  static final class FakeWatcher implements WatcherView {
    List<ByzantineEvent> events = List.of();
    List<OwnedOutput> outputs = List.of();
    long firstBad;
    boolean down;
    RuntimeException throwing;
    volatile Error errorOnce;

    private void check() {
      Error e = errorOnce;
      if (e != null) {
        errorOnce = null;
        throw e;
      }
      if (down) {
        throw new IllegalStateException("watcher unreachable");
      }
      if (throwing != null) {
        throw throwing;
      }
    }

    @Override
    public List<ByzantineEvent> events() {
      check();
      return events;
    }

    @Override
    public Advice advice(Address owner) {
      check();
      return new Advice(firstBad, outputs, List.of()); // unfiltered: the guardian must check owners
    }
  }
}
