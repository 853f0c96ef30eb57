package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.challenge.ChallengeTask;

/**
 * The watcher's challenges survive restarts and reorgs and outlast failures: what it sent is in its
 * store with the transactions' hashes, a challenge a reorg dropped is sent again, one that keeps
 * failing is retried with a backoff (and reported) instead of being given up.
 */
class DurableChallengesTest {

  static final KeyPair ALICE = WatcherNodeTest.ALICE;
  static final KeyPair BOB = WatcherNodeTest.BOB;

  final TestChain chain = new TestChain();

  /** Alice exits a deposit she spent: the watcher challenges it. */
  private OutputPosition invalidExit() {
    OutputPosition a = chain.deposit(ALICE, 100);
    SignedTransaction spend = WatcherNodeTest.pay(a, ALICE, BOB, 90);
    chain.submit(spend);
    chain.l1.append(new ExitStartedEvent(
        a.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        chain.l1.headTimestamp() + TestChain.MEP,
        LogPlace.inBlock(chain.l1.mine())));
    return a;
  }

  @Test
  void aChallengeMinedButNotYetInTheConfirmedViewIsNotSentAgainEvenAfterARestart() {
    invalidExit();
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      w.pollOnce(); // the root chain does not show it challenged yet: it is mined, the view lags
    }
    try (WatcherNode restarted = chain.watcher()) {
      restarted.pollOnce();
    }
    assertThat(chain.challenger.sent)
        .singleElement()
        .isInstanceOf(ChallengeTask.StandardExitChallenge.class);
  }

  @Test
  void aChallengeAReorgDroppedIsSentAgain() {
    OutputPosition a = invalidExit();
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      chain.challenger.chain.put("0xc1", RecordingChallenger.PENDING); // back in the mempool: wait
      w.pollOnce();
      assertThat(chain.challenger.sent).hasSize(1);

      chain.challenger.chain.remove("0xc1"); // the reorg dropped it for good
      w.pollOnce();
      assertThat(chain.challenger.sent)
          .hasSize(2)
          .allSatisfy(t -> assertThat(t.key()).isEqualTo("exit:" + a.encode()));
      w.pollOnce();
      assertThat(chain.challenger.sent).hasSize(2);
    }
  }

  @Test
  void aChallengerOutOfGasMoneyRetriesWithABackoffReportsItAndSendsOnceFunded() {
    invalidExit();
    chain.challenger.failNext = 6;
    try (WatcherNode w = chain.watcher()) {
      for (int i = 0; i < 6; i++) {
        w.pollOnce();
        w.pollOnce(); // within the backoff: not tried
        chain.clock.addAndGet(301_000);
      }
      assertThat(chain.challenger.sent).isEmpty();
      assertThat(w.byzantineEvents(0))
          .filteredOn(e -> e.type().equals("challenge_failing"))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("failures", "5")
              .hasEntrySatisfying("error", v -> assertThat(v).contains("insufficient funds")));

      w.pollOnce(); // funded again (no more failures): the seventh attempt goes through
      assertThat(chain.challenger.sent)
          .singleElement()
          .isInstanceOf(ChallengeTask.StandardExitChallenge.class);
    }
  }
}
