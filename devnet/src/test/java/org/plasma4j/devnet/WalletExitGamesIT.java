package org.plasma4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.rootchain.Web3jL1Events;
import org.plasma4j.wallet.MassExitConsent;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions;
import org.plasma4j.wallet.RootChainActions.L1Receipt;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The wallet's exit-game actions end to end on a devnet: an in-flight exit with a piggybacked
 * output, and a mass exit of two owners' outputs, one by consent; payouts checked to the wei.
 */
class WalletExitGamesIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private Devnet devnet;

  @BeforeEach
  void start() {
    devnet = Devnet.start(Devnet.Options.defaults());
  }

  @AfterEach
  void stop() {
    devnet.close();
  }

  @Test
  void aPiggybackedOutputOfAnInFlightPaymentIsPaidOnTheRootChain() throws Exception {
    PlasmaWallet alice = devnet.wallet(2);
    PlasmaWallet bob = devnet.wallet(3);
    PlasmaWallet processor = devnet.wallet(4);
    BigInteger amount = Devnet.ETHER.divide(BigInteger.valueOf(4));
    alice.deposit(Address.ETH, Devnet.ETHER);
    await(() -> !alice.utxos().isEmpty());
    Bytes32 txHash = alice.send(bob.address(), Address.ETH, amount);
    alice.awaitInclusion(txHash, WAIT);
    await(() -> !bob.utxos().isEmpty());
    SignedTransaction tx = alice.sentTransaction(txHash).orElseThrow();
    long from = devnet.anvil().blockNumber();
    BigInteger bobBefore = bob.l1Balance(Address.ETH);

    alice.startInFlightExit(txHash);
    L1Receipt piggyback = bob.piggybackOutput(tx.tx(), 0);
    // the operator follows the exit games: the piggybacked output leaves the child chain
    await(() -> bob.utxos().isEmpty());
    devnet.anvil().increaseTime(3 * devnet.params().minExitPeriodSeconds());
    processor.processExits(Address.ETH, 10);

    BigInteger bounty = devnet.params().ifeProcessBounty();
    assertThat(bob.l1Balance(Address.ETH))
        .isEqualTo(bobBefore.add(amount).subtract(bounty).subtract(gasCost(piggyback)));
    Web3jL1Events events = new Web3jL1Events(devnet.web3j(), devnet.framework());
    long to = devnet.anvil().blockNumber();
    assertThat(events.events(from, to, ExitGameEvents.InFlightExitStarted.class))
        .extracting(
            ExitGameEvents.InFlightExitStarted::ifeId,
            ExitGameEvents.InFlightExitStarted::initiator)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(InFlightExitId.of(tx.txBytes()), alice.address()));
    assertThat(events.events(from, to, ExitGameEvents.InFlightExitFinalized.class))
        .extracting(ExitGameEvents.InFlightExitFinalized::canonical)
        .containsExactly(true);
  }

  @Test
  void aMassExitWithAnotherOwnersConsentPaysEachOwnerItsOutput() throws Exception {
    PlasmaWallet alice = devnet.wallet(5);
    PlasmaWallet bob = devnet.wallet(6);
    PlasmaWallet processor = devnet.wallet(4);
    BigInteger aliceAmount = Devnet.ETHER.divide(BigInteger.TWO);
    BigInteger bobAmount = Devnet.ETHER.divide(BigInteger.TEN);
    long alicePosition = alice.deposit(Address.ETH, aliceAmount).position();
    long bobPosition = bob.deposit(Address.ETH, bobAmount).position();
    await(() -> !alice.utxos().isEmpty() && !bob.utxos().isEmpty());
    BigInteger aliceBefore = alice.l1Balance(Address.ETH);
    BigInteger bobBefore = bob.l1Balance(Address.ETH);

    // bob's consent names alice as the one initiator who may use it, for one exit period, beside
    // outputs
    // of the blocks up to the younger of the two deposits' (bob holds them valid)
    long deadline = bob.rootChainTime() + devnet.params().minExitPeriodSeconds();
    long maxBlock = OutputPosition.decode(Math.max(alicePosition, bobPosition)).blkNum();
    MassExitConsent consent =
        bob.consentToMassExit(bobPosition, alice.address(), deadline, maxBlock);
    RootChainActions.MassExit batch =
        alice.massExit(Address.ETH, List.of(alicePosition), List.of(consent));
    assertThat(batch.leaves())
        .extracting(ExitGameEvents.MassExitLeaf::owner)
        .containsExactly(alice.address(), bob.address());
    // the operator follows the mass exit: both outputs leave the child chain
    await(() -> alice.utxos().isEmpty() && bob.utxos().isEmpty());
    devnet.anvil().increaseTime(3 * devnet.params().minExitPeriodSeconds());
    processor.processExits(Address.ETH, 10);
    processor.withdrawMassExit(batch);

    BigInteger bountyPaid = devnet.params().massExitBountyPerOutput().multiply(BigInteger.TWO);
    assertThat(bob.l1Balance(Address.ETH)).isEqualTo(bobBefore.add(bobAmount));
    assertThat(alice.l1Balance(Address.ETH))
        .isEqualTo(
            aliceBefore.add(aliceAmount).subtract(bountyPaid).subtract(gasCost(batch.receipt())));
  }

  private BigInteger gasCost(L1Receipt r) throws java.io.IOException {
    TransactionReceipt receipt = devnet
        .web3j()
        .ethGetTransactionReceipt(r.txHash())
        .send()
        .getTransactionReceipt()
        .orElseThrow();
    return receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
  }

  private static void await(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within " + WAIT).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
