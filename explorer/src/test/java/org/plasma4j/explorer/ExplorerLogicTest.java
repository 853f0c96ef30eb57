package org.plasma4j.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.explorer.Health.StandingEvent;
import org.plasma4j.rootchain.TokenUnits;

/** The explorer's pure judgements: health, exit status, search, amounts and calldata. */
class ExplorerLogicTest {

  @Test
  void healthIsFaultedOnAProvenInvalidBlockOrAPaidTheftUnsafeOnAlarmsOkOnAdvice() {
    assertThat(Health.judge(List.of()).state()).isEqualTo(Health.State.OK);
    assertThat(Health.judge(List.of(
                new StandingEvent("piggyback_available", null),
                new StandingEvent("fee_policy", null)))
            .state())
        .isEqualTo(Health.State.OK);
    Health unsafe = Health.judge(List.of(
        new StandingEvent("block_withholding", null),
        new StandingEvent("invalid_block", "mismatched_root")));
    assertThat(unsafe.state()).isEqualTo(Health.State.UNSAFE);
    assertThat(unsafe.reasons())
        .containsExactly("block_withholding", "invalid_block (mismatched_root)");
    assertThat(Health.judge(List.of(new StandingEvent("invalid_exit", null))).state())
        .isEqualTo(Health.State.UNSAFE);
    Health faulted = Health.judge(List.of(
        new StandingEvent("invalid_exit", null),
        new StandingEvent("invalid_block", "invalid_tx:SPENT_INPUT")));
    assertThat(faulted.state()).isEqualTo(Health.State.FAULTED);
    assertThat(faulted.reasons()).containsExactly("invalid_block (invalid_tx:SPENT_INPUT)");
    assertThat(
            Health.judge(List.of(new StandingEvent("unchallenged_exit", null))).state())
        .isEqualTo(Health.State.FAULTED);
  }

