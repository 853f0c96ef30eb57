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
import org.plasma4j.contracts.generated.MassExitGame;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.guardian.Guardian;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.rootchain.MassExitClient;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.MassExit;
import org.plasma4j.wallet.Utxo;
import org.plasma4j.watcher.events.EventType;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Attack m: the operator puts an output out of nothing (1 ETH to its accomplice mallory) into a
 * block it submits, and mallory exits it in a mass exit of her own, while the guardian's mass exits
 * of alice's and bob's outputs are pending. Those are older, so they are processed first and their
 * escrow (what the vault sent for them) sits in the game when mallory's batch is processed and
 * finds the vault short. Had the batches shared one pool, mallory's batch, withdrawn first, would
 * have been paid its 1 ETH out of alice's and bob's escrow, and their withdrawals would have come
 * up short.
 *
 * <p>Defence: the watcher reports the invalid block (NOT_A_PAYMENT); the guardian raises the alarm
 * and mass-exits each owner's two outputs of the valid block (their batches queue ahead of the
 * forgery, whose priority is its block's). Each batch's escrow is what arrived for it: mallory's
 * batch gets only what the vault can still free, the operator's own fees of the valid block
 * ({@code PayoutShort} of the rest at the vault, {@code MassExitEscrowShort(batch, 1 ETH, fees)}),
 * its withdrawal pays her leaf those fees and leaves the other batches' escrow untouched; the
 * guardian then withdraws alice's and bob's batches, paid in full. Mallory gets her bond back less
 * the process bounty and the operator's fees, nothing more.
 */
class AttackMForgedOutputInMassExitIT extends AttackTest {

  private static final BigInteger FIFTH = ETHER.divide(BigInteger.valueOf(5));
  private static final BigInteger QUARTER = ETHER.divide(BigInteger.valueOf(4));

