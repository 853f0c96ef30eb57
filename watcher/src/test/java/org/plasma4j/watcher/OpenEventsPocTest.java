package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.events.ByzantineEvent;

/**
 * Proofs of concept of faults in the watcher's open events and durable challenges, which the guardian's
 * alarms rest on. Each test FAILS ON PURPOSE on the code under review.
 */
class OpenEventsPocTest {

  static final KeyPair ALICE = WatcherNodeTest.ALICE;
  static final KeyPair BOB = WatcherNodeTest.BOB;
  static final KeyPair CAROL = WatcherNodeTest.CAROL;

  final TestChain chain = new TestChain();

  /**
   * FAILS ON PURPOSE. An event's details are frozen as first reported, but {@code unchallenged_ife} is
   * first reported as soon as the root chain's head passes the canonicity window, judged on a view that
   * lags by the watcher's confirmations (12 blocks by default). The thief piggybacks her outputs in the
   * last blocks of period 1: the event is reported with {@code atRisk} empty, which the guardian reads as
   * "nothing of a token they hold is paid wrongly", and the piggyback confirmed a moment later never
   * updates it. The theft of 80 wei is paid without an alarm.
   */
  @Test
  void pocFailsOnPurpose_aPiggybackInTheLastConfirmationBlocksOfPeriodOneLeavesTheTheftAtRiskOfNothing() {
    int confirmations = 2;
    OutputPosition deposit = chain.deposit(ALICE, 100);
    SignedTransaction toBob = WatcherNodeTest.pay(deposit, ALICE, BOB, 90);
    SignedTransaction toCarol = WatcherNodeTest.pay(deposit, ALICE, CAROL, 80); // the double spend, in flight
    chain.submit(toBob);
    BigInteger id = InFlightExitId.of(toCarol.txBytes());
    long exitableAt = chain.l1.headTimestamp + FakeRootChain.MEP;
    chain.l1.ifesStarted.add(new InFlightExitStarted(id, CAROL.address(), toCarol.txHash(), deposit.encode(), exitableAt,
        Bytes.wrap(toCarol.txBytes()), chain.l1.mine()));
    for (int i = 0; i < confirmations; i++) {
      chain.l1.mine();
    }
    WatcherConfig lagging = chain.config().withFollowing(confirmations, Duration.ofSeconds(1), 0);
    try (WatcherNode w = chain.watcher(lagging)) {
      w.pollOnce(); // the canonicity challenge goes out but does not land (e.g. front-run into a revert, key out of gas)

      long windowCloses = exitableAt - FakeRootChain.MEP / 2;
      chain.l1.headTimestamp = windowCloses - 13;
      long piggybackBlock = chain.l1.mine(); // at windowCloses - 1: still in period 1, accepted by the game
      chain.l1.piggybacks.add(new Piggybacked(id, CAROL.address(), true, 0, piggybackBlock));
      chain.l1.mine(); // the head is past the window, the piggyback not yet confirmed
      w.pollOnce();

      for (int i = 0; i < confirmations; i++) {
        chain.l1.mine();
      }
      w.pollOnce(); // now the watcher's view holds the piggyback

      assertThat(w.openEvents()).filteredOn(e -> e.type().equals("unchallenged_ife")).singleElement()
          .satisfies(e -> assertThat(e.details())
              .as("Carol's piggybacked 80 wei is what the vault pays wrongly")
              .containsEntry("atRisk", Address.ETH.toHex() + ":80"));
    }
  }

  /**
   * FAILS ON PURPOSE. A watcher restarted on its store rebuilds its state (it knows the invalid block at
   * once) but answers watcher_openEvents with nothing until its first audit, which comes only after a
   * whole round of root-chain sync and block downloads from the operator. A guardian polling meanwhile
   * (its loop and the embedded watcher's run on separate threads, a remote watcher is restarted on its
   * own) reads "nothing stands", ends its standing alarm ("its cause is resolved on the root chain") and
   * starts no new exit.
   */
  @Test
  void pocFailsOnPurpose_aRestartedWatcherReportsNothingOpenUntilItsFirstAudit() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    chain.submit(WatcherNodeTest.pay(deposit, ALICE, BOB, 90));
    long bad = chain.submit(WatcherNodeTest.pay(deposit, ALICE, CAROL, 90)); // a double spend
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      w.pollOnce();
      assertThat(w.openEvents()).extracting(ByzantineEvent::key).containsExactly("invalid_block:block:" + bad);
    }
    try (WatcherNode restarted = chain.watcher()) {
      assertThat(restarted.status().invalidBlocks()).as("the rebuilt state knows the invalid block").containsExactly(bad);
      assertThat(restarted.openEvents()).as("and so must the open events a guardian judges on")
          .extracting(ByzantineEvent::key).containsExactly("invalid_block:block:" + bad);
    }
  }

  /**
   * FAILS ON PURPOSE. A challenge is a commitment and a reveal one block later. A reorg returns both to
   * the mempool; with consecutive nonces they are mined again in one block, and the reveal reverts
   * (CommitmentTooRecent). The root chain now holds a receipt for the reveal, so {@code minedIn} gives its
   * block (FrameworkClient.minedIn does not look at the status) and the runner counts the challenge as
   * sent for good: it never sends it again and never reports challenge_failing, while the confirmed view
   * shows the exit unchallenged round after round until it is paid.
   */
  @Test
  void pocFailsOnPurpose_aChallengeWhoseRevealAReorgTurnedIntoARevertIsNeverSentAgain() {
    OutputPosition a = chain.deposit(ALICE, 100);
    chain.submit(WatcherNodeTest.pay(a, ALICE, BOB, 90));
    chain.l1.exitsStarted.add(new ExitStartedEvent(a.encode(), ALICE.address(), Address.ETH, BigInteger.valueOf(100),
        chain.l1.headTimestamp + FakeRootChain.MEP, chain.l1.mine()));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(chain.challenger.sent).hasSize(1);

      // the reorg: mined again, reverted, in a block that is by now deep
      chain.challenger.chain.put("0xc1", chain.l1.mine());
      for (int i = 0; i < 20; i++) {
        chain.l1.mine();
        chain.clock.addAndGet(60_000);
        w.pollOnce();
      }

      boolean failingReported = w.byzantineEvents(0).stream().anyMatch(e -> e.type().equals("challenge_failing"));
      assertThat(chain.challenger.sent.size() > 1 || failingReported)
          .as("the exit still stands unchallenged 20 blocks later: the challenge must be sent again, or reported failing")
          .isTrue();
    }
  }
}
