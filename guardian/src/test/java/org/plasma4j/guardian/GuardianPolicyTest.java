package org.plasma4j.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.guardian.GuardianFixture.ALICE;
import static org.plasma4j.guardian.GuardianFixture.BOB;
import static org.plasma4j.guardian.GuardianFixture.CAROL;
import static org.plasma4j.guardian.GuardianFixture.CONFIG;
import static org.plasma4j.guardian.GuardianFixture.ETH;
import static org.plasma4j.guardian.GuardianFixture.L1_START;
import static org.plasma4j.guardian.GuardianFixture.MEP;
import static org.plasma4j.guardian.GuardianFixture.TOKEN;
import static org.plasma4j.guardian.GuardianFixture.allSucceeded;
import static org.plasma4j.guardian.GuardianFixture.at;
import static org.plasma4j.guardian.GuardianFixture.bad;
import static org.plasma4j.guardian.GuardianFixture.deposit;
import static org.plasma4j.guardian.GuardianFixture.healthy;
import static org.plasma4j.guardian.GuardianFixture.ife;
import static org.plasma4j.guardian.GuardianFixture.payment;
import static org.plasma4j.guardian.GuardianFixture.view;
import static org.plasma4j.guardian.GuardianFixture.withFinalized;
import static org.plasma4j.guardian.GuardianFixture.withIfes;
import static org.plasma4j.guardian.GuardianFixture.withIncluded;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plasma4j.core.exit.InFlightExitData;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.guardian.Action.Piggyback;
import org.plasma4j.guardian.Action.ProcessExits;
import org.plasma4j.guardian.Action.StartInFlightExit;
import org.plasma4j.guardian.Action.StartMassExit;
import org.plasma4j.guardian.Action.StartStandardExit;
import org.plasma4j.guardian.Action.WithdrawMassExit;

class GuardianPolicyTest {

  private final GuardianPolicy alicesGuardian = new GuardianPolicy(CONFIG, Set.of(ALICE.address()));
  private final GuardianPolicy bobsGuardian = new GuardianPolicy(CONFIG, Set.of(BOB.address()));

  private final OwnedOutput alice1 = deposit(ALICE, ETH, 1_000, 1);
  private final OwnedOutput alice2 = deposit(ALICE, ETH, 2_000, 2);
  private final OwnedOutput bob3 = deposit(BOB, ETH, 3_000, 3);

  @Nested
  class WhenTheChainIsHealthy {
    @Test
    void nothingIsDone() {
      Journal sent = Journal.empty().withSent(payment(ALICE, alice1, BOB, 100, 1, 0));
      Plan plan =
          alicesGuardian.decide(view(L1_START, 29_999, List.of(), List.of(alice1, alice2)), sent);

      assertThat(plan.alarm()).isEmpty();
      assertThat(plan.actions()).isEmpty();
      assertThat(plan.missed()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "invalid_exit",
          "piggyback_available",
          "non_canonical_ife",
          "invalid_ife_challenge",
          "invalid_piggyback"
        })
    void eventsThatChallengesHandleRaiseNoAlarm(String kind) {
      Plan plan = alicesGuardian.decide(
          view(L1_START, 0, List.of(new ByzantineEvent(kind, "x")), List.of(alice1)),
          Journal.empty());

      assertThat(plan.alarm()).isEmpty();
      assertThat(plan.actions()).isEmpty();
    }

    @Test
    void aSentTransactionInAValidBlockIsNotInFlight() {
      InFlightTx pay = payment(ALICE, alice1, BOB, 100, 1, 0);
      Journal sent = Journal.empty().withSent(pay);
      Plan plan = alicesGuardian.decide(
          withIncluded(view(L1_START, 3_600_000, List.of(), List.of(alice2)), Set.of(pay.txHash())),
          sent);

      assertThat(plan.alarm()).isEmpty();
      assertThat(plan.actions()).isEmpty();
    }
  }

