package org.plasma4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.wallet.Inclusion;
import org.plasma4j.wallet.OperatorClient;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.Utxo;
import org.plasma4j.wallet.UtxoListing;
import org.plasma4j.wallet.WalletException;

/**
 * The real operator's answers read by the wallet's strict client, over the operator's own HTTP
 * server: a pending payment and then its block, the block's fee transaction, the fee beneficiary's
 * outputs, exit data of a deposit and of a payment's output, and the challenge data of a spent
 * deposit. None is refused; each says what the chain holds.
 */
class HonestAnswersReadIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private Devnet devnet;

  @BeforeEach
  void start() {
    // blocks only when the test forms them, so a payment is pending for as long as it asks
    devnet = Devnet.start(Devnet.Options.defaults().withBlocks(Duration.ofHours(1), 65_536));
  }

  @AfterEach
  void stop() {
    devnet.close();
  }

  @Test
  void everyAnswerOfAnHonestChainReadsAndNamesWhatWasAsked() throws Exception {
    PlasmaWallet alice = devnet.wallet(2);
    PlasmaWallet bob = devnet.wallet(3);
    OperatorClient operator = alice.operator();
    BigInteger amount = Devnet.ETHER.divide(BigInteger.TEN);
    long deposit = alice.deposit(Address.ETH, Devnet.ETHER).position();
    alice.awaitSpendable(deposit, WAIT);
    assertThat(operator.getExitData(deposit).position()).isEqualTo(deposit);

    Bytes32 txHash = alice.send(bob.address(), Address.ETH, amount);
    OperatorClient.TransactionStatus pending = operator.getTransaction(txHash);
    assertThat(pending.status()).isEqualTo(OperatorClient.PENDING);
    assertThat(pending.blkNum()).isZero();
    assertThat(pending.signedTx()).isPresent();

    long blkNum = Devnet.formBlock(devnet.operator()).blkNum();
    OperatorClient.TransactionStatus formed = operator.getTransaction(txHash);
    assertThat(formed.status()).isEqualTo(OperatorClient.FORMED);
    assertThat(formed.blkNum()).isEqualTo(blkNum);
    assertThat(alice.inclusion(formed)).isInstanceOf(Inclusion.Committed.class);

    OperatorClient.Block block = operator.getBlock(blkNum);
    assertThat(block.submitted()).isTrue();
    assertThat(block.timestamp()).isPositive();
    List<SignedTransaction> txs = block.transactions().stream()
        .map(b -> TransactionDecoder.decodeSigned(b.toArray()).orElseThrow())
        .toList();
    assertThat(txs).extracting(SignedTransaction::txHash).contains(txHash);
    SignedTransaction fee = txs.stream().filter(t -> t.tx().isFee()).findFirst().orElseThrow();
    OperatorClient.TransactionStatus feeStatus = operator.getTransaction(fee.txHash());
    assertThat(feeStatus.status()).isEqualTo(OperatorClient.FORMED);
    assertThat(feeStatus.signedTx().map(Bytes::toHex))
        .contains(Bytes.wrap(fee.encode()).toHex());

    Address beneficiary = operator.getChainInfo().feeBeneficiary();
    List<Utxo> fees = operator.getUtxos(beneficiary).outputs();
    assertThat(fees).extracting(Utxo::owner).containsOnly(beneficiary);
    assertThat(fees).extracting(Utxo::amount).contains(Devnet.ETH_FEE);

    Utxo bobs = operator.getUtxos(bob.address()).outputs().getFirst();
    assertThat(bobs.amount()).isEqualTo(amount);
    assertThat(operator.getExitData(bobs.position()).position()).isEqualTo(bobs.position());

    OperatorClient.ChallengeData spend = operator.getChallengeData(deposit);
    assertThat(spend.position()).isEqualTo(deposit);
    assertThat(Keccak256.hash32(spend.spendingTx().toArray())).isEqualTo(txHash);
    assertThat(alice.spendOf(deposit)).contains(txHash);
    assertThat(OutputPosition.decode(deposit).blkNum()).isLessThan(blkNum);
  }

  /**
   * An owner with more outputs than a page holds (pages of 1, 2 and 3 asked for through the
   * request's limit) is read whole from the real operator, each page after the last position of the
   * one before, as one page of the default size reads it.
   */
  @Test
  void anOwnersOutputsAcrossPagesAreReadWholeFromTheRealOperator() {
    PlasmaWallet alice = devnet.wallet(2);
    PlasmaWallet bob = devnet.wallet(3);
    OperatorClient operator = alice.operator();
    long deposit = alice.deposit(Address.ETH, Devnet.ETHER).position();
    alice.awaitSpendable(deposit, WAIT);
    BigInteger amount = Devnet.ETHER.divide(BigInteger.valueOf(100));
    for (int i = 0; i < 4; i++) {
      alice.send(bob.address(), Address.ETH, amount);
      Devnet.formBlock(devnet.operator());
    }

    UtxoListing listed = operator.getUtxos(bob.address());
    assertThat(listed.complete()).isTrue();
    List<Utxo> onePage = listed.outputs();
    assertThat(onePage).hasSize(4);
    assertThat(onePage).extracting(Utxo::owner).containsOnly(bob.address());
    assertThat(onePage).extracting(Utxo::amount).containsOnly(amount);
    assertThat(onePage).extracting(Utxo::position).isSorted().doesNotHaveDuplicates();
    for (int limit = 1; limit <= 3; limit++) {
      assertThat(operator.getUtxos(
              bob.address(),
              limit,
              OperatorClient.MAX_UTXO_PAGES,
              System.nanoTime() + WAIT.toNanos()))
          .as("pages of %d", limit)
          .isEqualTo(listed);
    }

    // a listing cut at its pages bound: marked incomplete, and a payment from what it read works
    PlasmaWallet bobReadingTwo = bob.withOperator(operator.withUtxoPages(1, 2));
    UtxoListing firstTwo = bobReadingTwo.listing();
    assertThat(firstTwo.complete()).isFalse();
    assertThat(firstTwo.outputs()).isEqualTo(onePage.subList(0, 2));
    assertThat(bobReadingTwo.l2Balance(Address.ETH)).isEqualTo(amount.multiply(BigInteger.TWO));
    BigInteger paid = amount.add(amount.divide(BigInteger.TWO)); // needs both outputs read
    Bytes32 payment = bobReadingTwo.send(alice.address(), Address.ETH, paid);
    Devnet.formBlock(devnet.operator());
    assertThat(bobReadingTwo.awaitInclusion(payment, WAIT).isIncluded()).isTrue();
    List<Utxo> after = bob.utxos();
    assertThat(after).doesNotContainAnyElementsOf(onePage.subList(0, 2));
    assertThat(after).containsAll(onePage.subList(2, 4));
    // the whole listing: the two outputs not spent and the change
    BigInteger change = after.stream()
        .filter(u -> !onePage.contains(u))
        .map(Utxo::amount)
        .reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(bob.l2Balance(Address.ETH))
        .isEqualTo(amount.multiply(BigInteger.TWO).add(change));
    assertThat(change)
        .isEqualTo(amount.multiply(BigInteger.TWO).subtract(paid).subtract(Devnet.ETH_FEE));
    assertThatThrownBy(() -> bobReadingTwo.buildPayment(
            alice.address(), Address.ETH, amount.multiply(BigInteger.valueOf(3))))
        .isInstanceOf(WalletException.InsufficientFunds.class)
        .hasMessageContaining("from the first 2 outputs the operator listed; this wallet holds"
            + " more than one listing reads");
  }
}
