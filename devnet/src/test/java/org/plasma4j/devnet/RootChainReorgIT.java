package org.plasma4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.operator.chain.RootChainFollower.ReorgReport;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.WalletException;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Attack h and the operator's finality rules on a real anvil, reorganised with anvil_reorg: the
 * operator applies deposits after {@value #CONFIRMATIONS} confirmations, re-submits a block root a
 * reorg dropped, and reports a reorg deeper than its confirmations while it keeps serving. The
 * operator is driven by hand (timers off) so every step is deterministic.
 */
class RootChainReorgIT {

  private static final int CONFIRMATIONS = 3;
  private static final BigInteger ETHER = Devnet.ETHER;

  private Devnet devnet;
  private AnvilNode anvil;
  private ReplacementOperator operator;
  private OperatorNode node;
  private Web3jRootChain rootChain;
  private PlasmaWallet alice;
  private PlasmaWallet bob;

  @BeforeEach
  void start() {
    operator = ReplacementOperator.onNewDevnet(
        ReplacementOperator.Settings.manual().withConfirmations(CONFIRMATIONS));
    devnet = operator.devnet();
    anvil = devnet.anvil();
    rootChain = new Web3jRootChain(devnet.web3j(), devnet.framework(), Optional.empty());
    node = operator.node();
    alice = operator.wallet(2);
    bob = operator.wallet(3);
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  private Deposit confirmedDeposit(PlasmaWallet wallet, BigInteger amount) {
    Deposit d = wallet.deposit(Address.ETH, amount);
    anvil.mine(CONFIRMATIONS);
    node.pollRootChain();
    return d;
  }

  private List<Long> positions(PlasmaWallet wallet) {
    return wallet.utxos().stream().map(u -> u.position()).toList();
  }

  @Test
  void aDepositReorgedAwayAfterTheOperatorSawItNeverBecomesSpendable() {
    Deposit kept = confirmedDeposit(alice, ETHER);
    BigInteger l1Before = alice.l1Balance(Address.ETH);
    BigInteger vaultBefore = balance(devnet.framework());

    Deposit doomed = alice.deposit(Address.ETH, ETHER);
    long depositBlock = doomed.receipt().blockNumber();
    node.pollRootChain(); // the operator sees the block, with 0 of 3 confirmations
    assertThat(rootChain.events(depositBlock, depositBlock, RootChain.DepositEvent.class))
        .hasSize(1);

    anvil.reorg(1); // a reorg within the confirmation depth replaces the deposit's block
    anvil.mine(CONFIRMATIONS + 2);
    node.pollRootChain();

    assertThat(rootChain.events(depositBlock, anvil.blockNumber(), RootChain.DepositEvent.class))
        .isEmpty();
    assertThat(positions(alice)).containsExactly(kept.position());
    Transaction spend = Transaction.payment(
        List.of(OutputPosition.decode(doomed.position())),
        List.of(new Output(bob.address(), Address.ETH, ETHER.subtract(Devnet.ETH_FEE))));
    assertThatThrownBy(() -> alice.operator().sendTransaction(alice.sign(spend)))
        .isInstanceOfSatisfying(
            WalletException.OperatorError.class,
            e -> assertThat(e.code()).isEqualTo(TxRejection.UNKNOWN_INPUT.code()));
    // the deposit, and the gas it paid, never happened: the depositor's L1 balance is whole
    assertThat(alice.l1Balance(Address.ETH)).isEqualTo(l1Before);
    assertThat(balance(devnet.framework())).isEqualTo(vaultBefore);
    ReorgReport report = node.follower().reorgReport();
    assertThat(report.reorgsNoticed()).isEqualTo(1);
    assertThat(report.deepReorgs()).isZero();
    // and the kept deposit still spends
    assertThat(alice.send(bob.address(), Address.ETH, ETHER.divide(BigInteger.TEN)))
        .isNotNull();
  }

  @Test
  void aBlockRootDroppedByAReorgIsSubmittedAgainOnce() {
    confirmedDeposit(alice, ETHER);
    alice.send(bob.address(), Address.ETH, ETHER.divide(BigInteger.TEN));
    BlockRecord block = node.writer().formBlock().join().orElseThrow();
    node.pollRootChain();
    assertThat(rootChain.blockCommitment(block.blkNum())).isPresent();
    BigInteger operatorNonce = operatorNonce();

    anvil.reorg(1); // drops the submission's block
    assertThat(rootChain.blockCommitment(block.blkNum())).isEmpty();
    assertThat(rootChain.nextChildBlock()).isEqualTo(block.blkNum());

    // the follower may notice the reorg a poll after the submitter's check: it converges within a
    // few polls, and what matters is asserted below (one submission, the same nonce)
    for (int poll = 0; poll < 10 && rootChain.blockCommitment(block.blkNum()).isEmpty(); poll++) {
      node.pollRootChain();
      if (rootChain.blockCommitment(block.blkNum()).isEmpty()) {
        sleep(100);
      }
    }

    assertThat(rootChain.blockCommitment(block.blkNum())).isPresent();
    List<RootChain.BlockSubmittedEvent> submitted =
        rootChain.events(0, anvil.blockNumber(), RootChain.BlockSubmittedEvent.class);
    List<Long> numbers =
        submitted.stream().map(RootChain.BlockSubmittedEvent::blkNum).toList();
    assertThat(numbers).containsExactly(block.blkNum());
    assertThat(new HashSet<>(numbers)).hasSameSizeAs(numbers);
    assertThat(submitted.getFirst().root()).isEqualTo(block.root());
    assertThat(rootChain.nextChildBlock()).isEqualTo(block.blkNum() + 1000);
    assertThat(operatorNonce())
        .as("the same nonce: one submission on the canonical chain")
        .isEqualTo(operatorNonce);
    assertThat(node.submitter().resubmittedAfterReorg()).isEqualTo(1);
    assertThat(bob.l2Balance(Address.ETH)).isEqualTo(ETHER.divide(BigInteger.TEN));
  }

  @Test
  void aReorgDeeperThanTheConfirmationsIsReportedAndTheOperatorKeepsServing() {
    Deposit credited = confirmedDeposit(alice, ETHER);
    anvil.reorg(CONFIRMATIONS + 2); // replaces the credited deposit's block too
    Deposit other = bob.deposit(Address.ETH, ETHER.add(ETHER)); // takes the same deposit number
    anvil.mine(CONFIRMATIONS);
    node.pollRootChain();

    assertThat(other.position()).isEqualTo(credited.position());
    ReorgReport report = node.follower().reorgReport();
    assertThat(report.deepReorgs()).isEqualTo(1);
    assertThat(report.conflicts())
        .singleElement()
        .asString()
        .contains("deposit block " + OutputPosition.decode(credited.position()).blkNum());
    // nothing is silently overwritten, and the node keeps serving and following
    assertThat(positions(alice)).containsExactly(credited.position());
    assertThat(positions(bob)).isEmpty();
    Deposit later = confirmedDeposit(bob, ETHER);
    assertThat(positions(bob)).containsExactly(later.position());
    assertThat(alice.operator().getBlockNumber()).isZero();
  }

  private BigInteger operatorNonce() {
    return call(() -> devnet
        .web3j()
        .ethGetTransactionCount(
            Devnet.address(DevAccounts.OPERATOR).toHex(), DefaultBlockParameterName.LATEST)
        .send()
        .getTransactionCount());
  }

  private BigInteger balance(Address address) {
    return call(() -> devnet
        .web3j()
        .ethGetBalance(address.toHex(), DefaultBlockParameterName.LATEST)
        .send()
        .getBalance());
  }

  private interface Io<T> {
    T get() throws Exception;
  }

  private static <T> T call(Io<T> io) {
    try {
      return io.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
