package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitFinalizedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.watcher.events.ByzantineEvent;

/**
 * watcher_openEvents: the events whose cause stands on the chain now. A guardian judges the present
 * from them, not every event since genesis: a challenged exit or a block obtained after all is
 * gone, a theft that was paid stays.
 */
class OpenEventsTest {

  static final KeyPair ALICE = WatcherNodeTest.ALICE;
  static final KeyPair BOB = WatcherNodeTest.BOB;
  static final KeyPair CAROL = WatcherNodeTest.CAROL;
  static final String ETH_100 = Address.ETH.toHex() + ":100";

  final TestChain chain = new TestChain();
  final OutputPosition deposit = chain.deposit(ALICE, 100);

  long exitableAt() {
    return chain.l1.headTimestamp() + TestChain.MEP;
  }

  static List<String> open(WatcherNode w) {
    return w.openEvents().stream().map(ByzantineEvent::key).toList();
  }

  /**
   * Alice pays Bob from her deposit, then exits the deposit: an invalid exit, maturing at the
   * returned time.
   */
  long aliceExitsHerSpentDeposit() {
    chain.submit(WatcherNodeTest.pay(deposit, ALICE, BOB, 90));
    long at = exitableAt();
    chain.l1.append(new ExitStartedEvent(
        deposit.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        at,
        LogPlace.inBlock(chain.l1.mine())));
    return at;
  }

  @Test
  void anInvalidExitStandsUntilItIsChallengedAndAFreshWatcherSeesOnlyThePresent() {
    long exitableAt = aliceExitsHerSpentDeposit();
    String subject = "exit:" + deposit;
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(w.openEvents()).singleElement().satisfies(e -> {
        assertThat(e.key()).isEqualTo("invalid_exit:" + subject);
        assertThat(e.details()).containsEntry("atRisk", ETH_100);
        assertThat(e.reportedAtMillis()).isEqualTo(chain.clock.get());
      });

      chain.l1.setHeadTimestamp(exitableAt - 60);
      w.pollOnce();
      assertThat(open(w))
          .containsExactly("invalid_exit:" + subject, "unchallenged_exit:" + subject);

      chain.l1.append(new ExitChallengedEvent(
          deposit.encode(), BOB.address(), LogPlace.inBlock(chain.l1.mine())));
      w.pollOnce();
      assertThat(w.openEvents()).as("challenged away").isEmpty();
      assertThat(w.byzantineEvents(0)).as("the history keeps both").hasSize(2);
    }
    try (WatcherNode fresh = chain.watcherOn(new InMemoryStore())) {
      fresh.pollOnce();
      assertThat(fresh.openEvents()).isEmpty();
    }
  }

  @Test
  void anInvalidExitThatWasPaidStaysATheft() {
    aliceExitsHerSpentDeposit();
    chain.l1.append(new ExitFinalizedEvent(
        deposit.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcherOn(new InMemoryStore())) {
      w.pollOnce();
      assertThat(w.openEvents()).singleElement().satisfies(e -> {
        assertThat(e.key()).isEqualTo("unchallenged_exit:exit:" + deposit);
        assertThat(e.details()).containsEntry("atRisk", ETH_100);
      });
      assertThat(chain.challenger.sent).as("nothing left to challenge").isEmpty();
    }
  }

  @Test
  void aWithheldBlockStandsUntilItIsObtained() {
    long blk = chain.submit(WatcherNodeTest.pay(deposit, ALICE, BOB, 90));
    List<Bytes> body = chain.operator.blocks.remove(blk);
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      chain.clock.addAndGet(30_000);
      w.pollOnce();
      assertThat(open(w)).containsExactly("block_withholding:block:" + blk);

      chain.operator.blocks.put(blk, body);
      w.pollOnce();
      assertThat(w.openEvents()).as("proven available").isEmpty();
      assertThat(w.status().lastValidBlock()).isEqualTo(blk);
    }
  }

  @Test
  void anInvalidBlockStandsForGood() {
    SignedTransaction toBob = WatcherNodeTest.pay(deposit, ALICE, BOB, 90);
    chain.submit(toBob);
    long bad = chain.submit(WatcherNodeTest.pay(deposit, ALICE, CAROL, 90)); // a double spend
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      w.pollOnce();
      assertThat(open(w)).containsExactly("invalid_block:block:" + bad);
    }
  }

  @Test
  void anUnchallengedNonCanonicalInFlightExitPutsItsPiggybackedOutputsAtRiskAndStaysOnceItIsPaid() {
    SignedTransaction toBob = WatcherNodeTest.pay(deposit, ALICE, BOB, 90);
    SignedTransaction toCarol =
        WatcherNodeTest.pay(deposit, ALICE, CAROL, 80); // the double spend, in flight
    chain.submit(toBob);
    BigInteger id = InFlightExitId.of(toCarol.txBytes());
    long exitableAt = exitableAt();
    chain.l1.append(new InFlightExitStarted(
        id,
        CAROL.address(),
        toCarol.txHash(),
        deposit.encode(),
        exitableAt,
        Bytes.wrap(toCarol.txBytes()),
        List.of(),
        LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(
        new Piggybacked(id, CAROL.address(), true, 0, LogPlace.inBlock(chain.l1.mine())));
    String subject = "ife:" + id;
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(open(w)).containsExactly("non_canonical_ife:" + subject);

      chain.l1.setHeadTimestamp(exitableAt - TestChain.MEP / 2); // the canonicity window has closed
      w.pollOnce();
      assertThat(w.openEvents())
          .filteredOn(e -> e.type().equals("unchallenged_ife"))
          .singleElement()
          .satisfies(
              e -> assertThat(e.details()).containsEntry("atRisk", Address.ETH.toHex() + ":80"));

      chain.l1.setHeadTimestamp(exitableAt);
      chain.l1.append(
          new InFlightExitFinalized(id, Address.ETH, true, LogPlace.inBlock(chain.l1.mine())));
      w.pollOnce();
      assertThat(open(w))
          .as("paid as canonical: Carol's 80 was paid while Bob's 90 stands")
          .containsExactly("unchallenged_ife:" + subject);
    }
  }
}