  @Test
  void everyKindOfExitIsQueuedPerTokenInTheFrameworksPriorityOrderWithItsStatus() {
    Address alice = Address.fromHex("0x" + "a1".repeat(20));
    Address bob = Address.fromHex("0x" + "b0".repeat(20));
    Address carol = Address.fromHex("0x" + "c0".repeat(20));
    Address token = Address.fromHex("0x" + "70".repeat(20));
    long now = 10_000;
    long inFlightInput = 3_000_000_000L;
    Transaction inFlight = Transaction.payment(
        List.of(OutputPosition.decode(inFlightInput)),
        List.of(
            new Output(bob, Address.ETH, BigInteger.valueOf(5)),
            new Output(bob, token, BigInteger.valueOf(7))));
    BigInteger ifeId = BigInteger.valueOf(77);
    List<L1Event> events = List.of(
        new RootChain.DepositEvent(
            1, alice, token, BigInteger.TEN, Bytes32.ZERO, 1, LogPlace.inBlock(1)),
        new RootChain.ExitStartedEvent(
            2_000_000_000L, alice, Address.ETH, BigInteger.TWO, 20_000, LogPlace.inBlock(2)),
        new RootChain.ExitStartedEvent(
            1_000_000_000L, alice, Address.ETH, BigInteger.ONE, 9_000, LogPlace.inBlock(3)),
        new RootChain.ExitStartedEvent(
            4_000_000_000L, carol, Address.ETH, BigInteger.TEN, 9_500, LogPlace.inBlock(4)),
        new RootChain.ExitChallengedEvent(4_000_000_000L, bob, LogPlace.inBlock(5)),
        new ExitGameEvents.InFlightExitStarted(
            ifeId,
            bob,
            inFlight.hash(),
            inFlightInput,
            9_000,
            Bytes.wrap(inFlight.encode()),
            List.of(),
            LogPlace.inBlock(6)),
        new ExitGameEvents.Piggybacked(ifeId, bob, true, 1, LogPlace.inBlock(7)),
        new ExitGameEvents.InFlightExitChallenged(ifeId, carol, 0, LogPlace.inBlock(8)),
        new ExitGameEvents.MassExitStarted(
            BigInteger.ONE,
            carol,
            Address.ETH,
            9_000,
            1_000_000_000L,
            List.of(
                new ExitGameEvents.MassExitLeaf(
                    5_000_000_000L, Bytes32.ZERO, carol, BigInteger.valueOf(3)),
                new ExitGameEvents.MassExitLeaf(
                    6_000_000_000L, Bytes32.ZERO, carol, BigInteger.valueOf(4))),
            LogPlace.inBlock(9)),
        new ExitGameEvents.MassExitOutputChallenged(
            BigInteger.ONE, bob, 0, 5_000_000_000L, LogPlace.inBlock(10)),
        new ExitGameEvents.InFlightExitFinalized(ifeId, token, true, LogPlace.inBlock(11)),
        new CashGameEvents.CoinDeposited(
            5, carol, Address.ETH, 0, BigInteger.valueOf(100), 1001, LogPlace.inBlock(12)),
        new CashGameEvents.CoinDeposited(
            6, carol, Address.ETH, 0, BigInteger.valueOf(200), 1002, LogPlace.inBlock(12)),
        new CashGameEvents.CoinExitStarted(5, carol, 1001, 0, 1, LogPlace.inBlock(13)),
        new CashGameEvents.CoinExitStarted(6, carol, 1002, 0, 2, LogPlace.inBlock(13)),
        new CashGameEvents.CoinExitCancelled(6, carol, Address.ZERO, 4, LogPlace.inBlock(14)));
    ExitQueues.Lookups lookups = new ExitQueues.Lookups() {
      @Override
      public java.util.Optional<Output> output(long position) {
        return java.util.Optional.empty();
      }

      @Override
      public java.util.Optional<ExitQueues.PendingCoinExit> coinExit(long slot, Address owner) {
        return slot == 5 && owner.equals(carol)
            ? java.util.Optional.of(new ExitQueues.PendingCoinExit(12_000, 0))
            : java.util.Optional.empty();
      }

      @Override
      public ExitQueues.QueueOnL1 queue(Address queued) {
        // all five ETH entries are still in the heap, the standard exit of 1000000000 its head
        return new ExitQueues.QueueOnL1(
            5, java.util.Optional.of(new ExitQueues.Head(9_000, 1_000_000_000L)));
      }
    };

    List<ExitQueues.Queue> queues = ExitQueues.build(events, now, lookups);

    assertThat(queues).extracting(ExitQueues.Queue::token).containsExactly(Address.ETH, token);
    ExitQueues.Queue eth = queues.get(0);
    // earliest exitable first, then lowest position, then standard before in-flight before mass
    assertThat(eth.open())
        .extracting(e -> e.kind() + " " + e.id() + " " + e.status() + " " + e.secondsToMaturity())
        .containsExactly(
            "STANDARD 1000000000 PROCESSABLE 0",
            "MASS 1 PROCESSABLE 0",
            "IN_FLIGHT 77 CHALLENGED 0",
            "STANDARD 4000000000 CHALLENGED 0",
            "STANDARD 2000000000 STARTED 10000");
    // the mass exit asks for its unchallenged leaf only; the in-flight exit for its ETH outputs
    assertThat(eth.open().get(1).amount()).isEqualTo(BigInteger.valueOf(4));
    assertThat(eth.open().get(2).amount()).isEqualTo(BigInteger.valueOf(5));
    // the challenged exit is still in the heap (the head has not passed it): it is listed there
    assertThat(eth.open().get(3).detail())
        .isEqualTo("challenged by " + bob.toHex()
            + "; leaves the queue unpaid when processing reaches it");
    assertThat(eth.settled()).isEmpty();
    assertThat(eth.coins())
        .extracting(e -> e.id() + " " + e.status() + " " + e.secondsToMaturity() + " " + e.open())
        .containsExactly("5 STARTED 2000 true", "6 CANCELLED 0 false");
    // the in-flight exit entered the token's queue by its output piggyback and was paid there
    ExitQueues.Queue tokenQueue = queues.get(1);
    assertThat(tokenQueue.open()).isEmpty();
    assertThat(tokenQueue.settled()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(ExitQueues.Kind.IN_FLIGHT);
      assertThat(e.status()).isEqualTo(ExitStatus.PROCESSED);
      assertThat(e.amount()).isEqualTo(BigInteger.valueOf(7));
      assertThat(e.detail()).contains("piggybacks out:1").contains("settled canonical");
    });
    assertThat(ExitQueues.of(queues, carol))
        .extracting(e -> e.kind() + " " + e.id())
        .containsExactlyInAnyOrder("MASS 1", "STANDARD 4000000000", "COIN 5", "COIN 6");
  }

  @Test
  void aChallengedStandardExitLeavesTheQueueOnlyOnceL1sQueueHeadHasPassedIt() {
    Address alice = Address.fromHex("0x" + "a1".repeat(20));
    Address bob = Address.fromHex("0x" + "b0".repeat(20));
    List<L1Event> events = List.of(
        new RootChain.ExitStartedEvent(
            1_000_000_000L, alice, Address.ETH, BigInteger.ONE, 9_000, LogPlace.inBlock(2)),
        new RootChain.ExitChallengedEvent(1_000_000_000L, bob, LogPlace.inBlock(3)),
        new RootChain.ExitStartedEvent(
            2_000_000_000L, alice, Address.ETH, BigInteger.TWO, 9_500, LogPlace.inBlock(4)));
    java.util.function.Function<ExitQueues.QueueOnL1, ExitQueues.Queue> eth =
        onL1 -> ExitQueues.build(events, 10_000, onlyQueue(onL1)).getFirst();
    // the heap's head is the challenged exit itself: processing has not reached it
    ExitQueues.Queue queued = eth.apply(queue(2, 9_000, 1_000_000_000L));
    assertThat(queued.open())
        .extracting(e -> e.id() + " " + e.status() + " " + e.open())
        .containsExactly("1000000000 CHALLENGED true", "2000000000 PROCESSABLE true");
    assertThat(queued.settled()).isEmpty();
    // processing popped it (no event says so) and stopped at the next one
    ExitQueues.Queue popped = eth.apply(queue(1, 9_500, 2_000_000_000L));
    assertThat(popped.open())
        .extracting(e -> e.id() + " " + e.status())
        .containsExactly("2000000000 PROCESSABLE");
    assertThat(popped.settled()).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(ExitStatus.CHALLENGED);
      assertThat(e.open()).isFalse();
      assertThat(e.detail()).isEqualTo("challenged by " + bob.toHex() + "; left the queue unpaid");
    });
    // an empty heap holds no challenged exit either
    assertThat(eth.apply(ExitQueues.QueueOnL1.EMPTY).settled())
        .extracting(e -> e.id() + " " + e.status())
        .containsExactly("1000000000 CHALLENGED");
  }

  /**
   * A standard exit and an in-flight exit of a transaction spending its output share their exitable
   * time and position, so L1's queue head (which names only those two) is the same whichever of
   * them is at the head. Each gets the status L1 recorded for its own id, and whether the
   * challenged one was popped follows from the heap's length.
   */
  @Test
  void exitsOfDifferentKindsWithTheSameTimeAndPositionEachGetTheirOwnStatus() {
    Address alice = Address.fromHex("0x" + "a1".repeat(20));
    Address bob = Address.fromHex("0x" + "b0".repeat(20));
    Address carol = Address.fromHex("0x" + "c0".repeat(20));
    long position = 1_000_000_000L;
    Transaction spend = Transaction.payment(
        List.of(OutputPosition.decode(position)),
        List.of(new Output(bob, Address.ETH, BigInteger.TEN)));
    BigInteger ifeId = BigInteger.valueOf(77);
    RootChain.ExitStartedEvent standard = new RootChain.ExitStartedEvent(
        position, alice, Address.ETH, BigInteger.TEN, 9_000, LogPlace.inBlock(2));
    ExitGameEvents.InFlightExitStarted inFlight = new ExitGameEvents.InFlightExitStarted(
        ifeId,
        bob,
        spend.hash(),
        position,
        9_000,
        Bytes.wrap(spend.encode()),
        List.of(),
        LogPlace.inBlock(2));
    java.util.function.BiFunction<List<L1Event>, ExitQueues.QueueOnL1, List<String>> rows =
        (events, onL1) -> {
          ExitQueues.Queue eth =
              ExitQueues.build(events, 10_000, onlyQueue(onL1)).getFirst();
          assertThat(eth.open()).allMatch(ExitQueues.Entry::open);
          assertThat(eth.settled()).noneMatch(ExitQueues.Entry::open);
          return java.util.stream.Stream.concat(
                  eth.open().stream().map(e -> "queued " + e.kind() + " " + e.status()),
                  eth.settled().stream().map(e -> "settled " + e.kind() + " " + e.status()))
              .toList();
        };

    // the standard exit is shown spent (by the in-flight transaction) and challenged
    List<L1Event> challenged = List.of(
        standard,
        inFlight,
        new RootChain.ExitChallengedEvent(position, carol, LogPlace.inBlock(3)));
    // both still in the heap: the challenged exit (the standard kind sorts first) is the head
    assertThat(rows.apply(challenged, queue(2, 9_000, position)))
        .containsExactly("queued STANDARD CHALLENGED", "queued IN_FLIGHT PROCESSABLE");
    // processExits(ETH, 1) popped it, unpaid and silently: the head now is the in-flight exit, with
    // the same time and position; only the length says which one left
    assertThat(rows.apply(challenged, queue(1, 9_000, position)))
        .containsExactly("queued IN_FLIGHT PROCESSABLE", "settled STANDARD CHALLENGED");
    ExitQueues.Queue afterPop = ExitQueues.build(
            challenged, 10_000, onlyQueue(queue(1, 9_000, position)))
        .getFirst();
    assertThat(afterPop.settled().getFirst().detail())
        .isEqualTo("challenged by " + carol.toHex() + "; left the queue unpaid");
    // then the in-flight exit was processed, canonical: the queue is empty
    List<L1Event> processed = new java.util.ArrayList<>(challenged);
    processed.add(
        new ExitGameEvents.InFlightExitFinalized(ifeId, Address.ETH, true, LogPlace.inBlock(4)));
    assertThat(rows.apply(processed, ExitQueues.QueueOnL1.EMPTY))
        .containsExactlyInAnyOrder("settled STANDARD CHALLENGED", "settled IN_FLIGHT PROCESSED");

    // the other way round: the standard exit was paid, the in-flight one shown non-canonical and
    // still waiting in the heap at the same time and position
    List<L1Event> paidThenChallenged = List.of(
        standard,
        inFlight,
        new ExitGameEvents.InFlightExitChallenged(ifeId, carol, 0, LogPlace.inBlock(3)),
        new RootChain.ExitFinalizedEvent(
            position, alice, Address.ETH, BigInteger.TEN, LogPlace.inBlock(4)));
    assertThat(rows.apply(paidThenChallenged, queue(1, 9_000, position)))
        .containsExactly("queued IN_FLIGHT CHALLENGED", "settled STANDARD PROCESSED");
  }

  /**
   * Which entries of a heap are popped: before the head all, after it none, and of those tied with
   * the head's time and position the first ones, as many as the length leaves; an entry missing
   * from the events (one after the head) can only keep a tied entry queued, never pop one.
   */
  @Test
  void theEntriesPoppedAreThoseBeforeTheHeadAndTheTiedOnesTheLengthLeavesOut() {
    Address owner = Address.fromHex("0x" + "a1".repeat(20));
    java.util.function.BiFunction<ExitQueues.Kind, Long, ExitQueues.Entry> entry =
        (kind, exitableAt) -> new ExitQueues.Entry(
            kind,
            Address.ETH,
            exitableAt,
            5_000,
            BigInteger.valueOf(kind.ordinal()),
            owner,
            BigInteger.ONE,
            ExitStatus.STARTED,
            0,
            true,
            "",
            1);
    ExitQueues.Entry early = entry.apply(ExitQueues.Kind.STANDARD, 8_000L);
    ExitQueues.Entry standard = entry.apply(ExitQueues.Kind.STANDARD, 9_000L);
    ExitQueues.Entry inFlight = entry.apply(ExitQueues.Kind.IN_FLIGHT, 9_000L);
    ExitQueues.Entry mass = entry.apply(ExitQueues.Kind.MASS, 9_000L);
    ExitQueues.Entry late = entry.apply(ExitQueues.Kind.STANDARD, 9_500L);
    List<ExitQueues.Entry> heap = List.of(early, standard, inFlight, mass, late);
    assertThat(ExitQueues.popped(heap, queue(4, 9_000, 5_000))).containsExactly(early);
    assertThat(ExitQueues.popped(heap, queue(3, 9_000, 5_000)))
        .containsExactlyInAnyOrder(early, standard);
    assertThat(ExitQueues.popped(heap, queue(2, 9_000, 5_000)))
        .containsExactlyInAnyOrder(early, standard, inFlight);
    assertThat(ExitQueues.popped(heap, queue(1, 9_500, 5_000)))
        .containsExactlyInAnyOrder(early, standard, inFlight, mass);
    assertThat(ExitQueues.popped(heap, ExitQueues.QueueOnL1.EMPTY))
        .containsExactlyInAnyOrderElementsOf(heap);
    // the late entry missing from the events: with the standard exit popped, the length leaves
    // room for all three tied entries, so it stays queued (as before this count), not the reverse
    List<ExitQueues.Entry> unseenLate = List.of(early, standard, inFlight, mass);
    assertThat(ExitQueues.popped(unseenLate, queue(3, 9_000, 5_000))).containsExactly(early);
  }

  /**
   * An in-flight exit whose game reverted when processing popped it is deferred (its own list, not
   * open, not settled), as its ExitDeferred says, and paid once DeferredExitRetried and its game's
   * finalisation follow; a deferral of another token's entry or another exit leaves it alone.
   */
  @Test
  void anExitProcessingDeferredIsDeferredUntilRetryExitPaysIt() {
    Address bob = Address.fromHex("0x" + "b0".repeat(20));
    Address token = Address.fromHex("0x" + "70".repeat(20));
    long input = 3_000_000_000L;
    Transaction tx = Transaction.payment(
        List.of(OutputPosition.decode(input)),
        List.of(new Output(bob, Address.ETH, BigInteger.valueOf(5))));
    BigInteger ifeId = BigInteger.valueOf(77);
    // ExitQueue.sol's packing: exitableAt << 192 | position << 128 | kind << 120 | id
    BigInteger entry = BigInteger.valueOf(9_000)
        .shiftLeft(192)
        .or(BigInteger.valueOf(input).shiftLeft(128))
        .or(BigInteger.ONE.shiftLeft(120))
        .or(ifeId);
    List<L1Event> started = List.of(new ExitGameEvents.InFlightExitStarted(
        ifeId,
        bob,
        tx.hash(),
        input,
        9_000,
        Bytes.wrap(tx.encode()),
        List.of(),
        LogPlace.inBlock(6)));
    List<L1Event> deferred = new java.util.ArrayList<>(started);
    deferred.add(new ExitGameEvents.ExitDeferred(
        token, entry, Bytes.fromHex("0xdeadbeef"), LogPlace.inBlock(7)));
    deferred.add(new ExitGameEvents.ExitDeferred(
        Address.ETH, entry.add(BigInteger.ONE), Bytes.fromHex("0xdeadbeef"), LogPlace.inBlock(7)));
    ExitQueues.Queue untouched =
        ExitQueues.build(deferred, 10_000, onlyQueue(queue(1, 9_000, input))).getFirst();
    assertThat(untouched.open()).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(ExitStatus.PROCESSABLE);
      assertThat(e.open()).isTrue();
    });
    assertThat(untouched.deferred()).isEmpty();

    deferred.add(new ExitGameEvents.ExitDeferred(
        Address.ETH, entry, Bytes.fromHex("0x12345678"), LogPlace.inBlock(8)));
    ExitQueues.Queue eth = ExitQueues.build(deferred, 10_000, onlyQueue(ExitQueues.QueueOnL1.EMPTY))
        .getFirst();
    assertThat(eth.open()).isEmpty();
    assertThat(eth.settled()).isEmpty();
    assertThat(eth.deferred()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(ExitQueues.Kind.IN_FLIGHT);
      assertThat(e.id()).isEqualTo(ifeId);
      assertThat(e.status()).isEqualTo(ExitStatus.DEFERRED);
      assertThat(e.status().wire()).isEqualTo("deferred");
      assertThat(e.open()).isFalse();
      assertThat(e.secondsToMaturity()).isZero();
      assertThat(e.l1Block()).isEqualTo(8);
      assertThat(e.detail())
          .endsWith("; deferred, awaiting retry: its game reverted (0x12345678)"
              + " when processing popped it, so it is unpaid and anyone may call retryExit");
    });
    assertThat(ExitQueues.of(List.of(eth), bob))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(ExitStatus.DEFERRED));

    List<L1Event> retried = new java.util.ArrayList<>(deferred);
    retried.add(
        new ExitGameEvents.InFlightExitFinalized(ifeId, Address.ETH, true, LogPlace.inBlock(9)));
    retried.add(
        new ExitGameEvents.DeferredExitRetried(Address.ETH, entry, bob, LogPlace.inBlock(9)));
    ExitQueues.Queue paid =
        ExitQueues.build(retried, 10_000, onlyQueue(ExitQueues.QueueOnL1.EMPTY)).getFirst();
    assertThat(paid.open()).isEmpty();
    assertThat(paid.deferred()).isEmpty();
    assertThat(paid.settled()).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(ExitStatus.PROCESSED);
      assertThat(e.l1Block()).isEqualTo(9);
      assertThat(e.detail())
          .endsWith("; settled canonical; finalised by retryExit after a deferral");
    });
  }

  /**
   * A reorg under a request fails that attempt whole and the route is asked again, from a new view;
   * after three in a row the caller gets the reorg, named as such. Other errors are not retried.
   */
  @Test
  void aRequestAReorgFailsIsAnsweredAgainFromANewViewAtMostThreeTimes() {
    ApiRoutes.Request request = new ApiRoutes.Request("GET", "", java.util.Map.of(), null);
    int[] calls = {0};
    ApiRoutes.Route reorgsTwice = r -> {
      if (++calls[0] < 3) {
        throw new ApiError.L1Reorging("block replaced", null);
      }
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("view 3");
    };
    assertThat(ApiRoutes.answer(reorgsTwice, request, ApiRoutes.REORG_ATTEMPTS).asText())
        .isEqualTo("view 3");
    assertThat(calls[0]).isEqualTo(3);

    calls[0] = 0;
    ApiRoutes.Route alwaysReorging = r -> {
      calls[0]++;
      throw new ApiError.L1Reorging("block replaced", null);
    };
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ApiRoutes.answer(alwaysReorging, request, ApiRoutes.REORG_ATTEMPTS))
        .isInstanceOfSatisfying(ApiError.L1Reorging.class, e -> {
          assertThat(e.kind()).isEqualTo("l1_reorging");
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.getMessage())
              .isEqualTo("the root chain (L1) is reorganising: 3 views in a row were replaced"
                  + " while read; ask again");
        });
    assertThat(calls[0]).isEqualTo(3);

    calls[0] = 0;
    ApiRoutes.Route down = r -> {
      calls[0]++;
      throw new ApiError.NodeDown("l1", "down", null);
    };
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ApiRoutes.answer(down, request, ApiRoutes.REORG_ATTEMPTS))
        .isInstanceOf(ApiError.NodeDown.class);
    assertThat(calls[0]).isEqualTo(1);
  }

  private static ExitQueues.QueueOnL1 queue(long length, long exitableAt, long position) {
    return new ExitQueues.QueueOnL1(
        length, java.util.Optional.of(new ExitQueues.Head(exitableAt, position)));
  }

  /**
   * Lookups that answer only the queue, as {@code onL1}; an exit of the tests here needs no more.
   */
  private static ExitQueues.Lookups onlyQueue(ExitQueues.QueueOnL1 onL1) {
    return new ExitQueues.Lookups() {
      @Override
      public java.util.Optional<Output> output(long position) {
        return java.util.Optional.empty();
      }

      @Override
      public java.util.Optional<ExitQueues.PendingCoinExit> coinExit(long slot, Address owner) {
        return java.util.Optional.empty();
      }

      @Override
      public ExitQueues.QueueOnL1 queue(Address token) {
        return onL1;
      }
    };
  }

  @Test
  void anOpenMassExitOnL1IsNamedButNeverFaultsTheChainOnItsOwn() {
    Address initiator = Address.fromHex("0x" + "c0".repeat(20));
    ExitGameEvents.MassExitStarted started = new ExitGameEvents.MassExitStarted(
        BigInteger.TWO,
        initiator,
        Address.ETH,
        9_000,
        1_000_000_000L,
        List.of(),
        LogPlace.inBlock(9));
    List<String> notices = Health.l1Notices(List.of(started));
    assertThat(notices)
        .singleElement()
        .asString()
        .startsWith("a mass exit is open on L1, which alone proves no fault (batch 2");
    // anyone can start one for one bond: the watcher's verdict alone sets the state
    Health quiet = Health.judge(List.of(new StandingEvent("piggyback_available", null)), notices);
    assertThat(quiet.state()).isEqualTo(Health.State.OK);
    assertThat(quiet.reasons()).isEqualTo(notices);
    Health proven = Health.judge(
        List.of(new StandingEvent("invalid_block", "invalid_tx:SPENT_INPUT")), notices);
    assertThat(proven.state()).isEqualTo(Health.State.FAULTED);
    assertThat(proven.reasons())
        .containsExactly("invalid_block (invalid_tx:SPENT_INPUT)", notices.get(0));
    Health alone = Health.withoutWatcher("the watcher is down", notices);
    assertThat(alone.state()).isEqualTo(Health.State.UNKNOWN);
    assertThat(alone.reasons()).containsExactly("the watcher is down", notices.get(0));
    // once processed, the batch no longer stands
    assertThat(Health.l1Notices(List.of(
            started,
            new ExitGameEvents.MassExitFinalized(
                BigInteger.TWO, Address.ETH, LogPlace.inBlock(10)))))
        .isEmpty();
  }

  @Test
  void eventAmountsAreShownInWholeUnitsWithTheirSymbol() {
    Address token = Address.fromHex("0x" + "11".repeat(20));
    TokenUnits usdc = new TokenUnits(token, java.util.Optional.of("USDC"), 6);
    com.fasterxml.jackson.databind.node.ObjectNode details =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode()
            .put("token", Address.ETH.toHex())
            .put("amount", "250000000000000000")
            .put(
                "atRisk",
                Address.ETH.toHex() + ":1000000000000000000," + token.toHex() + ":1500000")
            .put("position", 1_000_000_000L);
    var readable = EventAmounts.readable(details, t -> t.equals(token) ? usdc : TokenUnits.ETH);
    assertThat(readable.path("amount").asText()).isEqualTo("0.25 ETH");
    assertThat(readable.path("token").asText()).isEqualTo("ETH");
    assertThat(readable.path("atRisk").asText()).isEqualTo("1 ETH, 1.5 USDC");
    assertThat(readable.has("position")).isFalse();
    var nothing =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("atRisk", "");
    assertThat(
            EventAmounts.readable(nothing, t -> TokenUnits.ETH).path("atRisk").asText())
        .isEqualTo("nothing");
  }

  /**
   * A node's amounts are read as the clients read them: a sign, another script's digits or a number
   * past 256 bits is refused (an event's amount then goes unshown), and a string of megabytes is
   * refused before it is parsed, so a hostile node cannot stall a page.
   */
  @Test
  void amountsFromANodeHaveOneSpellingAndAHugeOneIsRefusedUnparsed() {
    var text = (java.util.function.Function<String, com.fasterxml.jackson.databind.JsonNode>)
        com.fasterxml.jackson.databind.node.TextNode::valueOf;
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    assertThat(ChainViews.quantity(text.apply("0x0"))).isEqualTo(BigInteger.ZERO);
    assertThat(ChainViews.quantity(text.apply("250"))).isEqualTo(BigInteger.valueOf(250));
    assertThat(ChainViews.quantity(text.apply("0x" + max.toString(16)))).isEqualTo(max);
    for (String hostile : List.of(
        "-1", "+5", "0x-1", "\u0663", "1.5", "0x" + max.add(BigInteger.ONE).toString(16))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> ChainViews.quantity(text.apply(hostile)))
          .as(hostile)
          .isInstanceOf(org.plasma4j.api.OperatorRpcReader.Malformed.class);
    }
    String huge = "9".repeat(4_000_000);
    long start = System.nanoTime();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChainViews.quantity(text.apply(huge)))
        .isInstanceOf(org.plasma4j.api.OperatorRpcReader.Malformed.class);
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    var details = new com.fasterxml.jackson.databind.ObjectMapper()
        .createObjectNode()
        .put("token", Address.ETH.toHex())
        .put("amount", "-250000000000000000");
    assertThat(EventAmounts.readable(details, t -> TokenUnits.ETH).has("amount"))
        .isFalse();
  }

  @Test
  void exitStatusFollowsTheFrameworkStateAndTheRootChainClock() {
    assertThat(ExitStatus.of(1, 1000, 999)).isEqualTo(ExitStatus.STARTED);
    assertThat(ExitStatus.secondsToMaturity(ExitStatus.STARTED, 1000, 940)).isEqualTo(60);
    assertThat(ExitStatus.of(1, 1000, 1000)).isEqualTo(ExitStatus.PROCESSABLE);
    assertThat(ExitStatus.secondsToMaturity(ExitStatus.PROCESSABLE, 1000, 1200)).isZero();
    assertThat(ExitStatus.of(2, 1000, 0)).isEqualTo(ExitStatus.CHALLENGED);
    assertThat(ExitStatus.of(3, 1000, 0)).isEqualTo(ExitStatus.PROCESSED);
  }

  @Test
  void searchTellsHashesAddressesBlocksPositionsAndSlotsApart() {
    String hash = "0x" + "Ab".repeat(32);
    assertThat(SearchQuery.parse(hash)).isEqualTo(new SearchQuery.TxHash(hash.toLowerCase()));
    assertThat(SearchQuery.parse("ab".repeat(32))).isInstanceOf(SearchQuery.TxHash.class);
    assertThat(SearchQuery.parse(" 0x90F79bf6EB2c4f870365E785982E1f101E93b906 "))
        .isEqualTo(new SearchQuery.AddressQuery("0x90f79bf6eb2c4f870365e785982e1f101e93b906"));
    assertThat(SearchQuery.parse("2000")).isEqualTo(new SearchQuery.BlockNumber(2000));
    assertThat(SearchQuery.parse("2000000011")).isEqualTo(new SearchQuery.Position(2000000011L));
    // a number that names no output (tx index 99,900) is a block number
    assertThat(SearchQuery.parse("9999000")).isEqualTo(new SearchQuery.BlockNumber(9999000));
    assertThat(SearchQuery.parse("slot:42")).isEqualTo(new SearchQuery.CoinSlot("42"));
    assertThat(SearchQuery.parse("coin 7")).isEqualTo(new SearchQuery.CoinSlot("7"));
    assertThat(SearchQuery.parse("hello")).isEqualTo(new SearchQuery.Unrecognised("hello"));
  }

  @Test
  void amountsAreWholeUnitsOfTheTokensDecimals() {
    assertThat(WalletViews.baseUnits("1.5", TokenUnits.ETH))
        .isEqualTo(new BigInteger("1500000000000000000"));
    TokenUnits sixDecimals =
        new TokenUnits(Address.fromHex("0x" + "11".repeat(20)), java.util.Optional.of("USDC"), 6);
    assertThat(WalletViews.baseUnits("0.000001", sixDecimals)).isEqualTo(BigInteger.ONE);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WalletViews.baseUnits("0.0000001", sixDecimals))
        .isInstanceOf(ApiError.BadRequest.class)
        .hasMessageContaining("more than 6 decimals");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WalletViews.baseUnits("-1", TokenUnits.ETH))
        .isInstanceOf(ApiError.BadRequest.class);
  }

  @Test
  void signaturesWithVZeroOrOneAreTakenAsTwentySevenOrTwentyEight() {
    String r = "11".repeat(32);
    String s = "22".repeat(32);
    assertThat(WalletViews.normalised("0x" + r + s + "00").v()).isEqualTo(27);
    assertThat(WalletViews.normalised("0x" + r + s + "1c").v()).isEqualTo(28);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WalletViews.normalised("0x1234"))
        .isInstanceOf(ApiError.BadRequest.class)
        .hasMessageContaining("2 bytes, not 65");
  }

  @Test
  void rootChainCallsCarryTheFrameworksSelectorsAndTheBond() {
    Address framework = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    L1Call deposit = L1Call.depositEth(framework, BigInteger.TEN);
    // keccak256("depositEth()")[0..4]
    assertThat(deposit.data()).isEqualTo("0x439370b1");
    assertThat(deposit.valueHex()).isEqualTo("0xa");
    L1Call exit = L1Call.startStandardExit(
        framework, 1_000_000, new byte[] {1}, new byte[] {2}, 5, BigInteger.valueOf(1234));
    assertThat(exit.data()).startsWith(selector("startStandardExit(uint256,bytes,bytes,uint256)"));
    assertThat(exit.value()).isEqualTo(BigInteger.valueOf(1234));
    assertThat(L1Call.processExits(framework, Address.ETH, 20).data())
        .startsWith(selector("processExits(address,uint256)"));
  }

  private static String selector(String signature) {
    byte[] h = org.plasma4j.core.crypto.Keccak256.hash(
        signature.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return org.plasma4j.core.types.Hex.encode(java.util.Arrays.copyOf(h, 4));
  }
}