  @Nested
  class WhenTheChainTurnsBad {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "invalid_block",
          "block_withholding",
          "unchallenged_exit",
          "unchallenged_piggyback"
        })
    void eachAlarmEventExitsEveryOwnedOutput(String kind) {
      Plan plan = alicesGuardian.decide(
          view(L1_START, 0, List.of(new ByzantineEvent(kind, "x")), List.of(alice1, bob3, alice2)),
          Journal.empty());

      assertThat(plan.alarm()).hasValueSatisfying(r -> assertThat(r).contains(kind));
      assertThat(plan.actions())
          .containsExactly(new StartStandardExit(alice1), new StartStandardExit(alice2));
    }

    @Test
    void theInclusionTimeoutRaisesTheAlarmOnlyOnceItHasPassed() {
      InFlightTx pay = payment(ALICE, alice1, BOB, 100, 1, 1_000);
      Journal sent = Journal.empty().withSent(pay);

      assertThat(alicesGuardian
              .decide(view(L1_START, 30_999, List.of(), List.of(alice1)), sent)
              .alarm())
          .isEmpty();
      assertThat(alicesGuardian
              .decide(view(L1_START, 31_000, List.of(), List.of(alice1)), sent)
              .alarm())
          .hasValueSatisfying(r ->
              assertThat(r).contains(pay.txHash().toString()).contains("not in a valid block"));
    }

    @Test
    void theSenderStartsTheInFlightExitAndPiggybacksItsInputAndChangeButNotTheReceiversOutput() {
      InFlightTx pay = payment(ALICE, alice1, BOB, 100, 1, 0);
      Plan plan = alicesGuardian.decide(
          at(bad(List.of(alice1, alice2)), L1_START, 1), Journal.empty().withSent(pay));

      assertThat(plan.actions())
          .containsExactly(
              new StartInFlightExit(pay, ALICE.address()),
              new Piggyback(pay.tx(), false, 0, ALICE.address(), ETH, BigInteger.valueOf(1_000)),
              new Piggyback(pay.tx(), true, 1, ALICE.address(), ETH, BigInteger.valueOf(899)),
              // the in-flight transaction's input leaves through its piggyback, never a standard
              // exit
              new StartStandardExit(alice2));
    }

    @Test
    void aTransactionCoSignedWithAStrangerIsStartedByTheGuardiansKeyAndOnlyItsShareClaimed() {
      OwnedOutput carols = deposit(CAROL, ETH, 500, 7);
      Transaction tx = Transaction.payment(
          List.of(carols.exitData().position(), alice1.exitData().position()),
          List.of(Output.of(BOB.address(), ETH, 1_400)));
      SignedTransaction signed =
          TransactionSigner.sign(tx, Fixtures.DOMAIN, CAROL.privateKey(), ALICE.privateKey());
      InFlightTx coSigned = new InFlightTx(
          new InFlightExitData(signed, List.of(carols.exitData(), alice1.exitData())), 0);
      Plan plan = alicesGuardian.decide(bad(List.of(alice1)), Journal.empty().withSent(coSigned));

      assertThat(plan.actions())
          .containsExactly(
              new StartInFlightExit(coSigned, ALICE.address()),
              new Piggyback(tx, false, 1, ALICE.address(), ETH, BigInteger.valueOf(1_000)));
    }

    @Test
    void theAlarmEndsWhenTheWatcherNoLongerReportsItsCauseAndNoNewExitStarts() {
      Plan plan =
          alicesGuardian.decide(healthy(List.of(alice1)), Journal.empty().withAlarm("earlier"));

      assertThat(plan.alarm()).isEmpty();
      assertThat(plan.actions()).isEmpty();
    }

    @Test
    void untilTheWatcherHasAnsweredInThisRunTheJournaledAlarmStands() {
      ChainView v = healthy(List.of(alice1));
      ChainView unknown = v.with(c -> {
        c.events = List.of();
        c.challengedExits = Set.of();
        c.queueHeads = Map.of();
        c.eventsFresh = false;
      });
      Plan plan = alicesGuardian.decide(unknown, Journal.empty().withAlarm("earlier"));

      assertThat(plan.alarm()).contains("earlier");
      assertThat(plan.actions()).containsExactly(new StartStandardExit(alice1));
    }

    @Test
    void outputsAlreadyProcessedAreNotExited() {
      Plan plan = alicesGuardian.decide(
          withFinalized(
              bad(List.of(alice1, alice2)), Set.of(alice1.position()), Set.of(), Set.of()),
          Journal.empty());

      assertThat(plan.actions()).containsExactly(new StartStandardExit(alice2));
    }
  }

  @Nested
  class MassExits {
    private final List<OwnedOutput> many = IntStream.rangeClosed(1, 5)
        .mapToObj(i -> deposit(ALICE, ETH, 10 * i, 10 - i))
        .toList();

    @Test
    void manyOutputsOfOneOwnerAndTokenLeaveInOneMassExitInPositionOrder() {
      OwnedOutput token = deposit(ALICE, TOKEN, 7, 20);
      List<OwnedOutput> outputs = new java.util.ArrayList<>(many);
      outputs.add(token);
      Plan plan = alicesGuardian.decide(bad(outputs), Journal.empty());

      assertThat(plan.actions()).hasSize(2);
      StartMassExit mass = (StartMassExit) plan.actions().get(0);
      assertThat(mass.owner()).isEqualTo(ALICE.address());
      assertThat(mass.token()).isEqualTo(ETH);
      assertThat(mass.positions()).isSorted().hasSize(5);
      assertThat(plan.actions().get(1)).isEqualTo(new StartStandardExit(token));
    }

    @Test
    void belowTheThresholdEachOutputHasItsOwnExit() {
      Plan plan = alicesGuardian.decide(bad(many.subList(0, 3)), Journal.empty());

      assertThat(plan.actions()).allMatch(a -> a instanceof StartStandardExit).hasSize(3);
    }

    @Test
    void aMassExitThatKeepsFailingFallsBackToStandardExits() {
      Plan first = alicesGuardian.decide(bad(many), Journal.empty());
      Journal j = Journal.empty();
      for (int i = 0; i < CONFIG.maxAttempts(); i++) {
        j = j.withFailure(first.actions().getFirst(), "reverted", 0);
      }
      Plan plan = alicesGuardian.decide(bad(many), j);

      assertThat(plan.actions()).hasSize(5).allMatch(a -> a instanceof StartStandardExit);
    }

    @Test
    void aProcessedMassExitIsPaidOutOnce() {
      Plan first = alicesGuardian.decide(bad(many), Journal.empty());
      Journal j = allSucceeded(Journal.empty().withAlarm("x"), first, L1_START + MEP);
      ChainView processed = withFinalized(
          at(bad(List.of()), L1_START + MEP, 0), Set.of(), Set.of(BigInteger.ONE), Set.of());

      Plan plan = alicesGuardian.decide(processed, j);
      assertThat(plan.actions()).containsExactly(new WithdrawMassExit(BigInteger.ONE, ETH));

      Journal after = allSucceeded(j, plan, 0);
      assertThat(alicesGuardian.decide(processed, after).actions()).isEmpty();
      ChainView paid =
          withFinalized(processed, Set.of(), Set.of(BigInteger.ONE), Set.of(BigInteger.ONE));
      assertThat(alicesGuardian.decide(paid, j).actions()).isEmpty();
    }
  }

  @Nested
  class Piggybacks {
    private final InFlightTx alicePaysBob = payment(ALICE, alice1, BOB, 100, 1, 0);

    @Test
    void theReceiverPiggybacksItsOutputOnTheSendersExitEvenOnAHealthyChain() {
      ChainView v = withIfes(
          healthy(List.of(bob3)), List.of(ife(alicePaysBob, L1_START - 10, Set.of(0), Set.of(1))));
      Plan plan = bobsGuardian.decide(v, Journal.empty());

      assertThat(plan.alarm()).isEmpty();
      assertThat(plan.actions())
          .containsExactly(new Piggyback(
              alicePaysBob.tx(), true, 0, BOB.address(), ETH, BigInteger.valueOf(100)));
    }

    @Test
    void piggybacksStopAtTheEndOfPeriodOne() {
      long startedAt = L1_START - MEP / 2;
      ChainView lastSecond = withIfes(
          at(healthy(List.of()), startedAt + MEP / 2 - 1, 0),
          List.of(ife(alicePaysBob, startedAt, Set.of(), Set.of())));
      ChainView over = at(lastSecond, startedAt + MEP / 2, 0);

      assertThat(bobsGuardian.decide(lastSecond, Journal.empty()).actions()).hasSize(1);
      Plan late = bobsGuardian.decide(over, Journal.empty());
      assertThat(late.actions()).isEmpty();
      assertThat(late.missed()).singleElement().asString().contains("period 1 ended");
    }

    @Test
    void whatTheRootChainAlreadyShowsIsNotRepeated() {
      ChainView v =
          withIfes(healthy(List.of()), List.of(ife(alicePaysBob, L1_START, Set.of(), Set.of(0))));

      assertThat(bobsGuardian.decide(v, Journal.empty()).actions()).isEmpty();
    }

    @Test
    void whenTheReceiverStartedTheSendersExitTheSenderOnlyPiggybacks() {
      Journal sent = Journal.empty().withSent(alicePaysBob).withAlarm("x");
      ChainView v =
          withIfes(bad(List.of(alice1)), List.of(ife(alicePaysBob, L1_START, Set.of(), Set.of(0))));

      assertThat(alicesGuardian.decide(v, sent).actions())
          .containsExactly(
              new Piggyback(
                  alicePaysBob.tx(), false, 0, ALICE.address(), ETH, BigInteger.valueOf(1_000)),
              new Piggyback(
                  alicePaysBob.tx(), true, 1, ALICE.address(), ETH, BigInteger.valueOf(899)));
    }

    @Test
    void aGuardianOfSeveralKeysClaimsEachKeysShare() {
      GuardianPolicy both = new GuardianPolicy(CONFIG, Set.of(ALICE.address(), BOB.address()));
      Plan plan = both.decide(
          at(bad(List.of(alice1)), L1_START, 0), Journal.empty().withSent(alicePaysBob));

      assertThat(plan.actions()).filteredOn(a -> a instanceof Piggyback).hasSize(3);
    }

    /**
     * Mallory paid Bob, Bob paid that output on to Carol, then Mallory starts the in-flight exit of
     * her old, canonical payment. The watcher knows Bob's output is spent and leaves it out of its
     * verdict: Bob's guardian posts no bond that Mallory could take by challenging it.
     */
    @Test
    void anOutputItsOwnerAlreadySpentIsNotPiggybackedWhenAPastPayerExitsTheOldPayment() {
      InFlightTx malloryPaysBob =
          payment(CAROL, deposit(CAROL, ETH, 500, 9), BOB, 100, 1, 0); // Carol plays Mallory
      WatcherView.Piggybackable spent =
          new WatcherView.Piggybackable(malloryPaysBob.tx(), true, Set.of(), Set.of());
      ObservedIfe old = new ObservedIfe(
          BigInteger.ONE,
          malloryPaysBob.tx(),
          L1_START - 10,
          L1_START - 10 + MEP,
          Set.of(),
          Set.of(),
          Set.of(),
          java.util.Optional.of(spent));

      assertThat(bobsGuardian
              .decide(withIfes(healthy(List.of()), List.of(old)), Journal.empty())
              .actions())
          .isEmpty();
      // not even on an alarm, nor without the watcher's verdict (it is not Bob's own transaction in
      // flight)
      assertThat(bobsGuardian
              .decide(withIfes(bad(List.of()), List.of(old)), Journal.empty().withAlarm("x"))
              .actions())
          .isEmpty();
      ObservedIfe unjudged = new ObservedIfe(
          BigInteger.ONE,
          malloryPaysBob.tx(),
          L1_START - 10,
          L1_START - 10 + MEP,
          Set.of(),
          Set.of(),
          Set.of());
      assertThat(bobsGuardian
              .decide(withIfes(healthy(List.of()), List.of(unjudged)), Journal.empty())
              .actions())
          .isEmpty();
      // had Bob not spent it, he would claim it
      ObservedIfe unspentOutput = old.withVerdict(
          java.util.Optional.of(GuardianFixture.unspent(malloryPaysBob.tx(), true)));
      assertThat(bobsGuardian
              .decide(withIfes(healthy(List.of()), List.of(unspentOutput)), Journal.empty())
              .actions())
          .containsExactly(new Piggyback(
              malloryPaysBob.tx(), true, 0, BOB.address(), ETH, BigInteger.valueOf(100)));
    }

    @Test
    void outputsOfATransactionTheWatcherFindsNonCanonicalAreNotClaimed() {
      ObservedIfe nonCanonical = ife(alicePaysBob, L1_START - 10, Set.of(), Set.of())
          .withVerdict(java.util.Optional.of(GuardianFixture.unspent(alicePaysBob.tx(), false)));

      assertThat(bobsGuardian
              .decide(withIfes(healthy(List.of()), List.of(nonCanonical)), Journal.empty())
              .actions())
          .isEmpty();
    }

    @Test
    void strangersTransactionsAreIgnored() {
      InFlightTx carolPaysCarol = payment(CAROL, deposit(CAROL, ETH, 50, 9), CAROL, 10, 1, 0);
      ChainView v =
          withIfes(bad(List.of()), List.of(ife(carolPaysCarol, L1_START, Set.of(), Set.of())));

      assertThat(alicesGuardian.decide(v, Journal.empty()).actions()).isEmpty();
    }
  }

  @Nested
  class NothingTwice {
    @Test
    void aSecondPollAfterEverythingSucceededDoesNothing() {
      InFlightTx pay = payment(ALICE, alice1, BOB, 100, 1, 0);
      Journal j = Journal.empty().withSent(pay);
      ChainView v = at(bad(List.of(alice1, alice2)), L1_START, 0);
      Plan first = alicesGuardian.decide(v, j);
      Journal after =
          allSucceeded(j.withAlarm(first.alarm().orElseThrow()), first, L1_START + 2 * MEP);

      assertThat(alicesGuardian.decide(v, after).actions()).isEmpty();
      // still nothing once the exit shows up on chain with its piggybacks
      ChainView shown = withIfes(v, List.of(ife(pay, L1_START, Set.of(0), Set.of(1))));
      assertThat(alicesGuardian.decide(shown, after).actions()).isEmpty();
    }

    @Test
    void aFailedActionIsRetriedUpToTheLimitThenReported() {
      Action exit = new StartStandardExit(alice1);
      Journal j = Journal.empty();
      for (int i = 1; i < CONFIG.maxAttempts(); i++) {
        j = j.withFailure(exit, "root chain down", i);
        assertThat(alicesGuardian.decide(bad(List.of(alice1)), j).actions()).containsExactly(exit);
      }
      j = j.withFailure(exit, "root chain down", 9);

      assertThat(alicesGuardian.decide(bad(List.of(alice1)), j).actions()).isEmpty();
      assertThat(j.report()).hasSize(CONFIG.maxAttempts()).allMatch(r -> !r.ok());
    }
  }

  @Nested
  class Processing {
    private final Journal exited = allSucceeded(
        Journal.empty().withAlarm("x"),
        new Plan(java.util.Optional.empty(), List.of(new StartStandardExit(alice1)), List.of()),
        L1_START + MEP);

    @Test
    void notBeforeTheExitMatures() {
      assertThat(alicesGuardian
              .decide(at(bad(List.of(alice1)), L1_START + MEP - 1, 0), exited)
              .actions())
          .isEmpty();
    }

    @Test
    void onceMaturedThenAtMostOncePerRetryIntervalUntilProcessed() {
      ChainView matured = at(bad(List.of(alice1)), L1_START + MEP, 0);
      assertThat(alicesGuardian.decide(matured, exited).actions())
          .containsExactly(new ProcessExits(ETH, 50));

      Journal tried = exited.withProcessAttempt(ETH, L1_START + MEP);
      assertThat(
              alicesGuardian.decide(at(matured, L1_START + MEP + 59, 0), tried).actions())
          .isEmpty();
      assertThat(
              alicesGuardian.decide(at(matured, L1_START + MEP + 60, 0), tried).actions())
          .containsExactly(new ProcessExits(ETH, 50));

      ChainView processed = withFinalized(
          at(matured, L1_START + MEP + 60, 0), Set.of(alice1.position()), Set.of(), Set.of());
      assertThat(alicesGuardian.decide(processed, tried).actions()).isEmpty();
    }

    @Test
    void piggybacksAreProcessedAfterTheInFlightExitMatures() {
      InFlightTx pay = payment(ALICE, alice1, BOB, 100, 1, 0);
      Piggyback bobs =
          new Piggyback(pay.tx(), true, 0, BOB.address(), ETH, BigInteger.valueOf(100));
      Journal j = allSucceeded(
          Journal.empty(), new Plan(java.util.Optional.empty(), List.of(bobs), List.of()), 0);
      ObservedIfe started = ife(pay, L1_START, Set.of(0), Set.of(0));

      assertThat(bobsGuardian
              .decide(withIfes(at(healthy(List.of()), L1_START + MEP - 1, 0), List.of(started)), j)
              .actions())
          .isEmpty();
      assertThat(bobsGuardian
              .decide(withIfes(at(healthy(List.of()), L1_START + MEP, 0), List.of(started)), j)
              .actions())
          .containsExactly(new ProcessExits(ETH, 50));
      ObservedIfe finalized = new ObservedIfe(
          started.ifeId(),
          started.tx(),
          started.startedAt(),
          started.exitableAt(),
          started.piggybackedInputs(),
          started.piggybackedOutputs(),
          Set.of(ETH));
      assertThat(bobsGuardian
              .decide(withIfes(at(healthy(List.of()), L1_START + MEP, 0), List.of(finalized)), j)
              .actions())
          .isEmpty();
    }
  }

  /**
   * An alarm states why, what is at stake for these keys and since when; what threatens nothing
   * informs.
   */
  @Nested
  class AlarmsHaveScopeEvidenceAndAnEnd {

    private static final long SINCE = 1_700_000_000_000L;

    private ByzantineEvent theft(String kind, String atRisk) {
      return new ByzantineEvent(
          kind,
          kind + ":exit:1",
          java.util.Map.of("position", "1000000000", "atRisk", atRisk),
          SINCE);
    }

    @Test
    void anInvalidBlockPutsEveryOutputAtStakeAndSaysSinceWhen() {
      ByzantineEvent block = new ByzantineEvent(
          "invalid_block",
          "invalid_block:block:2000",
          java.util.Map.of("blkNum", "2000", "error", "invalid_tx:SPENT_INPUT"),
          SINCE);
      Plan plan = alicesGuardian.decide(
          view(L1_START, 0, List.of(block), List.of(alice1, alice2)), Journal.empty());

      assertThat(plan.alarm())
          .hasValueSatisfying(r -> assertThat(r)
              .contains(
                  "invalid_block",
                  "blkNum=2000",
                  "every output of these keys (3000 of " + ETH + ")",
                  "since " + java.time.Instant.ofEpochMilli(SINCE)));
      assertThat(plan.actions())
          .containsExactly(new StartStandardExit(alice1), new StartStandardExit(alice2));
    }

    @Test
    void anUnchallengedTheftOfATokenTheKeysHoldRaisesTheAlarmWithWhatItCanCostThem() {
      Plan plan = alicesGuardian.decide(
          view(
              L1_START,
              0,
              List.of(theft("unchallenged_exit", ETH.toHex() + ":100")),
              List.of(alice1)),
          Journal.empty());

      assertThat(plan.alarm())
          .hasValueSatisfying(r -> assertThat(r)
              .contains(
                  "unchallenged_exit",
                  "up to 100 of " + ETH,
                  "1000 of " + ETH,
                  "since " + java.time.Instant.ofEpochMilli(SINCE)));
      assertThat(plan.actions()).containsExactly(new StartStandardExit(alice1));
      assertThat(plan.notices()).isEmpty();
    }

    @Test
    void anUnchallengedTheftOfATokenTheKeysDoNotHoldOnlyInforms() {
      Plan plan = alicesGuardian.decide(
          view(
              L1_START,
              0,
              List.of(theft("unchallenged_exit", TOKEN.toHex() + ":100")),
              List.of(alice1)),
          Journal.empty());

      assertThat(plan.alarm()).isEmpty();
      assertThat(plan.actions()).isEmpty();
      assertThat(plan.notices())
          .singleElement()
          .satisfies(n -> assertThat(n).contains("unchallenged_exit", "does not threaten"));
    }

    @Test
    void aTheftNoLargerThanTheToleratedLossOnlyInforms() {
      GuardianPolicy tolerant = new GuardianPolicy(
          CONFIG.withToleratedLoss(BigInteger.valueOf(100)), Set.of(ALICE.address()));
      List<OwnedOutput> held = List.of(alice1);

      Plan small = tolerant.decide(
          view(L1_START, 0, List.of(theft("unchallenged_exit", ETH.toHex() + ":100")), held),
          Journal.empty());
      Plan large = tolerant.decide(
          view(L1_START, 0, List.of(theft("unchallenged_exit", ETH.toHex() + ":101")), held),
          Journal.empty());

      assertThat(small.alarm()).isEmpty();
      assertThat(small.notices())
          .singleElement()
          .satisfies(n -> assertThat(n).contains("at most 100 of", "tolerated 100"));
      assertThat(large.alarm()).isPresent();
    }

    @Test
    void aTheftCostsTheKeysNoMoreThanTheyHoldOfItsToken() {
      GuardianPolicy tolerant = new GuardianPolicy(
          CONFIG.withToleratedLoss(BigInteger.valueOf(1_000)), Set.of(ALICE.address()));
      // a theft of a million wei can cost alice at most her 1000
      Plan plan = tolerant.decide(
          view(
              L1_START,
              0,
              List.of(theft("unchallenged_exit", ETH.toHex() + ":1000000")),
              List.of(alice1)),
          Journal.empty());

      assertThat(plan.alarm()).isEmpty();
      assertThat(plan.notices())
          .singleElement()
          .satisfies(n -> assertThat(n).contains("at most 1000 of"));
    }

    @Test
    void anUnchallengedNonCanonicalInFlightExitPaidItsOutputsRaisesTheAlarm() {
      Plan plan = alicesGuardian.decide(
          view(
              L1_START,
              0,
              List.of(theft("unchallenged_ife", ETH.toHex() + ":500")),
              List.of(alice1)),
          Journal.empty());

      assertThat(plan.alarm())
          .hasValueSatisfying(r -> assertThat(r).contains("unchallenged_ife", "up to 500 of"));
      assertThat(plan.actions()).containsExactly(new StartStandardExit(alice1));
    }

    @Test
    void anUnchallengedPiggybackOfASpentOutputRaisesTheAlarm() {
      Plan plan = alicesGuardian.decide(
          view(
              L1_START,
              0,
              List.of(theft("unchallenged_piggyback", ETH.toHex() + ":90")),
              List.of(alice1)),
          Journal.empty());

      assertThat(plan.alarm())
          .hasValueSatisfying(r -> assertThat(r).contains("unchallenged_piggyback", "up to 90 of"));
    }

    @Test
    void aNonCanonicalInFlightExitWithNoOutputTakenOnlyInforms() {
      Plan plan = alicesGuardian.decide(
          view(L1_START, 0, List.of(theft("unchallenged_ife", "")), List.of(alice1)),
          Journal.empty());

      assertThat(plan.alarm()).isEmpty();
      assertThat(plan.notices())
          .singleElement()
          .satisfies(n -> assertThat(n).contains("nothing of a token they hold"));
    }

    @Test
    void anUnreadableStakeCountsAsEverythingTheKeysHold() {
      Plan plan = alicesGuardian.decide(
          view(L1_START, 0, List.of(theft("unchallenged_exit", "garbage")), List.of(alice1)),
          Journal.empty());

      assertThat(plan.alarm())
          .hasValueSatisfying(r -> assertThat(r).contains("up to 1000 of " + ETH));
    }

    @Test
    void aPaymentInFlightIsPartOfTheStake() {
      InFlightTx pay = payment(ALICE, alice1, BOB, 100, 1, 0);
      Plan plan = alicesGuardian.decide(
          view(
              L1_START,
              0,
              List.of(theft("unchallenged_exit", ETH.toHex() + ":5000")),
              List.of(alice2)),
          Journal.empty().withSent(pay));

      // alice2 (2000) and the payment's input (1000, more than its 899 change)
      assertThat(plan.alarm())
          .hasValueSatisfying(r -> assertThat(r).contains("up to 3000 of " + ETH));
    }
  }
}
