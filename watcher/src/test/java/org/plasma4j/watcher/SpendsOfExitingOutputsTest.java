package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.PiggybackPaid;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.challenge.ChallengeTask;
import org.plasma4j.watcher.events.ByzantineEvent;

/**
 * Spends of outputs that exit games hold or paid (validation.OutputClaims): only a payout before a
 * block's submission condemns the block, whichever transaction spends the output; a spend of an
 * output an open exit only holds is the owner's evidence against the exit, however late its block
 * is mined.
 */
class SpendsOfExitingOutputsTest {

  static final KeyPair ALICE = WatcherNodeTest.ALICE;
  static final KeyPair BOB = WatcherNodeTest.BOB;
  static final KeyPair CAROL = WatcherNodeTest.CAROL;

  final TestChain chain = new TestChain();

  long exitableAt() {
    return chain.l1.headTimestamp() + TestChain.MEP;
  }

  List<ByzantineEvent> events(WatcherNode w, String type) {
    return w.byzantineEvents(0).stream().filter(e -> e.type().equals(type)).toList();
  }

  /**
   * The operator checks an input against exits when it accepts the transaction (operator
   * Ledger.accept); an exit started afterwards leaves the accepted spend pending (a spent output
   * stays spent), and the block is formed at the next interval and mined whenever the root chain
   * takes it. So Alice's spend, accepted before her exit started, may be mined any number of
   * root-chain blocks after it (here four, more than the watcher's 3 confirmations): the honest
   * block stays valid and the spend challenges her exit.
   */
  @Test
  void anHonestBlockWhoseSpendWasAcceptedBeforeTheExitStartedIsNotCondemned() {
    OutputPosition a = chain.deposit(ALICE, 100);
    SignedTransaction spend =
        WatcherNodeTest.pay(a, ALICE, BOB, 90); // accepted by the operator first
    chain.l1.append(new ExitStartedEvent(
        a.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        exitableAt(),
        LogPlace.inBlock(chain.l1.mine())));
    for (int i = 0; i < 3; i++) {
      chain.l1.mine(); // the operator's block formation and submission take four root-chain blocks
    }
    long blk = chain.submit(spend);
    for (int i = 0; i < 3; i++) {
      chain.l1.mine();
    }
    try (WatcherNode w = chain.watcher(chain.config().withFollowing(3, Duration.ofSeconds(1), 0))) {
      w.pollOnce();
      assertThat(events(w, "invalid_block")).as("an honest block is condemned").isEmpty();
      assertThat(w.status().lastValidBlock()).isEqualTo(blk);
      assertThat(events(w, "invalid_exit"))
          .singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("position", a.toString()));
      assertThat(chain.challenger.sent)
          .singleElement()
          .isInstanceOfSatisfying(
              ChallengeTask.StandardExitChallenge.class,
              c -> assertThat(c.data().spendingTxBytes().toArray()).isEqualTo(spend.txBytes()));
    }
  }

  /**
   * The same with the devnet's default of 0 confirmations: a spend accepted before the exit and
   * mined in the very next root-chain block after it leaves the block valid.
   */
  @Test
  void withNoConfirmationsASpendMinedOneBlockAfterTheExitIsNotCondemned() {
    OutputPosition a = chain.deposit(ALICE, 100);
    SignedTransaction spend = WatcherNodeTest.pay(a, ALICE, BOB, 90);
    chain.l1.append(new ExitStartedEvent(
        a.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        exitableAt(),
        LogPlace.inBlock(chain.l1.mine())));
    long blk = chain.submit(spend);
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_block")).as("an honest block is condemned").isEmpty();
      assertThat(w.status().lastValidBlock()).isEqualTo(blk);
      assertThat(events(w, "invalid_exit"))
          .singleElement()
          .satisfies(e ->
              assertThat(e.details()).containsEntry("spentBy", spend.txHash().toString()));
      assertThat(chain.challenger.sent)
          .singleElement()
          .isInstanceOf(ChallengeTask.StandardExitChallenge.class);
    }
  }

  /**
   * Alice signs T0 (her deposit to Bob) and a competitor T1 (to Carol); neither is included. T0 is
   * exited in flight, T1 shown as competitor (it need not be included), so the exit is
   * non-canonical: Alice's input piggyback is paid, 100 leave the vault, and T0's outputs are
   * released by the contract (InFlightExitGame._settleOutput). A block including T0 afterwards
   * would give Bob 90 in the child chain that the root chain no longer backs: the in-flight
   * transaction's own spend of a paid input condemns its block like any other.
   */
  @Test
  void theInFlightTransactionIncludedAfterItsInputWasPaidOutMakesTheBlockInvalid() {
    OutputPosition deposit = chain.deposit(ALICE, 100);
    SignedTransaction t0 = WatcherNodeTest.pay(deposit, ALICE, BOB, 90);
    BigInteger id = InFlightExitId.of(t0.txBytes());
    chain.l1.append(new InFlightExitStarted(
        id,
        ALICE.address(),
        t0.txHash(),
        deposit.encode(),
        exitableAt(),
        Bytes.wrap(t0.txBytes()),
        List.of(),
        LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(
        new Piggybacked(id, ALICE.address(), false, 0, LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(
        new InFlightExitChallenged(id, CAROL.address(), 0, LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(
        new InFlightExitFinalized(id, Address.ETH, false, LogPlace.inBlock(chain.l1.mine())));
    chain.l1.append(new PiggybackPaid(
        id,
        ALICE.address(),
        false,
        0,
        Address.ETH,
        BigInteger.valueOf(100),
        LogPlace.inBlock(chain.l1.mine())));
    long blk = chain.submit(t0); // after the input was paid on the root chain
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(events(w, "invalid_block"))
          .as("the block re-creates value the root chain already paid out")
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("blkNum", Long.toString(blk))
              .containsEntry("error", "invalid_tx:EXITING_INPUT"));
    }
  }
}
