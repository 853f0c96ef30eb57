package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.FEE;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.PROCESSOR;
import static org.plasma4j.devnet.attacks.AttackHarness.WITHHOLDING_TIMEOUT;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.tx.FeeTransaction;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.guardian.GuardedWallet;
import org.plasma4j.guardian.Guardian;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.wallet.Utxo;
import org.plasma4j.watcher.events.EventType;

/**
 * Attacks b and j: alice's payment to bob is accepted by the operator but never becomes provable on
 * the root chain. b: its block is submitted but withheld (served to no one); the block also holds
 * an output out of nothing for the operator's accomplice mallory, who alone knows the block and
 * exits it, and nobody can challenge that without the block. j: the operator stops submitting
 * blocks at all.
 *
 * <p>Defence (MoreVP): the guardian recorded alice's payment when she sent it (a
 * {@link GuardedWallet}). It raises the alarm (b: on the watcher's block_withholding; j: when the
 * payment stays out of every valid block past its inclusion timeout), starts the payment's
 * in-flight exit from alice's key, piggybacks alice's input and both outputs (bob's and alice's
 * change), and standard-exits bob's earlier output. Nobody can show a competitor, so the exit is
 * canonical: the outputs are paid, the input piggyback is refunded whole, the in-flight exit bond
 * returns to alice. Its priority is its youngest input's, in the block before, so in b every honest
 * exit is paid before mallory's forgery, which then finds the vault short.
 */
class AttackBJInFlightIT extends AttackTest {