  @Test
  void
      mAForgedOutputInItsOwnMassExitGetsOnlyItsOwnEmptyEscrowAndTheGuardiansBatchesArePaidInFull() {
    BalanceBook book = book(ALICE, BOB, MALLORY, PROCESSOR);
    Guardian guardian = h.massExitingGuardian(ALICE, BOB);
    PlasmaWallet alice = h.wallet(ALICE);
    PlasmaWallet bob = h.wallet(BOB);
    PlasmaWallet mallory = h.wallet(MALLORY);
    MassExitClient game = h.massExits(PROCESSOR);

    h.deposit(ALICE, ETHER);
    h.deposit(BOB, ETHER);
    book.debit(address(ALICE), "deposit", ETHER);
    book.debit(address(BOB), "deposit", ETHER);
    alice.send(bob.address(), Address.ETH, FIFTH);
    bob.send(alice.address(), Address.ETH, QUARTER);
    h.nextBlock();
    h.watch();
    guardian.pollOnce();
    assertThat(guardian.journal().alarm()).as("no alarm on a valid chain").isEmpty();
    List<Utxo> alices = alice.utxos();
    List<Utxo> bobs = bob.utxos();
    assertThat(alices)
        .extracting(Utxo::amount)
        .containsExactlyInAnyOrder(ETHER.subtract(FIFTH).subtract(FEE), QUARTER);
    assertThat(bobs)
        .extracting(Utxo::amount)
        .containsExactlyInAnyOrder(FIFTH, ETHER.subtract(QUARTER).subtract(FEE));

    // the attack, a little later: an output out of nothing in the operator's next block,
    // mass-exited at once
    h.anvil().increaseTime(10);
    h.hostility()
        .inject(mallory.sign(Transaction.payment(
            List.of(), List.of(new Output(address(MALLORY), Address.ETH, ETHER)))));
    BlockRecord bad = h.nextBlock();
    long forged = OutputPosition.of(bad.blkNum(), 0, 0).encode();
    MassExit forgedBatch = mallory.massExit(Address.ETH, List.of(forged));
    MassExitLeaf forgedLeaf = forgedBatch.leaves().getFirst();
    assertThat(forgedBatch.leaves()).singleElement().satisfies(l -> {
      assertThat(l.owner()).isEqualTo(address(MALLORY));
      assertThat(l.amount()).isEqualTo(ETHER);
    });
    book.debit(address(MALLORY), "mass exit bond", h.massExitBond());
    book.credit(
        address(MALLORY),
        "mass exit bond refund (bond − process bounty)",
        h.massExitBond().subtract(h.massExitBounty()));
    BigInteger fees = FEE.multiply(BigInteger.TWO);
    book.credit(
        address(MALLORY),
        "for the forged output: what the vault could still free, the operator's fees",
        fees);

    h.watch();
    assertThat(h.reported(EventType.INVALID_BLOCK))
        .singleElement()
        .satisfies(e -> assertThat(e.details())
            .containsEntry("blkNum", Long.toString(bad.blkNum()))
            .containsEntry("error", "invalid_tx:NOT_A_PAYMENT"));
    guardian.pollOnce();
    assertThat(guardian.journal().alarm()).isPresent();
    List<MassExitStarted> started =
        h.games().events(0, h.anvil().blockNumber(), ExitGameEvents.MassExitStarted.class);
    assertThat(started).hasSize(3);
    MassExitStarted malloryStart = batchOf(started, MALLORY);
    MassExitStarted aliceStart = batchOf(started, ALICE);
    MassExitStarted bobStart = batchOf(started, BOB);
    assertThat(aliceStart.leaves())
        .extracting(MassExitLeaf::position)
        .containsExactlyElementsOf(alices.stream().map(Utxo::position).sorted().toList());
    assertThat(bobStart.leaves())
        .extracting(MassExitLeaf::position)
        .containsExactlyElementsOf(bobs.stream().map(Utxo::position).sorted().toList());
    long forgedBlockTime = h
        .rootChain()
        .events(0, h.anvil().blockNumber(), RootChain.BlockSubmittedEvent.class)
        .stream()
        .filter(b -> b.blkNum() == bad.blkNum())
        .findFirst()
        .orElseThrow()
        .timestamp();
    assertThat(malloryStart.exitableAt())
        .as("2·MEP after the forged block")
        .isEqualTo(forgedBlockTime + 2 * MIN_EXIT_PERIOD);
    assertThat(List.of(aliceStart, bobStart))
        .as("the guardian's batches queue ahead of the forgery")
        .allSatisfy(s -> assertThat(s.exitableAt()).isLessThan(malloryStart.exitableAt()));
    h.expectPaidMassExit(ALICE, aliceStart.leaves());
    h.expectPaidMassExit(BOB, bobStart.leaves());
    BigInteger aliceSum = sum(aliceStart.leaves());
    BigInteger bobSum = sum(bobStart.leaves());

    h.exitPeriodPasses();
    TransactionReceipt processed = h.l1(PROCESSOR).processExits(Address.ETH, 10);
    book.credit(
        address(PROCESSOR),
        "bounties: five unchallenged leaves",
        h.massExitBounty().multiply(BigInteger.valueOf(5)));
    assertThat(h.games().events(0, h.anvil().blockNumber(), ExitGameEvents.MassExitFinalized.class))
        .hasSize(3);
    assertThat(PlasmaFramework.getPayoutShortEvents(processed)).singleElement().satisfies(e -> {
      assertThat(Address.fromHex(e.owner)).isEqualTo(game.gameAddress());
      assertThat(e.amount).as("the part the vault could not free").isEqualTo(ETHER.subtract(fees));
    });
    assertThat(MassExitGame.getMassExitEscrowShortEvents(processed))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.batchId).isEqualTo(malloryStart.batchId());
          assertThat(e.expected).isEqualTo(ETHER);
          assertThat(e.escrow)
              .as("the vault's last free ETH: the operator's fees")
              .isEqualTo(fees);
        });
    assertThat(game.massExit(aliceStart.batchId()).remaining())
        .as("alice's batch: its escrow")
        .isEqualTo(aliceSum);
    assertThat(game.massExit(bobStart.batchId()).remaining())
        .as("bob's batch: its escrow")
        .isEqualTo(bobSum);
    assertThat(game.massExit(malloryStart.batchId()).remaining())
        .as("mallory's batch: the fees")
        .isEqualTo(fees);
    BigInteger honestEscrow = aliceSum.add(bobSum);
    assertThat(book.balance(game.gameAddress())).isEqualTo(honestEscrow.add(fees));

    // mallory withdraws first, while the honest batches' escrow sits in the game
    String withdrawn = mallory.withdrawMassExit(forgedBatch).txHash();
    assertThat(MassExitGame.getMassExitOutputPaidEvents(receipt(withdrawn)))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.batchId).isEqualTo(malloryStart.batchId());
          assertThat(e.position.longValueExact()).isEqualTo(forged);
          assertThat(e.amount)
              .as("the forged output is paid from its own escrow only")
              .isEqualTo(fees);
        });
    assertThat(book.balance(game.gameAddress()))
        .as("the other batches' escrow untouched")
        .isEqualTo(honestEscrow);
    assertThat(h.outputReservation(forgedLeaf.outputKey()).reserved())
        .as("the forged output had its turn")
        .isFalse();
    assertThat(h.withdrawable(address(MALLORY))).as("nothing credited either").isZero();

    guardian.pollOnce();
    assertThat(List.of(aliceStart, bobStart, malloryStart))
        .allSatisfy(
            s -> assertThat(game.massExit(s.batchId()).state()).as("withdrawn").isEqualTo(3));
    assertThat(book.balance(game.gameAddress())).as("the game keeps nothing").isZero();
    assertThat(book.balance(h.devnet().framework()))
        .as("the vault keeps nothing")
        .isZero();

    book.assertAllWhole();
  }

  private static MassExitStarted batchOf(List<MassExitStarted> started, int initiator) {
    return started.stream()
        .filter(s -> s.initiator().equals(address(initiator)))
        .findFirst()
        .orElseThrow();
  }

  private static BigInteger sum(List<MassExitLeaf> leaves) {
    return leaves.stream().map(MassExitLeaf::amount).reduce(BigInteger.ZERO, BigInteger::add);
  }

  private TransactionReceipt receipt(String txHash) {
    return new Mempool(h.anvil(), h.devnet().web3j()).receipt(txHash);
  }
}
