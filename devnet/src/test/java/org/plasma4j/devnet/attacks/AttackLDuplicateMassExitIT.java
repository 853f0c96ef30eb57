package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.CAROL;
import static org.plasma4j.devnet.attacks.AttackHarness.COPYCAT;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.PROCESSOR;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.devnet.attacks.Mempool.PendingTx;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.wallet.MassExitConsent;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.RootChainActions.MassExit;
import org.plasma4j.wallet.Utxo;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Attack l: one output in many mass-exit batches. Mallory owns a 1 ETH output and starts several
 * one-output batches of it; had they all started, each would take 1 ETH from the vault when
 * processed, and the honest exits queued behind them (processed in the same call) would find the
 * vault short and be closed with nothing paid. Beside her, a copycat watches the mempool for the
 * batch carol starts with the consent alice signed for her, and sends the same calldata (and bond)
 * first, to put alice's output in a batch of his own.
 *
 * <p>Defence: the framework keeps one state per output key, and every exit reserves its output when
 * it starts. Mallory's first batch holds her output; each further batch of it reverts
 * {@code OutputReserved(key, 2, batchId)} and stores nothing. A consent names its initiator: the
 * copycat's copy, mined first in the same block, recovers to someone other than alice for him as
 * initiator and reverts {@code ConsentNotByOwner}; carol's batch starts right after it, and a
 * second batch of hers with the same consent reverts {@code OutputReserved}. The chain is valid, so
 * the watcher stays silent. One processExits call pays mallory's batch once, carol's batch (alice's
 * output) and bob's standard exit in full, and leaves the vault with exactly nothing.
 */
class AttackLDuplicateMassExitIT extends AttackTest {

  private static final int DUPLICATES = 3;
  private static final BigInteger COPYCAT_TIP = BigInteger.valueOf(50_000_000_000L);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int MASS_EXIT = 2;

