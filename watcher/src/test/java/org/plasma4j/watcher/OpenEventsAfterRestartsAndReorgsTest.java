package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.PiggybackBlocked;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.events.ByzantineEvent;

/**
 * The watcher's open events, which the guardian's alarms rest on, and its durable challenges:
 * judged at the time of the confirmed view with the details of the last audit, served only once the
 * watcher has judged the chain after a restart, and a challenge that a reorg turned into a revert,
 * or that was mined without effect, sent again.
 */
class OpenEventsAfterRestartsAndReorgsTest {

  static final KeyPair ALICE = WatcherNodeTest.ALICE;
  static final KeyPair BOB = WatcherNodeTest.BOB;
  static final KeyPair CAROL = WatcherNodeTest.CAROL;

  final TestChain chain = new TestChain();

  /**
   * The thief piggybacks her outputs in the last blocks of period 1, which the watcher's view,
   * lagging the head by its confirmations, does not hold yet when the head passes the canonicity
   * window. Judged at the head's time, {@code unchallenged_ife} would be reported with nothing at
   * risk, which the guardian reads as "nothing of a token they hold is paid wrongly". Judged at the
   * time of the view's last block it is reported once the view holds every piggyback period 1
   * accepted.
   */
  @Test
  void aPiggybackInTheLastConfirmationBlocksOfPeriodOneIsAtRiskInTheUnchallengedIfe() {
    int confirmations = 2;
    OutputPosition deposit = chain.deposit(ALICE, 100);
    SignedTransaction toBob = WatcherNodeTest.pay(deposit, ALICE, BOB, 90);
    SignedTransaction toCarol =
        WatcherNodeTest.pay(deposit, ALICE, CAROL, 80); // the double spend, in flight
    chain.submit(toBob);
    BigInteger id = InFlightExitId.of(toCarol.txBytes());
    long exitableAt = chain.l1.headTimestamp() + TestChain.MEP;
    chain.l1.append(new InFlightExitStarted(
        id,
        CAROL.address(),
        toCarol.txHash(),
        deposit.encode(),
        exitableAt,
        Bytes.wrap(toCarol.txBytes()),
        List.of(),
        LogPlace.inBlock(chain.l1.mine())));
    for (int i = 0; i < confirmations; i++) {
      chain.l1.mine();
    }
    WatcherConfig lagging = chain.config().withFollowing(confirmations, Duration.ofSeconds(1), 0);
    try (WatcherNode w = chain.watcher(lagging)) {
      w.pollOnce(); // the canonicity challenge goes out but does not land (e.g. front-run into a
      // revert, key out of gas)

      long windowCloses = exitableAt - TestChain.MEP / 2;
      chain.l1.setHeadTimestamp(windowCloses - 13);
      long piggybackBlock =
          chain.l1.mine(); // at windowCloses - 1: still in period 1, accepted by the game
      chain.l1.append(
          new Piggybacked(id, CAROL.address(), true, 0, LogPlace.inBlock(piggybackBlock)));
      chain.l1.mine(); // the head is past the window, the piggyback not yet confirmed
      w.pollOnce();
      assertThat(w.openEvents())
          .as("the view's last block is still in period 1")
          .noneMatch(e -> e.type().equals("unchallenged_ife"));

      for (int i = 0; i < confirmations; i++) {
        chain.l1.mine();
      }
      w.pollOnce(); // now the watcher's view holds the piggyback

      assertThat(w.openEvents())
          .filteredOn(e -> e.type().equals("unchallenged_ife"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .as("Carol's piggybacked 80 wei is what the vault pays wrongly")
              .containsEntry("atRisk", Address.ETH.toHex() + ":80"));
    }
  }

  /**
   * A watcher restarted on its store audits its rebuilt state before it serves, so a guardian
   * polling meanwhile never reads "nothing stands" and ends a standing alarm: the invalid block is
   * open at once.
   */
  @Test
  void aRestartedWatcherServesWhatStandsBeforeItsFirstPoll() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    chain.submit(WatcherNodeTest.pay(deposit, ALICE, BOB, 90));
    long bad = chain.submit(WatcherNodeTest.pay(deposit, ALICE, CAROL, 90)); // a double spend
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      w.pollOnce();
      assertThat(w.openEvents())
          .extracting(ByzantineEvent::key)
          .containsExactly("invalid_block:block:" + bad);
    }
    try (WatcherNode restarted = chain.watcher()) {
      assertThat(restarted.status().invalidBlocks())
          .as("the rebuilt state knows the invalid block")
          .containsExactly(bad);
      assertThat(restarted.openEvents())
          .as("and so must the open events a guardian judges on")
          .extracting(ByzantineEvent::key)
          .containsExactly("invalid_block:block:" + bad);
    }
  }

  /**
   * A challenge is a commitment and a reveal one block later. A reorg returns both to the mempool;
   * with consecutive nonces they are mined again in one block, and the reveal reverts
   * (CommitmentTooRecent). The reverted receipt is a failure: the commitment and reveal are sent
   * again after the backoff.
   */
  @Test
  void aChallengeWhoseRevealAReorgTurnedIntoARevertIsSentAgain() {
    OutputPosition a = chain.deposit(ALICE, 100);
    chain.submit(WatcherNodeTest.pay(a, ALICE, BOB, 90));
    chain.l1.append(new ExitStartedEvent(
        a.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        chain.l1.headTimestamp() + TestChain.MEP,
        LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(chain.challenger.sent).hasSize(1);

      // the reorg: mined again, reverted, in a block that is by now deep
      chain.challenger.chain.put("0xc1", chain.l1.mine());
      chain.challenger.reverted.add("0xc1");
      for (int i = 0; i < 20; i++) {
        chain.l1.mine();
        chain.clock.addAndGet(60_000);
        w.pollOnce();
      }

      w.pollOnce();
      assertThat(chain.challenger.sent)
          .as("sent again once its backoff was over")
          .hasSizeGreaterThan(1)
          .allSatisfy(t -> assertThat(t.key()).isEqualTo("exit:" + a.encode()));
    }
  }

  /**
   * A challenge mined and applied in a block the confirmed view holds, while the view still shows
   * the exit unchallenged, did not do what it was sent for: it is a failure, sent again after a
   * backoff and reported once it keeps failing; one mined in a block the view does not hold yet is
   * waited for.
   */
  @Test
  void aChallengeMinedWithoutEffectIsSentAgainWithABackoffAndReportedWhenItKeepsFailing() {
    OutputPosition a = chain.deposit(ALICE, 100);
    chain.submit(WatcherNodeTest.pay(a, ALICE, BOB, 90));
    chain.l1.append(new ExitStartedEvent(
        a.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        chain.l1.headTimestamp() + TestChain.MEP,
        LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      w.pollOnce(); // mined in the next block, which the view does not hold yet: waited for
      assertThat(chain.challenger.sent).hasSize(1);

      chain.l1.mine(); // the view holds its block, and the exit still stands
      w.pollOnce();
      assertThat(chain.challenger.sent).as("within the backoff").hasSize(1);
      for (int i = 0; i < 6; i++) {
        chain.clock.addAndGet(300_000);
        w.pollOnce();
        chain.l1.mine();
        w.pollOnce();
      }
      assertThat(chain.challenger.sent).hasSize(7);
      assertThat(w.byzantineEvents(0))
          .filteredOn(e -> e.type().equals("challenge_failing"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("challenge", "exit:" + a.encode())
              .hasEntrySatisfying(
                  "error", v -> assertThat(v).contains("yet the exit still stands")));
    }
  }

  /**
   * The open events carry the details of the last audit, the history the first report: once Carol's
   * piggyback on the unchallenged in-flight exit is blocked, nothing of it is at risk any more.
   */
  @Test
  void theOpenEventsCarryTheDetailsOfTheLastAuditAndTheHistoryTheFirst() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    chain.submit(WatcherNodeTest.pay(deposit, ALICE, BOB, 90));
    SignedTransaction toCarol = WatcherNodeTest.pay(deposit, ALICE, CAROL, 80);
    BigInteger id = InFlightExitId.of(toCarol.txBytes());
    long exitableAt = chain.l1.headTimestamp() + TestChain.MEP;
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
    chain.challenger.failNext = 1_000; // nobody challenges it
    try (WatcherNode w = chain.watcher()) {
      chain.l1.setHeadTimestamp(exitableAt - TestChain.MEP / 2);
      chain.l1.mine();
      w.pollOnce();
      String atRisk = Address.ETH.toHex() + ":80";
      assertThat(w.openEvents())
          .filteredOn(e -> e.type().equals("unchallenged_ife"))
          .singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("atRisk", atRisk));

      chain.l1.append(
          new PiggybackBlocked(id, BOB.address(), true, 0, LogPlace.inBlock(chain.l1.mine())));
      w.pollOnce();
      assertThat(w.openEvents())
          .filteredOn(e -> e.type().equals("unchallenged_ife"))
          .singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("atRisk", ""));
      assertThat(w.byzantineEvents(0))
          .filteredOn(e -> e.type().equals("unchallenged_ife"))
          .singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("atRisk", atRisk));
    }
  }

  /**
   * Asked before it has read the root chain and judged it, the watcher says so by name instead of
   * "nothing stands".
   */
  @Test
  void beforeItsFirstAuditTheWatcherIsNotReady() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    chain.submit(WatcherNodeTest.pay(deposit, ALICE, BOB, 90));
    long bad = chain.submit(WatcherNodeTest.pay(deposit, ALICE, CAROL, 90));
    try (WatcherNode w = chain.watcher()) {
      assertThatThrownBy(w::openEvents).isInstanceOf(WatcherNotReady.class);
      w.pollOnce();
      assertThat(w.openEvents())
          .extracting(ByzantineEvent::key)
          .containsExactly("invalid_block:block:" + bad);
    }
  }
}
