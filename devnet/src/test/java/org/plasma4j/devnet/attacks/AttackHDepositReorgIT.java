package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.FEE;
import static org.plasma4j.devnet.attacks.AttackHarness.PROCESSOR;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.operator.chain.RootChainFollower.ReorgReport;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.Utxo;
import org.plasma4j.watcher.events.EventType;

/**
 * Attack h: a deposit is reorged away after the operator (and the watcher) saw it. Were it
 * credited, its output would be money the vault never received. Defence: the operator applies
 * deposits only {@value #CONFIRMATIONS} blocks deep and follows reorgs by block hash, so the
 * vanished deposit never becomes spendable; the watcher follows the same reorg and never counts it
 * either. The depositor's deposit and its gas vanish with the reorged block, and everything she
 * really deposited comes back through her exits. (The operator-side details, re-submission of a
 * dropped block root and deep reorgs, are {@code org.plasma4j.devnet.RootChainReorgIT}.)
 */
class AttackHDepositReorgIT extends AttackTest {

  private static final int CONFIRMATIONS = 3;

  @Override
  protected int depositConfirmations() {
    return CONFIRMATIONS;
  }

  @Test
  void aDepositReorgedAwayIsNeverCreditedAndTheDepositorIsWhole() {
    BalanceBook book = book(ALICE, BOB);
    PlasmaWallet alice = h.wallet(ALICE);
    PlasmaWallet bob = h.wallet(BOB);
    BigInteger tenth = ETHER.divide(BigInteger.TEN);

    alice.deposit(Address.ETH, ETHER);
    book.debit(address(ALICE), "deposit", ETHER);
    h.anvil().mine(CONFIRMATIONS);
    h.operator().pollRootChain();
    alice.send(bob.address(), Address.ETH, tenth);
    h.nextBlock();
    h.watch();

    // the attack: a deposit the operator and the watcher both see, then a reorg drops its block
    Deposit doomed = alice.deposit(Address.ETH, ETHER);
    h.operator().pollRootChain();
    h.watch();
    h.anvil().reorg(1);
    h.anvil().mine(CONFIRMATIONS + 2);
    h.operator().pollRootChain();
    h.watch();

    ReorgReport report = h.operator().follower().reorgReport();
    assertThat(report.reorgsNoticed()).isEqualTo(1);
    assertThat(report.deepReorgs()).isZero();
    assertThat(h.rootChain()
            .events(
                doomed.receipt().blockNumber(),
                h.anvil().blockNumber(),
                RootChain.DepositEvent.class))
        .isEmpty();
    List<Utxo> alices = alice.utxos();
    assertThat(alices).extracting(Utxo::position).doesNotContain(doomed.position());
    Utxo change = only(alices);
    assertThat(change.amount()).isEqualTo(ETHER.subtract(tenth).subtract(FEE));
    assertThat(h.watcher().exitAdvice(address(ALICE)).standardExits())
        .extracting(e -> e.position())
        .containsExactly(change.position());
    assertThat(h.reported(EventType.INVALID_BLOCK)).isEmpty();

    h.exitExpectingPayment(ALICE, change);
    Utxo received = only(bob.utxos());
    h.exitExpectingPayment(BOB, received);
    h.exitPeriodPasses();
    FrameworkClient processor = h.l1(PROCESSOR);
    processor.processExits(Address.ETH, 10);
    assertThat(processor.exitQueueLength(Address.ETH)).isZero();
    // the vault keeps only the operator's fee: nothing was paid against the vanished deposit
    assertThat(book.balance(h.devnet().framework())).isEqualTo(FEE);

    book.assertAllWhole();
  }
}
