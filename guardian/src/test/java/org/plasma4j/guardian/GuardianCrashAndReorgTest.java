package org.plasma4j.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.guardian.GuardianFixture.ALICE;
import static org.plasma4j.guardian.GuardianFixture.CONFIG;
import static org.plasma4j.guardian.GuardianFixture.ETH;
import static org.plasma4j.guardian.GuardianFixture.L1_START;
import static org.plasma4j.guardian.GuardianFixture.MEP;
import static org.plasma4j.guardian.GuardianFixture.deposit;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guardian's own root-chain actions across a kill -9 (the executor throws an {@link Error} the
 * poll does not catch, and a new guardian starts on the same journal), reorgs that drop them, and a
 * key that runs out of gas money. Each ends with every exit started exactly once and followed to
 * its processing.
 */
class GuardianCrashAndReorgTest {

  @TempDir
  Path dataDir;

  private final OwnedOutput alice1 = deposit(ALICE, ETH, 1_000, 1);
  private final OwnedOutput alice2 = deposit(ALICE, ETH, 2_000, 2);
  private final OwnedOutput alice3 = deposit(ALICE, ETH, 3_000, 3);
  private final OwnedOutput alice4 = deposit(ALICE, ETH, 4_000, 4);
  private final GuardianTest.FakeWatcher watcher = new GuardianTest.FakeWatcher();
  private final InMemoryExecutor l1 = new InMemoryExecutor();
  private final AtomicLong clock = new AtomicLong(1_000);
  private final List<String> lines = new ArrayList<>();

  private Guardian guardian(GuardianConfig config) {
    return new Guardian(
        config,
        List.of(ALICE.address()),
        watcher,
        l1,
        l1,
        new JournalFile(dataDir),
        clock::get,
        lines::add);
  }

  private Guardian guardian() {
    return guardian(CONFIG);
  }

  private void alarm(OwnedOutput... outputs) {
    watcher.outputs = List.of(outputs);
    watcher.events = List.of(new ByzantineEvent("invalid_block", "block 3000"));
  }

  private long sends() {
    return l1.txs.size();
  }

  @Test
  void aKillBetweenTheMinedStandardExitAndTheJournalSaveNeitherRepeatsNorForgetsIt() {
    alarm(alice1);
    l1.crashAfterBroadcast = true;
    assertThatThrownBy(() -> guardian().pollOnce()).isInstanceOf(InMemoryExecutor.Crash.class);
    assertThat(new JournalFile(dataDir)
            .load()
            .entries()
            .get("exit:" + alice1.position())
            .l1TxHashes())
        .containsExactly("0x1");

    Guardian restarted = guardian();
    restarted.pollOnce();
    restarted.pollOnce();
    assertThat(l1.executed).containsExactly(new Action.StartStandardExit(alice1));
    assertThat(sends()).isEqualTo(1);
    JournalEntry exit = restarted.journal().entries().get("exit:" + alice1.position());
    assertThat(exit.done()).isTrue();
    assertThat(exit.exitableAt()).isEqualTo(L1_START + MEP);

    // not forgotten: once matured it is processed
    l1.setNow(L1_START + MEP);
    restarted.pollOnce();
    assertThat(l1.executed)
        .last()
        .isEqualTo(new Action.ProcessExits(ETH, CONFIG.processMaxExits()));
  }

  @Test
  void aKillBetweenTheMinedMassExitAndTheJournalSaveStartsNoSecondBatchAndPaysTheFirstOut() {
    alarm(alice1, alice2, alice3, alice4);
    l1.crashAfterBroadcast = true;
    assertThatThrownBy(() -> guardian().pollOnce()).isInstanceOf(InMemoryExecutor.Crash.class);

    Guardian restarted = guardian();
    restarted.pollOnce();
    restarted.pollOnce();
    assertThat(l1.executed).singleElement().isInstanceOf(Action.StartMassExit.class);
    assertThat(l1.batches).hasSize(1);
    JournalEntry mass = restarted.journal().done().getFirst();
    assertThat(mass.batchId()).isEqualTo(BigInteger.ONE);
    assertThat(mass.exitableAt()).isEqualTo(L1_START + MEP);
    assertThat(restarted.journal().claimedPositions())
        .containsExactlyInAnyOrder(
            alice1.position(), alice2.position(), alice3.position(), alice4.position());
  }

