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
import java.util.function.Function;
import org.junit.jupiter.api.Test;
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
 * Attacks a and i: the operator puts an invalid transaction into a block it submits, and its
 * accomplice mallory exits the transaction's output, worth 1 ETH. That output is unspent, so no
 * challenge can cancel its exit. a: the invalid transaction is a second spend of mallory's deposit,
 * which already paid bob in the block before. i: it has no inputs at all, so no deposit and no
 * input funds its output.
 *
 * <p>Defence (Plasma MVP): the watcher re-validates the block and reports invalid_block; the
 * guardian raises the alarm and starts standard exits of alice's and bob's outputs in the valid
 * blocks. Those are older in the exit queue than anything in the invalid block, so they are paid in
 * full first; the forged exit comes last and finds the vault short of its amount, so it is paid
 * nothing (PayoutShort) and credited nothing that later deposits could pay.
 */
class AttackAIInvalidBlockIT extends AttackTest {

  private static final BigInteger HALF = ETHER.divide(BigInteger.TWO);
  private static final BigInteger FIFTH = ETHER.divide(BigInteger.valueOf(5));

  @Test
  void aDoubleSpendsOutputIsPaidOnlyAfterEveryHonestExit() {
    invalidBlockIsOutrunByTheGuardian(
        deposit -> h.wallet(MALLORY)
            .sign(Transaction.payment(
                List.of(OutputPosition.decode(deposit.position())),
                List.of(new Output(address(MALLORY), Address.ETH, ETHER)))),
        "invalid_tx:SPENT_INPUT");
  }

  @Test
  void iAnUnfundedOutputIsPaidOnlyAfterEveryHonestExit() {
    invalidBlockIsOutrunByTheGuardian(
        deposit -> h.wallet(MALLORY)
            .sign(Transaction.payment(
                List.of(), List.of(new Output(address(MALLORY), Address.ETH, ETHER)))),
        "invalid_tx:NOT_A_PAYMENT");
  }

  /** {@code forge} builds the invalid transaction from mallory's (already spent) deposit. */
  private void invalidBlockIsOutrunByTheGuardian(
      Function<Deposit, SignedTransaction> forge, String error) {
    BalanceBook book = book(ALICE, BOB);
    Guardian guardian = h.guardian(ALICE, BOB);
    PlasmaWallet alice = h.wallet(ALICE);
    PlasmaWallet bob = h.wallet(BOB);

    h.deposit(ALICE, ETHER);
    book.debit(address(ALICE), "deposit", ETHER);
    Deposit malloryDeposit = h.deposit(MALLORY, ETHER);
    h.wallet(MALLORY).send(bob.address(), Address.ETH, HALF);
    alice.send(bob.address(), Address.ETH, FIFTH);
    h.nextBlock();
    h.watch();
    guardian.pollOnce();
    assertThat(guardian.journal().alarm()).as("no alarm on a valid chain").isEmpty();

    // the attack: the invalid transaction in the operator's next block, its output exited at once
    h.hostility().inject(forge.apply(malloryDeposit));
    BlockRecord bad = h.nextBlock();
    long forgedOutput = OutputPosition.of(bad.blkNum(), 0, 0).encode();
    h.wallet(MALLORY).exit(forgedOutput);

    h.watch();
    assertThat(h.reported(EventType.INVALID_BLOCK))
        .singleElement()
        .satisfies(e -> assertThat(e.details())
            .containsEntry("blkNum", Long.toString(bad.blkNum()))
            .containsEntry("error", error));
    List<Utxo> bobs = bob.utxos();
    Utxo change = only(alice.utxos());
    guardian.pollOnce();
    assertThat(guardian.journal().alarm()).isPresent();
    assertThat(change.amount()).isEqualTo(ETHER.subtract(FIFTH).subtract(FEE));
    assertThat(bobs).extracting(Utxo::amount).containsExactlyInAnyOrder(HALF, FIFTH);
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
    assertThat(processor.isExited(forgedOutput)).isTrue();
    assertThat(h.withdrawable(address(MALLORY)))
        .as(
            "the forged exit found the vault short: nothing paid, nothing credited for later deposits to cover")
        .isZero();

    book.assertAllWhole();
  }
}
