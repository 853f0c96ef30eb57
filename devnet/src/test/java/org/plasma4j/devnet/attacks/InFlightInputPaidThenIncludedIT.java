package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.COPYCAT;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.FEE;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.PROCESSOR;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.exit.Competitor;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.watcher.events.EventType;

/**
 * One deposit paid twice, and the watcher raises the alarm. Mallory signs T0 (her deposit to her
 * accomplice) and a competitor T1; neither is sent. She exits T0 in flight and piggybacks its
 * input; the accomplice shows T1 (not included), so the exit is non-canonical and processing pays
 * Mallory her deposit. The hostile operator then includes T0 and the accomplice standard-exits its
 * output, which no exit holds (the non-canonical exit released its outputs), and the vault pays the
 * deposit twice, from Alice's money. The watcher condemns the block: a paid output may be spent by
 * no transaction, the in-flight exit's own included, so the honest owners exit ahead of the block.
 */
class InFlightInputPaidThenIncludedIT extends AttackTest {

  @Test
  void theInFlightTransactionIncludedAfterItsInputWasPaidIsAnInvalidBlock() {
    h.watch();
    PlasmaWallet mallory = h.wallet(MALLORY);
    PlasmaWallet accomplice = h.wallet(COPYCAT);
    Deposit alices = h.deposit(ALICE, ETHER);
    Deposit d = h.deposit(MALLORY, ETHER);
    List<OutputPosition> in = List.of(OutputPosition.decode(d.position()));
    SignedTransaction t0 = mallory.sign(Transaction.payment(
        in, List.of(new Output(accomplice.address(), Address.ETH, ETHER.subtract(FEE)))));
    SignedTransaction t1 = mallory.sign(
        Transaction.payment(in, List.of(new Output(mallory.address(), Address.ETH, ETHER))));

    mallory.startInFlightExit(t0);
    mallory.piggybackInput(t0, 0);
    InFlightExitClient.forFramework(
            h.devnet().web3j(), Devnet.credentials(COPYCAT), h.devnet().framework())
        .challengeNotCanonical(
            Bytes.wrap(t0.txBytes()), new Competitor(t1, 0, 0, Optional.empty()));
    h.watch();
    h.exitPeriodPasses();
    FrameworkClient processor = h.l1(PROCESSOR);
    processor.processExits(Address.ETH, 10);
    assertThat(h.games()
            .events(0, h.anvil().blockNumber(), ExitGameEvents.InFlightExitFinalized.class))
        .singleElement()
        .satisfies(f -> assertThat(f.canonical()).isFalse());
    assertThat(h.games().events(0, h.anvil().blockNumber(), ExitGameEvents.PiggybackPaid.class))
        .singleElement()
        .satisfies(p -> assertThat(p.amount()).isEqualTo(ETHER));

    h.operator().pollRootChain();
    h.hostility().inject(t0);
    BlockRecord block = h.nextBlock();
    h.watch();
    long output = OutputPosition.of(block.blkNum(), 0, 0).encode();
    accomplice.exit(output);
    java.math.BigInteger before = h.book().balance(accomplice.address()); // bond and gas paid
    h.watch();
    h.exitPeriodPasses();
    processor.processExits(Address.ETH, 10);
    assertThat(processor.isExited(output)).isTrue();
    assertThat(h.book().balance(accomplice.address()).subtract(before))
        .as("the deposit's value paid a second time, to the accomplice")
        .isGreaterThanOrEqualTo(ETHER.subtract(FEE));
    assertThat(h.book().balance(h.devnet().framework()))
        .as("the vault no longer holds alice's deposit")
        .isLessThan(ETHER);

    assertThat(h.reported(EventType.INVALID_BLOCK))
        .as(
            "block %d re-creates the paid deposit; all the watcher reported: %s",
            block.blkNum(),
            h.watcher().byzantineEvents(0).stream().map(e -> e.type()).toList())
        .isNotEmpty();
  }
}