  @Test
  void aKillWhileTheExitIsPendingWaitsForItInsteadOfSendingAgain() {
    alarm(alice1, alice2, alice3, alice4);
    l1.holdMining = true;
    l1.crashAfterBroadcast = true;
    assertThatThrownBy(() -> guardian().pollOnce()).isInstanceOf(InMemoryExecutor.Crash.class);

    Guardian restarted = guardian();
    restarted.pollOnce();
    restarted.pollOnce();
    assertThat(sends()).isEqualTo(1); // still in the mempool: nothing sent again
    l1.holdMining = false;
    l1.mine();
    restarted.pollOnce();
    assertThat(l1.batches).hasSize(1);
    assertThat(restarted.journal().done())
        .singleElement()
        .satisfies(e -> assertThat(e.key()).startsWith("mass:"));
    assertThat(sends()).isEqualTo(1);
  }

  @Test
  void aKillAfterTheHashWasJournaledButBeforeTheBroadcastSendsItOnce() {
    alarm(alice1);
    l1.crashBeforeBroadcast = true;
    assertThatThrownBy(() -> guardian().pollOnce()).isInstanceOf(InMemoryExecutor.Crash.class);

    Guardian restarted = guardian();
    restarted.pollOnce();
    restarted.pollOnce();
    assertThat(l1.executed).containsExactly(new Action.StartStandardExit(alice1));
    assertThat(lines).anyMatch(l -> l.startsWith("DROPPED exit:" + alice1.position()));
    assertThat(restarted.journal().entries().get("exit:" + alice1.position()).attempts())
        .isZero();
  }

  @Test
  void aReorgThatDropsTheGuardiansExitBeforeItsConfirmationDepthMakesItExitAgain() {
    GuardianConfig deep = CONFIG.withConfirmations(3);
    alarm(alice1);
    Guardian g = guardian(deep);
    g.pollOnce();
    JournalEntry first = g.journal().entries().get("exit:" + alice1.position());
    assertThat(first.stage()).isEqualTo(JournalEntry.Stage.MINED);
    assertThat(g.journal().isDone(first.key())).isFalse();
    g.pollOnce();
    assertThat(sends()).as("mined, not deep enough, not sent again").isEqualTo(1);

    l1.drop("0x1"); // the reorg
    g.pollOnce();
    assertThat(lines).anyMatch(l -> l.startsWith("DROPPED exit:"));
    assertThat(l1.executed).containsExactly(new Action.StartStandardExit(alice1));
    assertThat(g.journal().entries().get(first.key()).l1TxHashes()).containsExactly("0x2");

    l1.advance(2);
    g.pollOnce();
    assertThat(g.journal().isDone(first.key())).isTrue();
    g.pollOnce();
    assertThat(l1.attempts).as("the first send and the one after the reorg").isEqualTo(2);
  }

  @Test
  void anExitAReorgReturnsToTheMempoolIsWaitedForNotSentAgain() {
    alarm(alice1);
    Guardian g = guardian(CONFIG.withConfirmations(3));
    g.pollOnce();
    l1.txs.computeIfPresent(
        "0x1", (h, t) -> new InMemoryExecutor.Tx(t.action(), 0)); // back in the mempool
    g.pollOnce();
    assertThat(g.journal().entries().get("exit:" + alice1.position()).stage())
        .isEqualTo(JournalEntry.Stage.SENDING);
    assertThat(lines).anyMatch(l -> l.startsWith("REORG"));
    assertThat(sends()).isEqualTo(1);
  }

