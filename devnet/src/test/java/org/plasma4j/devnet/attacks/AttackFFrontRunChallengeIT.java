package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.BOB;
import static org.plasma4j.devnet.attacks.AttackHarness.COPYCAT;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.PROCESSOR;
import static org.plasma4j.devnet.attacks.AttackHarness.WATCHER;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.types.Address;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.devnet.attacks.Mempool.PendingTx;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.Utxo;
import org.plasma4j.watcher.events.EventType;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Attack f: a copycat watches the mempool, sees the watcher's challenge reveal and sends the same
 * calldata with a higher priority fee, so that its copy is mined first, in the same block, to steal
 * the exit bond. Defence: commit and reveal. The reveal only pays whoever committed to
 * keccak256(abi.encode(msg.sender, position, keccak256(spendingTx))) a block earlier, so the copy
 * reverts with NoCommitment (the copycat loses its gas) and the watcher's reveal, mined after it,
 * still succeeds and collects the bond. Anvil mines by hand here (automine off) so that both
 * transactions provably share one block.
 */
class AttackFFrontRunChallengeIT extends AttackTest {

  private static final BigInteger COPYCAT_TIP = BigInteger.valueOf(50_000_000_000L);
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aCopycatReplayingTheRevealRevertsWithNoCommitmentAndTheWatcherKeepsTheBond()
      throws Exception {
    BalanceBook book = book(BOB, WATCHER, COPYCAT);
    h.watch();
    PlasmaWallet bob = h.wallet(BOB);
    PlasmaWallet mallory = h.wallet(MALLORY);
    BigInteger bond = h.exitBond();
    BigInteger half = ETHER.divide(BigInteger.TWO);

    Deposit spent = h.deposit(MALLORY, ETHER);
    mallory.send(bob.address(), Address.ETH, half);
    h.nextBlock();
    mallory.exit(spent.position());

    Mempool mempool = new Mempool(h.anvil(), h.devnet().web3j());
    h.anvil().setAutomine(false);
    CompletableFuture<Void> watching = CompletableFuture.runAsync(h::watch);
    PendingTx commit = mempool.awaitFrom(address(WATCHER), WAIT);
    assertThat(commit.selector()).isEqualTo(Mempool.selector("commitChallenge(bytes32)"));
    h.anvil().mine(1);
    PendingTx reveal = mempool.awaitFrom(address(WATCHER), WAIT);
    assertThat(reveal.selector())
        .isEqualTo(Mempool.selector("challengeStandardExit(uint256,bytes,uint256,bytes)"));
    String copy = mempool.replay(reveal, Devnet.credentials(COPYCAT), COPYCAT_TIP);
    mempool.awaitFrom(address(COPYCAT), WAIT);
    h.anvil().mine(1);
    watching.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    h.anvil().setAutomine(true);

    TransactionReceipt copied = mempool.receipt(copy);
    TransactionReceipt honest = mempool.receipt(reveal.hash());
    assertThat(copied.getBlockNumber()).as("same block").isEqualTo(honest.getBlockNumber());
    assertThat(copied.getTransactionIndex())
        .as("the copy is mined first")
        .isLessThan(honest.getTransactionIndex());
    assertThat(copied.isStatusOK()).isFalse();
    assertThat(mempool.revertData(copy)).isEqualTo(Mempool.selector("NoCommitment()"));
    assertThat(honest.isStatusOK()).isTrue();
    List<ExitChallengedEvent> challenged =
        h.rootChain().events(0, h.anvil().blockNumber(), RootChain.ExitChallengedEvent.class);
    assertThat(challenged).singleElement().satisfies(c -> {
      assertThat(c.position()).isEqualTo(spent.position());
      assertThat(c.challenger()).isEqualTo(address(WATCHER));
    });
    assertThat(h.reported(EventType.INVALID_EXIT)).hasSize(1);
    book.credit(address(WATCHER), "exit bond of the challenged exit", bond);
    // the copycat's only change: the gas of its reverted copy

    Utxo received = only(bob.utxos());
    h.exitExpectingPayment(BOB, received);
    h.exitPeriodPasses();
    FrameworkClient processor = h.l1(PROCESSOR);
    processor.processExits(Address.ETH, 10);
    assertThat(processor.isExited(received.position())).isTrue();
    assertThat(processor.isExited(spent.position())).isFalse();

    book.assertAllWhole();
  }
}
