package org.plasma4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.hostile.Hostility;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.WalletException;

/**
 * The hostile-operator harness on a real anvil: what it forges or withholds does reach the root
 * chain.
 */
class HostileOperatorIT {

  private static final BigInteger ETHER = Devnet.ETHER;

  private ReplacementOperator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void aForgedDoubleSpendIsServedAndCommittedAndAWithheldBlockIsCommittedButNotServed() {
    Hostility hostility = Hostility.controllable();
    operator = ReplacementOperator.onNewDevnet(
        ReplacementOperator.Settings.manual().withHostility(hostility));
    Devnet devnet = operator.devnet();
    Web3jRootChain rootChain =
        new Web3jRootChain(devnet.web3j(), devnet.framework(), Optional.empty());
    PlasmaWallet alice = operator.wallet(2);
    PlasmaWallet bob = operator.wallet(3);
    Deposit deposit = alice.deposit(Address.ETH, ETHER);
    operator.node().pollRootChain();

    alice.send(bob.address(), Address.ETH, ETHER.divide(BigInteger.TEN));
    operator.node().writer().formBlock().join().orElseThrow();
    SignedTransaction doubleSpend = alice.sign(Transaction.payment(
        List.of(OutputPosition.decode(deposit.position())),
        List.of(new Output(alice.address(), Address.ETH, ETHER))));
    assertThatThrownBy(() -> alice.operator().sendTransaction(doubleSpend))
        .isInstanceOfSatisfying(
            WalletException.OperatorError.class,
            e -> assertThat(e.code()).isEqualTo(TxRejection.SPENT_INPUT.code()));
    hostility.inject(doubleSpend);
    BlockRecord forged = operator.node().writer().formBlock().join().orElseThrow();
    operator.node().pollRootChain();

    assertThat(alice.operator().getBlock(forged.blkNum()).root()).isEqualTo(forged.root());
    assertThat(committedRoot(rootChain, forged.blkNum())).isEqualTo(forged.root());

    hostility.startWithholding();
    bob.send(alice.address(), Address.ETH, ETHER.divide(BigInteger.valueOf(100)));
    BlockRecord withheld = operator.node().writer().formBlock().join().orElseThrow();
    operator.node().pollRootChain();

    assertThat(committedRoot(rootChain, withheld.blkNum())).isEqualTo(withheld.root());
    assertThatThrownBy(() -> alice.operator().getBlock(withheld.blkNum()))
        .isInstanceOfSatisfying(
            WalletException.OperatorError.class,
            e -> assertThat(e.code()).isEqualTo(TxRejection.NOT_FOUND.code()));
  }

  /**
   * The root of block {@code blkNum} on the root chain, checked against the contract's commitment.
   * The operator's submission may still be on its way when the test asks, so the root chain is
   * polled until the block's event is there (at most 30 s).
   */
  private Bytes32 committedRoot(RootChain rootChain, long blkNum) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Optional<RootChain.BlockSubmittedEvent> found;
    while ((found = submitted(rootChain, blkNum)).isEmpty() && System.nanoTime() < deadline) {
      operator.node().pollRootChain();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    RootChain.BlockSubmittedEvent event = found.orElseThrow(
        () -> new AssertionError("block " + blkNum + " was not submitted within 30 s"));
    assertThat(rootChain.blockCommitment(blkNum))
        .contains(BlockCommitment.of(event.root(), event.timestamp()));
    return event.root();
  }

  private static Optional<RootChain.BlockSubmittedEvent> submitted(
      RootChain rootChain, long blkNum) {
    return rootChain
        .events(0, rootChain.headBlockNumber(), RootChain.BlockSubmittedEvent.class)
        .stream()
        .filter(e -> e.blkNum() == blkNum)
        .findFirst();
  }
}