  @Test
  void anActionThatRunsOutOfGasMoneyIsGivenUpLoudlyAndRetriedOnceFundsReturn() {
    alarm(alice1);
    l1.balances.put(ALICE.address(), BigInteger.valueOf(5));
    Guardian g = guardian();
    for (int i = 0; i < 5; i++) {
      g.pollOnce();
    }
    assertThat(l1.attempts).isEqualTo(CONFIG.maxAttempts());
    assertThat(l1.executed).isEmpty();
    assertThat(lines)
        .filteredOn(l -> l.startsWith("GAVE UP standard exit of " + alice1.position()))
        .singleElement()
        .asString()
        .contains("insufficient funds")
        .contains("more than its 5 wei");

    l1.balances.put(ALICE.address(), BigInteger.TEN.pow(18)); // refunded
    g.pollOnce();
    assertThat(lines).anyMatch(l -> l.startsWith("RETRY  exit:" + alice1.position()));
    assertThat(l1.executed).containsExactly(new Action.StartStandardExit(alice1));
    assertThat(g.journal().isDone("exit:" + alice1.position())).isTrue();
  }

  @Test
  void aChallengedOwnExitStopsTheProcessingAttempts() {
    alarm(alice1);
    Guardian g = guardian();
    g.pollOnce();
    l1.exitStates.put(alice1.position(), ExitStatus.EXIT_CHALLENGED);
    l1.setNow(L1_START + MEP);
    for (int i = 0; i < 3; i++) {
      g.pollOnce();
      l1.setNow(l1.now() + CONFIG.processRetrySeconds());
    }
    assertThat(l1.executed).containsExactly(new Action.StartStandardExit(alice1));
    assertThat(lines).filteredOn(l -> l.startsWith("LOST")).hasSize(1);
  }

  @Test
  void nothingIsSpentOnProcessingWhileTheQueueHeadIsYoungAndAtMostTheCap() {
    alarm(alice1);
    Guardian g = guardian();
    g.pollOnce();
    l1.setNow(L1_START + MEP);
    l1.queueHead =
        Optional.of(L1_START + 2 * MEP); // someone's exit ahead of the queue is not ready
    g.pollOnce();
    assertThat(l1.executed).hasSize(1);

    l1.queueHead = Optional.of(0L);
    for (int i = 0; i < CONFIG.maxProcessAttempts() + 3; i++) {
      g.pollOnce();
      l1.setNow(l1.now() + CONFIG.processRetrySeconds());
    }
    assertThat(l1.executed)
        .filteredOn(a -> a instanceof Action.ProcessExits)
        .hasSize(CONFIG.maxProcessAttempts());
    assertThat(lines).filteredOn(l -> l.startsWith("GAVE UP processing")).hasSize(1);
  }

  /**
   * The cap stops only calls that pay out nothing of the guardian's own: once one of its exits in
   * the token is processed (by anyone), the count starts over, and the exit of a later alarm is
   * processed again.
   */
  @Test
  void theProcessingCapStartsOverOnceOneOfItsExitsIsProcessed() {
    alarm(alice1);
    Guardian g = guardian();
    g.pollOnce();
    l1.setNow(L1_START + MEP);
    for (int i = 0; i < CONFIG.maxProcessAttempts() + 2; i++) {
      g.pollOnce();
      l1.setNow(l1.now() + CONFIG.processRetrySeconds());
    }
    assertThat(l1.executed)
        .filteredOn(a -> a instanceof Action.ProcessExits)
        .hasSize(CONFIG.maxProcessAttempts());

    l1.exitStates.put(alice1.position(), ExitStatus.EXIT_PROCESSED); // processed by hand
    alarm(alice1, alice2); // a later alarm, a new output
    g.pollOnce();
    assertThat(l1.executed).contains(new Action.StartStandardExit(alice2));
    assertThat(g.journal().processAttempts(ETH)).isZero();

    l1.setNow(l1.now() + MEP);
    g.pollOnce();
    assertThat(l1.executed)
        .filteredOn(a -> a instanceof Action.ProcessExits)
        .hasSize(CONFIG.maxProcessAttempts() + 1);
    assertThat(new JournalFile(dataDir).load().processedExits()).containsEntry(ETH, 1);
  }
}
