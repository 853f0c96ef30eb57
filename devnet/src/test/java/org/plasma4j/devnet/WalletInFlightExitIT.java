package org.plasma4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.rootchain.Web3jExitGameEvents;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.L1Receipt;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The wallet's in-flight exit end to end on a devnet: a payment the operator included is exited in
 * flight by its sender, the recipient piggybacks the output, and processing pays the recipient on
 * the root chain while the operator drops the output from the child chain.
 */
class WalletInFlightExitIT {

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
    ExitGameEvents events = Web3jExitGameEvents.forFramework(devnet.web3j(), devnet.framework());
    long to = devnet.anvil().blockNumber();
    assertThat(events.inFlightExitsStarted(from, to))
        .extracting(ExitGameEvents.InFlightExitStarted::ifeId, ExitGameEvents.InFlightExitStarted::initiator)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(InFlightExitId.of(tx.txBytes()), alice.address()));
    assertThat(events.inFlightExitsFinalized(from, to))
        .extracting(ExitGameEvents.InFlightExitFinalized::canonical)
        .containsExactly(true);
  }

  private BigInteger gasCost(L1Receipt r) throws java.io.IOException {
    TransactionReceipt receipt =
        devnet.web3j().ethGetTransactionReceipt(r.txHash()).send().getTransactionReceipt().orElseThrow();
    return receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within " + WAIT).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