  private static final BigInteger FIFTH = ETHER.divide(BigInteger.valueOf(5));
  private static final BigInteger THREE_TENTHS =
      ETHER.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN);
  private static final BigInteger CHANGE =
      ETHER.subtract(FIFTH).subtract(THREE_TENTHS).subtract(FEE).subtract(FEE);

  private BalanceBook book;
  private Guardian guardian;
  private GuardedWallet alice;
  private Utxo bobsEarlier;

  @Test
  void bTheGuardianExitsInFlightAheadOfTheWithheldBlocksForgery() throws Exception {
    honestStart();
    h.hostility().startWithholding();
    SignedTransaction inFlight = alicePaysBob();
    SignedTransaction forged = h.wallet(MALLORY)
        .sign(Transaction.payment(
            List.of(), List.of(new Output(address(MALLORY), Address.ETH, ETHER))));
    h.hostility().inject(forged);
    BlockRecord withheld = h.nextBlock();
    long forgedOutput = exitWithTheOperatorsHelp(withheld, inFlight, forged);

    h.watch();
    Thread.sleep(WITHHOLDING_TIMEOUT.toMillis() + 100);
    h.watch();
    assertThat(h.reported(EventType.BLOCK_WITHHOLDING))
        .singleElement()
        .satisfies(
            e -> assertThat(e.details()).containsEntry("blkNum", Long.toString(withheld.blkNum())));
    theGuardianExits(inFlight, "block_withholding");

    FrameworkClient processor = settle();
    assertThat(processor.isExited(forgedOutput)).isTrue();
    assertThat(h.withdrawable(address(MALLORY)))
        .as(
            "the forged exit found the vault short: nothing paid, nothing credited for later deposits to cover")
        .isZero();
    book.assertAllWhole();
  }

  @Test
  void jTheGuardianExitsTheStrandedPaymentInFlight() {
    honestStart();
    h.hostility().stopSubmitting();
    SignedTransaction stranded = alicePaysBob();
    BlockRecord unsubmitted = h.nextBlock();
    assertThat(h.rootChain().blockCommitment(unsubmitted.blkNum())).isEmpty();
    h.watch();
    guardian.pollOnce();
    assertThat(guardian.journal().alarm()).as("within the inclusion timeout").isEmpty();

    h.inclusionTimeoutPasses();
    theGuardianExits(stranded, "not in a valid block");
    // no block reaches the root chain, so the watcher has nothing to report: the guardian's own
    // inclusion timeout is the alarm
    assertThat(h.reported(EventType.INVALID_BLOCK)).isEmpty();
    assertThat(h.reported(EventType.BLOCK_WITHHOLDING)).isEmpty();

    settle();
    // the vault keeps two fees: the submitted block's (its fee output was not exited) and the
    // stranded
    // payment's (inputs minus outputs, which only its block's fee transaction could have claimed)
    assertThat(h.book().balance(h.devnet().framework())).isEqualTo(FEE.add(FEE));
    book.assertAllWhole();
  }

  /**
   * Alice deposits and pays bob a fifth in a valid, submitted block; the guardian sees nothing
   * wrong.
   */
  private void honestStart() {
    book = book(ALICE, BOB);
    guardian = h.guardian(ALICE, BOB);
    alice = h.guarded(ALICE, guardian);
    h.deposit(ALICE, ETHER);
    book.debit(address(ALICE), "deposit", ETHER);
    alice.send(address(BOB), Address.ETH, FIFTH);
    h.nextBlock();
    h.watch();
    guardian.pollOnce();
    assertThat(guardian.journal().alarm()).isEmpty();
    bobsEarlier = only(h.wallet(BOB).utxos());
  }

  private SignedTransaction alicePaysBob() {
    return alice
        .wallet()
        .sentTransaction(alice.send(address(BOB), Address.ETH, THREE_TENTHS))
        .orElseThrow();
  }

  private void theGuardianExits(SignedTransaction inFlight, String alarm) {
    guardian.pollOnce();
    guardian.pollOnce();
    h.watch();
    assertThat(guardian.journal().alarm()).hasValueSatisfying(a -> assertThat(a).contains(alarm));
    InFlightExitState ife = h.inFlightExit(inFlight);
    assertThat(ife.initiator()).isEqualTo(address(ALICE));
    assertThat(ife.isInputPiggybacked(0)).isTrue();
    assertThat(ife.isOutputPiggybacked(0)).as("bob's output").isTrue();
    assertThat(ife.isOutputPiggybacked(1)).as("alice's change").isTrue();
    assertThat(inFlight.tx().outputs().get(1).amount()).isEqualTo(CHANGE);
    h.expectUnchallengedInFlightExit(ALICE);
    h.expectRefundedPiggyback(ALICE);
    h.expectPaidPiggyback(ALICE, CHANGE);
    h.expectPaidPiggyback(BOB, THREE_TENTHS);
    h.expectGuardianExit(BOB, bobsEarlier);
  }

  /** The exit period passes, the processor empties the queue; the in-flight exit was canonical. */
  private FrameworkClient settle() {
    h.exitPeriodPasses();
    FrameworkClient processor = h.l1(PROCESSOR);
    processor.processExits(Address.ETH, 10);
    guardian.pollOnce();
    assertThat(processor.exitQueueLength(Address.ETH)).isZero();
    assertThat(h.games()
            .events(0, h.anvil().blockNumber(), ExitGameEvents.InFlightExitFinalized.class))
        .singleElement()
        .satisfies(f -> assertThat(f.canonical()).isTrue());
    assertThat(processor.isExited(bobsEarlier.position())).isTrue();
    return processor;
  }

  /**
   * Mallory exits her forged output with what only the operator has: the withheld block's contents
   * (the payment, the forgery, the fee transaction), checked against the root it submitted.
   */
  private long exitWithTheOperatorsHelp(
      BlockRecord withheld, SignedTransaction inFlight, SignedTransaction forged) {
    Transaction fee = FeeTransaction.build(
            withheld.blkNum(), Devnet.address(Devnet.FEE_COLLECTOR), Map.of(Address.ETH, FEE))
        .orElseThrow();
    MerkleTree tree = MerkleTree.build(List.of(inFlight.txBytes(), forged.txBytes(), fee.encode()));
    assertThat(tree.root()).isEqualTo(withheld.root());
    BlockSubmittedEvent submitted = h
        .rootChain()
        .events(0, h.anvil().blockNumber(), RootChain.BlockSubmittedEvent.class)
        .stream()
        .filter(b -> b.blkNum() == withheld.blkNum())
        .findFirst()
        .orElseThrow();
    long position = OutputPosition.of(withheld.blkNum(), 1, 0).encode();
    h.l1(MALLORY)
        .startStandardExit(
            position, forged.txBytes(), tree.proof(1).toArray(), submitted.timestamp());
    return position;
  }
}
