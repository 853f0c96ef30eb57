package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.wallet.TestKeys.ALICE;
import static org.plasma4j.wallet.TestKeys.ALICE_KEY;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;

/**
 * The operator is trusted for liveness only: "included in block N" ('send --wait', 'status
 * <txhash>') holds only for a block the framework committed whose contents, as the operator serves
 * them, hash to that commitment with the transaction at the index claimed.
 */
class InclusionCommittedTest {

  private static final long TIMESTAMP = 1_700_000_000L;

  private final StubOperator operator = new StubOperator();
  private final InMemoryActions rootChain = new InMemoryActions();
  private final PlasmaWallet wallet = new PlasmaWallet(
      WalletKey.fromHex(ALICE_KEY),
      new OperatorClient(java.net.URI.create(operator.url())),
      rootChain);

  @AfterEach
  void stop() {
    operator.close();
  }

  private SignedTransaction payment(long amount) {
    return TransactionSigner.sign(
        Transaction.payment(
            List.of(OutputPosition.of(1, 0, 0)), List.of(Output.of(ALICE, Address.ETH, amount))),
        rootChain.domain,
        List.of(WalletKey.fromHex(ALICE_KEY).privateKey()));
  }

  /**
   * The operator names {@code blkNum}/{@code index} for {@code txHash} and serves {@code txs} as
   * that block.
   */
  private void operatorServes(Bytes32 txHash, long blkNum, int index, List<SignedTransaction> txs) {
    operator.on("plasma_getTransaction", p -> StubOperator.formed(txHash.toHex(), blkNum, index));
    operator.on(
        "plasma_getBlock",
        StubOperator.block(
            blkNum,
            root(txs).toHex(),
            TIMESTAMP,
            txs.stream().map(t -> Hex.encode(t.encode())).toList()));
  }

  private static Bytes32 root(List<SignedTransaction> txs) {
    return MerkleTree.build(txs.stream().map(SignedTransaction::txBytes).toList())
        .root();
  }

  @Test
  void aPaymentIsNotReportedIncludedInABlockTheRootChainNeverCommitted() {
    Bytes32 txHash = Bytes32.fromHex("0x" + "ab".repeat(32));
    operator.on("plasma_getTransaction", p -> StubOperator.formed(txHash.toHex(), 5000, 0));
    rootChain.chain.startAt(1000); // block 5000 was never submitted

    assertThatThrownBy(() -> wallet.awaitInclusion(txHash, Duration.ofMillis(300)))
        .as(
            "block 5000 is not on the root chain: the payment is not included, whatever the operator says")
        .isInstanceOf(WalletException.Timeout.class)
        .hasMessageEndingWith(
            "the operator claims block 5000, not yet committed on the root chain");
  }

  @Test
  void aPaymentInACommittedBlockThatHoldsItIsIncluded() {
    SignedTransaction other = payment(4);
    SignedTransaction mine = payment(5);
    List<SignedTransaction> txs = List.of(other, mine);
    operatorServes(mine.txHash(), 2000, 1, txs);
    rootChain.chain.committed(2000L, root(txs), TIMESTAMP);

    assertThat(wallet.awaitInclusion(mine.txHash(), Duration.ofMillis(300)).blkNum())
        .isEqualTo(2000);
    Inclusion inclusion = wallet.inclusion(wallet.operator().getTransaction(mine.txHash()));
    assertThat(inclusion).isInstanceOf(Inclusion.Committed.class);
    assertThat(inclusion.describe())
        .isEqualTo("included in block 2000 at index 1 (committed on the root chain)");
  }

  @Test
  void aCommittedBlockThatDoesNotHoldThePaymentAtItsIndexIsDisputed() {
    SignedTransaction other = payment(4);
    SignedTransaction mine = payment(5);
    List<SignedTransaction> committed = List.of(other);
    operatorServes(mine.txHash(), 2000, 0, committed);
    rootChain.chain.committed(2000L, root(committed), TIMESTAMP);

    Inclusion inclusion = wallet.inclusion(wallet.operator().getTransaction(mine.txHash()));
    assertThat(inclusion).isInstanceOf(Inclusion.Disputed.class);
    assertThat(inclusion.describe())
        .isEqualTo(
            "the operator claims block 2000, but the committed block 2000 does not hold it at index 0");
    assertThatThrownBy(() -> wallet.awaitInclusion(mine.txHash(), Duration.ofMillis(300)))
        .isInstanceOf(WalletException.Timeout.class);
  }

  @Test
  void aBlockServedWithOtherContentsThanTheCommittedOnesIsDisputed() {
    SignedTransaction mine = payment(5);
    operatorServes(mine.txHash(), 2000, 0, List.of(mine)); // served with the payment in it
    // the root chain committed another root for block 2000
    rootChain.chain.committed(2000L, root(List.of(payment(4))), TIMESTAMP);

    Inclusion inclusion = wallet.inclusion(wallet.operator().getTransaction(mine.txHash()));
    assertThat(inclusion.describe())
        .isEqualTo(
            "the operator claims block 2000, but its block 2000 is not the one the root chain committed");
  }

  /**
   * Served in pages of one, the committed root and count on each, the second page a transaction
   * other than the committed block's: the body the pages add up to is checked against the root, so
   * the payment is disputed, not included.
   */
  @Test
  void aBlockServedInPagesWithASwappedTransactionIsDisputed() {
    SignedTransaction other = payment(4);
    SignedTransaction mine = payment(5);
    List<SignedTransaction> committed = List.of(other, payment(6));
    rootChain.chain.committed(2000L, root(committed), TIMESTAMP);
    operator.on("plasma_getTransaction", p -> StubOperator.formed(mine.txHash().toHex(), 2000, 1));
    operator.on("plasma_getBlock", p -> {
      if (p.get(2).asInt() > 1) {
        throw new StubOperator.RpcError(
            org.plasma4j.api.RpcError.RESPONSE_TOO_LARGE.code(), "one a page");
      }
      int offset = p.get(1).asInt();
      SignedTransaction served = offset == 0 ? other : mine;
      var page = new java.util.HashMap<>(StubOperator.block(
          2000, root(committed).toHex(), TIMESTAMP, List.of(Hex.encode(served.encode()))));
      page.put("txCount", 2);
      page.put("offset", offset);
      return page;
    });

    Inclusion inclusion = wallet.inclusion(wallet.operator().getTransaction(mine.txHash()));
    assertThat(inclusion.describe())
        .isEqualTo("the operator claims block 2000, but the transactions it serves for block 2000"
            + " are not the committed root's");
    assertThatThrownBy(() -> wallet.awaitInclusion(mine.txHash(), Duration.ofMillis(300)))
        .isInstanceOf(WalletException.Timeout.class);
  }
}
