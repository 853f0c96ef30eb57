package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.FEE;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.MIN_EXIT_PERIOD;
import static org.plasma4j.devnet.attacks.AttackHarness.PROCESSOR;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.guardian.Guardian;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.Utxo;
import org.plasma4j.watcher.events.EventType;

/**
 * Attack k: the operator puts an output out of nothing (1 ETH to its accomplice mallory) into a
 * block it submits, and mallory spends it in flight together with a fresh 1-wei deposit. The
 * deposit is the in-flight transaction's youngest input; had the deposit's one-MEP rule applied to
 * the whole exit, it would have been processable a full MEP before the honest outputs of the blocks
 * before the forgery, which wait 2·MEP from their block, and been paid first out of their funds.
 *
 * <p>Defence: an in-flight exit is exitable at the latest of its inputs' exitable times, here 2·MEP
 * after the forged block, so it queues behind every honest output of an earlier block. The watcher
 * reports the invalid block (NOT_A_PAYMENT); the guardian raises the alarm and standard-exits
 * alice's and bob's outputs in the valid block. They are paid in full; the in-flight exit comes
 * last, is canonical (nothing competes with it) and finds the vault short of its output: nothing is
 * paid or credited, mallory only gets her unchallenged in-flight exit bond back.
 */
class AttackKForgedOutputInFlightIT extends AttackTest {

  private static final BigInteger FIFTH = ETHER.divide(BigInteger.valueOf(5));

  @Test
  void kAForgedOutputSpentInFlightWithAFreshDepositIsPaidOnlyAfterEveryHonestExit() {
    BalanceBook book = book(ALICE, BOB);
    Guardian guardian = h.guardian(ALICE, BOB);
    PlasmaWallet alice = h.wallet(ALICE);
    PlasmaWallet bob = h.wallet(BOB);
    PlasmaWallet mallory = h.wallet(MALLORY);

    h.deposit(ALICE, ETHER);
    book.debit(address(ALICE), "deposit", ETHER);
    alice.send(bob.address(), Address.ETH, FIFTH);
    h.nextBlock();
    h.watch();
    guardian.pollOnce();
    assertThat(guardian.journal().alarm()).as("no alarm on a valid chain").isEmpty();

    // the attack, a little later (on anvil, blocks a moment apart can share a timestamp): an output
    // out
    // of nothing in the operator's next block, spent in flight with a deposit made after that block
    h.anvil().increaseTime(10);
    h.hostility()
        .inject(mallory.sign(Transaction.payment(
            List.of(), List.of(new Output(address(MALLORY), Address.ETH, ETHER)))));
    BlockRecord bad = h.nextBlock();
    OutputPosition forged = OutputPosition.of(bad.blkNum(), 0, 0);
    Deposit tiny = h.deposit(MALLORY, BigInteger.ONE);
    assertThat(tiny.position())
        .as("the deposit is younger than the forged block")
        .isGreaterThan(forged.encode());
    SignedTransaction inFlight = mallory.sign(Transaction.payment(
        List.of(forged, OutputPosition.decode(tiny.position())),
        List.of(new Output(address(MALLORY), Address.ETH, ETHER.add(BigInteger.ONE)))));
    mallory.startInFlightExit(inFlight);
    mallory.piggybackOutput(inFlight.tx(), 0);
    InFlightExitState ife = h.inFlightExit(inFlight);
    long forgedBlockTime = h
        .rootChain()
        .events(0, h.anvil().blockNumber(), RootChain.BlockSubmittedEvent.class)
        .stream()
        .filter(b -> b.blkNum() == bad.blkNum())
        .findFirst()
        .orElseThrow()
        .timestamp();
    assertThat(ife.youngestInputPosition()).isEqualTo(tiny.position());
    assertThat(ife.exitableAt())
        .as("2·MEP after the forged block, not one MEP after the deposit")
        .isEqualTo(forgedBlockTime + 2 * MIN_EXIT_PERIOD);

    h.watch();
    assertThat(h.reported(EventType.INVALID_BLOCK))
        .singleElement()
        .satisfies(e -> assertThat(e.details())
            .containsEntry("blkNum", Long.toString(bad.blkNum()))
            .containsEntry("error", "invalid_tx:NOT_A_PAYMENT"));
    List<Utxo> bobs = bob.utxos();
    Utxo change = only(alice.utxos());
    guardian.pollOnce();
    assertThat(guardian.journal().alarm()).isPresent();
    assertThat(change.amount()).isEqualTo(ETHER.subtract(FIFTH).subtract(FEE));
    assertThat(only(bobs).amount()).isEqualTo(FIFTH);
    h.expectGuardianExit(ALICE, change);
    h.expectGuardianExit(BOB, only(bobs));
    List<ExitStartedEvent> honest =
        h.rootChain().events(0, h.anvil().blockNumber(), RootChain.ExitStartedEvent.class);
    assertThat(honest)
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.exitableAt()).isLessThan(ife.exitableAt()));

    h.exitPeriodPasses();
    FrameworkClient processor = h.l1(PROCESSOR);
    processor.processExits(Address.ETH, 10);
    guardian.pollOnce();
    assertThat(processor.exitQueueLength(Address.ETH)).isZero();
    assertThat(processor.isExited(change.position())).isTrue();
    assertThat(processor.isExited(only(bobs).position())).isTrue();
    assertThat(h.games()
            .events(0, h.anvil().blockNumber(), ExitGameEvents.InFlightExitFinalized.class))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.ifeId()).isEqualTo(InFlightExitId.of(inFlight.txBytes()));
          assertThat(f.canonical()).isTrue();
        });
    assertThat(h.withdrawable(address(MALLORY)))
        .as("the forged in-flight exit found the vault short: nothing paid, nothing credited")
        .isZero();

    book.assertAllWhole();
  }
}