  @Test
  void lOneOutputInManyBatchesOrACopiedConsentStartsOneExitAndEveryHonestExitIsPaidInFull()
      throws Exception {
    BalanceBook book = book(ALICE, BOB, CAROL, MALLORY, COPYCAT, PROCESSOR);
    Mempool mempool = new Mempool(h.anvil(), h.devnet().web3j());
    PlasmaWallet alice = h.wallet(ALICE);
    PlasmaWallet bob = h.wallet(BOB);
    PlasmaWallet carol = h.wallet(CAROL);
    PlasmaWallet mallory = h.wallet(MALLORY);

    Deposit malloryOutput = h.deposit(MALLORY, ETHER);
    Deposit aliceOutput = h.deposit(ALICE, ETHER);
    h.deposit(BOB, ETHER);
    book.debit(address(MALLORY), "deposit", ETHER);
    book.debit(address(ALICE), "deposit", ETHER);
    book.debit(address(BOB), "deposit", ETHER);
    h.watch();

    // mallory's output in one batch, then again and again: each further start reverts, stores
    // nothing
    MassExit batch = mallory.massExit(Address.ETH, List.of(malloryOutput.position()));
    MassExitLeaf malloryLeaf = batch.leaves().getFirst();
    assertThat(batch.leaves()).singleElement().satisfies(l -> {
      assertThat(l.owner()).isEqualTo(address(MALLORY));
      assertThat(l.amount()).isEqualTo(ETHER);
    });
    h.expectPaidMassExit(MALLORY, batch.leaves());
    for (int k = 0; k < DUPLICATES; k++) {
      assertThatThrownBy(() -> mallory.massExit(Address.ETH, List.of(malloryOutput.position())))
          .as("duplicate batch %d of mallory's output", k + 1)
          .hasMessageContaining("reverted");
      assertThat(mempool.revertData(mempool.lastMinedFrom(address(MALLORY))))
          .isEqualTo(outputReserved(malloryLeaf, batch.batchId()));
    }
    assertThat(h.outputReservation(malloryLeaf.outputKey()))
        .isEqualTo(new AttackHarness.Reservation(true, MASS_EXIT, batch.batchId()));

    // alice publishes her consent for carol; the copycat front-runs carol's batch with a copy of it
    long deadline = h.l1Timestamp() + AttackHarness.MIN_EXIT_PERIOD;
    // alice vouches for the blocks up to her deposit's: her output shares no batch with a later
    // block's
    long maxBlock = OutputPosition.decode(aliceOutput.position()).blkNum();
    MassExitConsent consent =
        alice.consentToMassExit(aliceOutput.position(), carol.address(), deadline, maxBlock);
    h.anvil().setAutomine(false);
    CompletableFuture<MassExit> carolStarts = CompletableFuture.supplyAsync(
        () -> carol.massExit(Address.ETH, List.of(), List.of(consent)));
    PendingTx carols = mempool.awaitFrom(address(CAROL), WAIT);
    assertThat(carols.selector())
        .isEqualTo(
            Mempool.selector(
                "startMassExit(address,(uint256,bytes,bytes,uint256,uint256,uint256,bytes)[],bytes32,uint256)"));
    assertThat(carols.value()).as("one bond").isEqualTo(h.massExitBond());
    String copy = mempool.replay(carols, Devnet.credentials(COPYCAT), COPYCAT_TIP);
    mempool.awaitFrom(address(COPYCAT), WAIT);
    h.anvil().mine(1);
    MassExit carolsBatch = carolStarts.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    h.anvil().setAutomine(true);

    TransactionReceipt copied = mempool.receipt(copy);
    TransactionReceipt honest = mempool.receipt(carols.hash());
    assertThat(copied.getBlockNumber()).as("same block").isEqualTo(honest.getBlockNumber());
    assertThat(copied.getTransactionIndex())
        .as("the copy is mined first")
        .isLessThan(honest.getTransactionIndex());
    assertThat(copied.isStatusOK()).isFalse();
    Address signerForCopycat = Secp256k1.recover(
            h.massExits(COPYCAT)
                .consentDigest(aliceOutput.position(), address(COPYCAT), deadline, maxBlock)
                .value(),
            consent.signature())
        .orElseThrow();
    assertThat(signerForCopycat)
        .as("alice's consent does not name the copycat")
        .isNotEqualTo(address(ALICE));
    assertThat(mempool.revertData(copy))
        .isEqualTo(Mempool.errorData(
            "ConsentNotByOwner",
            new Uint256(BigInteger.valueOf(aliceOutput.position())),
            new org.web3j.abi.datatypes.Address(signerForCopycat.toHex())));
    assertThat(honest.isStatusOK()).isTrue();
    MassExitLeaf aliceLeaf = carolsBatch.leaves().getFirst();
    assertThat(carolsBatch.leaves()).singleElement().satisfies(l -> {
      assertThat(l.owner()).isEqualTo(address(ALICE));
      assertThat(l.amount()).isEqualTo(ETHER);
    });
    h.expectPaidMassExit(CAROL, carolsBatch.leaves());
    // the consent's own initiator cannot use it twice either
    assertThatThrownBy(() -> carol.massExit(Address.ETH, List.of(), List.of(consent)))
        .hasMessageContaining("reverted");
    assertThat(mempool.revertData(mempool.lastMinedFrom(address(CAROL))))
        .isEqualTo(outputReserved(aliceLeaf, carolsBatch.batchId()));
    List<MassExitStarted> started =
        h.games().events(0, h.anvil().blockNumber(), ExitGameEvents.MassExitStarted.class);
    assertThat(started)
        .extracting(MassExitStarted::initiator)
        .containsExactly(address(MALLORY), address(CAROL));

    // bob exits after both batches: his exit is behind them in the queue
    Utxo bobs = only(bob.utxos());
    h.exitExpectingPayment(BOB, bobs);
    h.watch();
    assertThat(h.watcher().byzantineEvents(0))
        .as("a valid chain and unspent outputs: nothing to report")
        .isEmpty();

    h.exitPeriodPasses();
    FrameworkClient processor = h.l1(PROCESSOR);
    assertThat(processor.exitQueueLength(Address.ETH))
        .as("one entry per started exit")
        .isEqualTo(BigInteger.valueOf(3));
    processor.processExits(Address.ETH, 10);
    book.credit(
        address(PROCESSOR),
        "bounties: two one-output batches and a standard exit",
        h.massExitBounty().multiply(BigInteger.TWO).add(h.processBounty()));
    assertThat(processor.exitQueueLength(Address.ETH))
        .as("all three in one call")
        .isZero();
    assertThat(processor.isExited(bobs.position())).isTrue();
    mallory.withdrawMassExit(batch);
    carol.withdrawMassExit(carolsBatch);
    assertThat(h.massExits(PROCESSOR).massExit(batch.batchId()).remaining())
        .as("mallory's batch: its amount arrived, once")
        .isEqualTo(ETHER);
    assertThat(h.massExits(PROCESSOR).massExit(carolsBatch.batchId()).remaining())
        .as("carol's batch: alice's amount arrived")
        .isEqualTo(ETHER);
    assertThat(h.outputReservation(malloryLeaf.outputKey()).reserved()).isFalse();
    assertThat(book.balance(h.devnet().framework()))
        .as("the vault paid exactly what it held")
        .isZero();
    assertThat(book.balance(h.massExits(PROCESSOR).gameAddress()))
        .as("the game keeps nothing")
        .isZero();
    assertThat(h.withdrawable(address(ALICE))).isZero();
    assertThat(h.withdrawable(address(BOB))).isZero();

    // the copycat paid only gas; mallory's duplicates only gas on top of her one paid batch
    book.assertAllWhole();
  }

  private static String outputReserved(MassExitLeaf leaf, BigInteger batchId) {
    return Mempool.errorData(
        "OutputReserved",
        new Bytes32(leaf.outputKey().value()),
        new Uint8(MASS_EXIT),
        new Uint256(batchId));
  }
}
