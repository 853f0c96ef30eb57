package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.FEE;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.PROCESSOR;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.guardian.Guardian;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.RootChainActions.MassExit;
import org.plasma4j.wallet.Utxo;
import org.plasma4j.watcher.events.EventType;

/**
 * Attack n: mallory gets her deposit paid by a mass exit of her own; the operator, her accomplice,
 * then puts her spend of that same output into a block it submits, and she exits the new output, to
 * be paid a second time out of alice's and bob's money.
 *
 * <p>Defence: the watcher follows the mass-exit game's payouts by output key (MassExitOutputPaid),
 * so the spend of a paid output makes the block invalid (EXITING_INPUT); the guardian raises the
 * alarm and exits alice's and bob's outputs of the valid block, older in the queue than anything of
 * the invalid one. They are paid in full; mallory's second exit finds the vault short and is paid
 * nothing.
 */
class AttackNRespentMassExitPayoutIT extends AttackTest {

  private static final BigInteger FIFTH = ETHER.divide(BigInteger.valueOf(5));

  @Test
  void nAnOutputPaidByAMassExitAndSpentAgainIsFlaggedAndPaidOnlyAfterEveryHonestExit() {
    BalanceBook book = book(ALICE, BOB);
    Guardian guardian = h.guardian(ALICE, BOB);
    PlasmaWallet alice = h.wallet(ALICE);
    PlasmaWallet bob = h.wallet(BOB);
    PlasmaWallet mallory = h.wallet(MALLORY);

    h.deposit(ALICE, ETHER);
    book.debit(address(ALICE), "deposit", ETHER);
    Deposit malloryDeposit = h.deposit(MALLORY, ETHER);
    alice.send(bob.address(), Address.ETH, FIFTH);
    h.nextBlock();
    h.watch();
    guardian.pollOnce();
    assertThat(guardian.journal().alarm()).as("no alarm on a valid chain").isEmpty();

    // mallory's deposit leaves by her own mass exit, honestly processed and paid
    MassExit batch = mallory.massExit(Address.ETH, List.of(malloryDeposit.position()));
    h.exitPeriodPasses();
    h.l1(PROCESSOR).processExits(Address.ETH, 10);
    mallory.withdrawMassExit(batch);
    assertThat(
            h.games().events(0, h.anvil().blockNumber(), ExitGameEvents.MassExitOutputPaid.class))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.position()).isEqualTo(malloryDeposit.position());
          assertThat(p.amount()).isEqualTo(ETHER);
        });
    h.watch();
    guardian.pollOnce();
    assertThat(guardian.journal().alarm()).as("a paid mass exit is no alarm").isEmpty();

    // the attack: the operator includes mallory's spend of the paid output, and she exits what it
    // creates
    h.hostility()
        .inject(mallory.sign(Transaction.payment(
            List.of(OutputPosition.decode(malloryDeposit.position())),
            List.of(new Output(address(MALLORY), Address.ETH, ETHER.subtract(FEE))))));
    BlockRecord bad = h.nextBlock();
    long respent = OutputPosition.of(bad.blkNum(), 0, 0).encode();
    mallory.exit(respent);

    h.watch();
    assertThat(h.reported(EventType.INVALID_BLOCK))
        .singleElement()
        .satisfies(e -> assertThat(e.details())
            .containsEntry("blkNum", Long.toString(bad.blkNum()))
            .containsEntry("error", "invalid_tx:EXITING_INPUT"));
    List<Utxo> bobs = bob.utxos();
    Utxo change = only(alice.utxos());
    guardian.pollOnce();
    assertThat(guardian.journal().alarm()).isPresent();
    assertThat(change.amount()).isEqualTo(ETHER.subtract(FIFTH).subtract(FEE));
    assertThat(bobs).extracting(Utxo::amount).containsExactly(FIFTH);
    h.expectGuardianExit(ALICE, change);
    bobs.forEach(u -> h.expectGuardianExit(BOB, u));

    h.exitPeriodPasses();
    FrameworkClient processor = h.l1(PROCESSOR);
    processor.processExits(Address.ETH, 10);
    guardian.pollOnce();
    assertThat(processor.exitQueueLength(Address.ETH)).isZero();
    assertThat(processor.isExited(change.position())).isTrue();
    assertThat(bobs)
        .allSatisfy(u -> assertThat(processor.isExited(u.position())).isTrue());
    assertThat(h.withdrawable(address(MALLORY)))
        .as(
            "the second exit found the vault short: nothing paid, nothing credited for later deposits to cover")
        .isZero();

    book.assertAllWhole();
  }
}
