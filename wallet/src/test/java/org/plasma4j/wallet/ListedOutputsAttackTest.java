package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.wallet.TestKeys.ALICE;
import static org.plasma4j.wallet.TestKeys.ALICE_KEY;
import static org.plasma4j.wallet.TestKeys.BOB;
import static org.plasma4j.wallet.TestKeys.ETH;
import static org.plasma4j.wallet.TestKeys.FRAMEWORK;
import static org.plasma4j.wallet.TestKeys.TOKEN;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.wallet.CommittedOutputs.Listed;

/**
 * An operator that lists the wallet's outputs other than the root chain committed them. A payment
 * names its inputs by position only, so an input listed below its true amount would have the wallet
 * sign the difference away as fee: the wallet checks every input it chose against the root chain's
 * commitment to its block, spends nothing of a block not committed yet, and signs nothing the root
 * chain does not bear out.
 */
class ListedOutputsAttackTest {

  private static final long DEPOSIT = OutputPosition.of(1, 0, 0).encode();
  private static final long OUT = OutputPosition.of(1000, 2, 1).encode();
  private static final long UNCOMMITTED = OutputPosition.of(3000, 0, 0).encode();
  private static final BigInteger FEE = BigInteger.valueOf(1000);

  private final StubOperator operator = new StubOperator();
  private final InMemoryActions rootChain = new InMemoryActions();
  private final PlasmaWallet wallet = new PlasmaWallet(
      WalletKey.fromHex(ALICE_KEY), new OperatorClient(URI.create(operator.url())), rootChain);
  private final List<SignedTransaction> sent = new ArrayList<>();

  @AfterEach
  void stop() {
    operator.close();
  }

  /** An operator that accepts every payment; the fee is 1,000 wei. */
  private void operatorAcceptingPayments() {
    operator
        .on("plasma_getChainInfo", StubOperator.chainInfo(FRAMEWORK.toHex()))
        .on("plasma_getFeeSchedule", Map.of(ETH, FEE.toString()))
        .on("plasma_sendTransaction", params -> {
          SignedTransaction tx = TransactionDecoder.decodeSigned(
                  Hex.decode(params.get(0).asText()))
              .orElseThrow();
          sent.add(tx);
          return Map.of("txHash", tx.txHash().toHex());
        });
  }

  /** The truth committed on the root chain, and the operator listing {@code listed} instead. */
  private CommittedOutputs committedButListed(Listed truth, Listed listed) {
    operatorAcceptingPayments();
    CommittedOutputs committed = CommittedOutputs.of(truth);
    committed.commitTo(rootChain);
    committed.serveExitData(operator);
    operator.on("plasma_getUtxos", CommittedOutputs.of(listed).utxos());
    return committed;
  }

  private static String notCommitted(long position, long blkNum) {
    return refuted(
        position,
        "block " + blkNum + " is not committed on the root chain yet; where an output sits in it is"
            + " the operator's word");
  }

  private void assertNothingSent() {
    assertThat(sent).isEmpty();
    assertThat(operator.requests())
        .noneMatch(r -> r.get("method").asText().equals("plasma_sendTransaction"));
  }

  private static String refuted(long position, String why) {
    return "the operator's listing of output " + position + " is refuted, nothing was signed: "
        + why;
  }

  @Test
  void anAmountListedBelowTheCommittedOneIsRefusedAndNothingIsSigned() {
    committedButListed(
        Listed.of(OUT, ALICE, Address.ETH, 500_000), Listed.of(OUT, ALICE, Address.ETH, 400_000));

    // signed as listed, outputs of 399,000 from a true 500,000 would pay the operator 101,000
    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
        .isInstanceOfSatisfying(
            WalletException.ListingRefuted.class, e -> assertThat(e.position()).isEqualTo(OUT))
        .hasMessage(refuted(
            OUT, "the root chain's block 1000 holds amount 500000, the operator listed 400000"));
    assertNothingSent();
    assertThat(wallet.sentTransactions()).isEmpty();
  }

  @Test
  void anOutputOfAnotherTokenOrOwnerIsRefused() {
    committedButListed(
        Listed.of(OUT, ALICE, TOKEN, 500_000), Listed.of(OUT, ALICE, Address.ETH, 500_000));
    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
        .isInstanceOf(WalletException.ListingRefuted.class)
        .hasMessage(refuted(
            OUT,
            "the root chain's block 1000 holds token " + TOKEN + ", the operator listed "
                + Address.ETH));

    CommittedOutputs bobs = CommittedOutputs.of(Listed.of(OUT, BOB, Address.ETH, 500_000));
    bobs.commitTo(rootChain);
    bobs.serveExitData(operator);
    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
        .isInstanceOf(WalletException.ListingRefuted.class)
        .hasMessage(refuted(
            OUT,
            "the root chain's block 1000 holds it for " + BOB + ", not for this wallet (" + ALICE
                + ")"));
    assertNothingSent();
  }

  @Test
  void exitDataThatTheCommitmentDoesNotHoldIsRefused() {
    Listed truth = Listed.of(OUT, ALICE, Address.ETH, 500_000);
    CommittedOutputs committed = committedButListed(truth, truth);
    Map<String, Object> honest = committed.exitData(OUT);
    String notCommitted = refuted(
        OUT,
        "the transaction the operator serves for it is not at index 2 of block 1000 as the root"
            + " chain committed it");

    // the committed transaction with a proof that does not lead to the committed root
    Map<String, Object> badProof = new HashMap<>(honest);
    badProof.put("proof", Hex.encode(new byte[512]));
    operator.on("plasma_getExitData", badProof);
    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
        .isInstanceOf(WalletException.ListingRefuted.class)
        .hasMessage(notCommitted);

    // another transaction holding the listed output, with the committed one's proof
    Map<String, Object> otherTx = new HashMap<>(honest);
    Transaction forged = Transaction.payment(
        List.of(OutputPosition.of(1, 0, 0)),
        List.of(Output.of(BOB, Address.ETH, 1), Output.of(ALICE, Address.ETH, 500_000)));
    otherTx.put("txBytes", Hex.encode(forged.encode()));
    operator.on("plasma_getExitData", otherTx);
    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
        .isInstanceOf(WalletException.ListingRefuted.class)
        .hasMessage(notCommitted);

    // no exit data at all
    operator.on("plasma_getExitData", params -> {
      throw new StubOperator.RpcError(-32022, "unknown output");
    });
    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
        .isInstanceOf(WalletException.ListingRefuted.class)
        .hasMessage(refuted(OUT, "the operator serves no exit data for it"));
    assertNothingSent();
  }

  @Test
  void anHonestListingOfCommittedOutputsIsPaidFromWithExactlyTheScheduledFee() {
    operatorAcceptingPayments();
    CommittedOutputs committed = CommittedOutputs.of(
        Listed.of(DEPOSIT, ALICE, Address.ETH, 1_000_000),
        Listed.of(OUT, ALICE, Address.ETH, 500_000));
    committed.serve(operator);
    committed.commitTo(rootChain);

    PlasmaWallet.Payment payment =
        wallet.buildPayment(BOB, Address.ETH, BigInteger.valueOf(1_200_000));
    Bytes32 hash = wallet.submit(payment);

    assertThat(sent).hasSize(1);
    SignedTransaction tx = sent.get(0);
    assertThat(tx.txHash()).isEqualTo(hash);
    assertThat(tx.tx().inputs())
        .containsExactlyInAnyOrder(OutputPosition.decode(DEPOSIT), OutputPosition.decode(OUT));
    BigInteger in = BigInteger.ZERO;
    for (OutputPosition p : tx.tx().inputs()) {
      in = in.add(
          committed.transaction(p.encode()).outputs().get(p.outputIndex()).amount());
    }
    BigInteger out =
        tx.tx().outputs().stream().map(Output::amount).reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(in).isEqualTo(1_500_000);
    assertThat(out).isEqualTo(in.subtract(FEE));
    assertThat(tx.tx().outputs())
        .containsExactly(
            new Output(BOB, Address.ETH, BigInteger.valueOf(1_200_000)),
            new Output(ALICE, Address.ETH, BigInteger.valueOf(299_000)));
    // the checked exit data is what an in-flight exit of the payment uses
    assertThat(payment.inputData())
        .hasSize(2)
        .allSatisfy(d ->
            assertThat(d.matches(committed.commitment(d.position().blkNum()))).isTrue());
  }

  /** Alice's first payment, from her committed deposit, leaves her change in uncommitted 2000. */
  private SignedTransaction firstPaymentWithChangeInUncommittedBlock() {
    operatorAcceptingPayments();
    CommittedOutputs committed =
        CommittedOutputs.of(Listed.of(DEPOSIT, ALICE, Address.ETH, 1_000_000));
    committed.serve(operator);
    committed.commitTo(rootChain);
    wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000));
    return sent.get(0);
  }

  private void operatorListsChange(SignedTransaction first, long changePosition, long amount) {
    operator.on(
        "plasma_getUtxos",
        List.of(StubOperator.utxo(changePosition, ALICE.toHex(), ETH, Long.toString(amount))));
    operator.on(
        "plasma_getExitData",
        CommittedOutputs.exitDataAnswer(changePosition, first.txBytes(), new byte[512], 0));
  }

  @Test
  void theWalletsOwnChangeInAnUncommittedBlockWaitsForTheBlock() {
    SignedTransaction first = firstPaymentWithChangeInUncommittedBlock();
    long change = OutputPosition.of(2000, 0, 1).encode();
    assertThat(rootChain.blockCommitment(2000)).isEqualTo(Bytes32.ZERO);
    operatorListsChange(first, change, 699_000);

    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(100_000)))
        .isInstanceOf(WalletException.ListingRefuted.class)
        .hasMessage(notCommitted(change, 2000));
    assertThat(sent).hasSize(1);
  }

  @Test
  void aStrangersUncommittedOutputIsNotChosenWhileCommittedOnesSufficeAndRefusedAfter() {
    operatorAcceptingPayments();
    CommittedOutputs committed =
        CommittedOutputs.of(Listed.of(DEPOSIT, ALICE, Address.ETH, 1_000_000));
    committed.commitTo(rootChain);
    // block 3000 holds a stranger's payment to Alice; the root chain has not committed it
    CommittedOutputs unsure =
        CommittedOutputs.of(Listed.of(UNCOMMITTED, ALICE, Address.ETH, 400_000));
    operator.on(
        "plasma_getUtxos", List.of(committed.utxos().get(0), unsure.utxos().get(0)));
    operator.on(
        "plasma_getExitData",
        params -> params.get(0).asLong() == DEPOSIT
            ? committed.exitData(DEPOSIT)
            : unsure.exitData(UNCOMMITTED));

    // from the whole listing the 400,000 output is the smallest that covers 301,000
    wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).tx().inputs()).containsExactly(OutputPosition.decode(DEPOSIT));

    // 1,200,000 needs both outputs
    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(1_200_000)))
        .isInstanceOf(WalletException.ListingRefuted.class)
        .hasMessage(notCommitted(UNCOMMITTED, 3000));
    assertThat(sent).hasSize(1);
  }

  @Test
  void theWalletsOwnChangeListedAtAnotherPositionOfAnUncommittedBlockIsNotSpent() {
    SignedTransaction first = firstPaymentWithChangeInUncommittedBlock();
    // the operator serves Alice's own payment as the transaction at index 7 of block 2000, where
    // it will commit a stranger's payment of 5,000,000 to her instead
    long elsewhere = OutputPosition.of(2000, 7, 1).encode();
    operatorListsChange(first, elsewhere, 699_000);

    // signed, the spend names (2000, 7, 1) by position only: once block 2000 is committed with the
    // 5,000,000 there, outputs of 698,000 would pay the operator 4,302,000
    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(100_000)))
        .isInstanceOfSatisfying(
            WalletException.ListingRefuted.class,
            e -> assertThat(e.position()).isEqualTo(elsewhere))
        .hasMessage(notCommitted(elsewhere, 2000));
    assertThat(sent).hasSize(1);
  }

  @Test
  void theWalletsOwnPaymentListedAtTwoPositionsIsNotSpentTwice() {
    SignedTransaction first = firstPaymentWithChangeInUncommittedBlock();
    long change = OutputPosition.of(2000, 0, 1).encode();
    long copy = OutputPosition.of(2000, 3, 1).encode();
    operator.on(
        "plasma_getUtxos",
        List.of(
            StubOperator.utxo(change, ALICE.toHex(), ETH, "699000"),
            StubOperator.utxo(copy, ALICE.toHex(), ETH, "699000")));
    operator.on(
        "plasma_getExitData",
        params -> CommittedOutputs.exitDataAnswer(
            params.get(0).asLong(), first.txBytes(), new byte[512], 0));

    // one payment has one place in a block: at least one of the two inputs is not its change
    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(1_000_000)))
        .isInstanceOf(WalletException.ListingRefuted.class)
        .hasMessage(notCommitted(copy, 2000));
    assertThat(sent).hasSize(1);
  }

  @Test
  void aCommittedOutputListedTwiceIsNotSpentTwice() {
    operatorAcceptingPayments();
    CommittedOutputs committed = CommittedOutputs.of(Listed.of(OUT, ALICE, Address.ETH, 500_000));
    committed.commitTo(rootChain);
    committed.serveExitData(operator);
    Map<String, Object> entry = committed.utxos().get(0);
    operator.on("plasma_getUtxos", List.of(entry, entry));

    // from 1,000,000 listed the wallet could pay 900,000, but it holds 500,000 once
    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(900_000)))
        .isInstanceOf(WalletException.OperatorUnreachable.class)
        .hasMessage("malformed operator answer: [1].position " + OUT + " is not after " + OUT
            + ": outputs repeat or go back");
    assertNothingSent();
  }

  @Test
  void manyUncommittedBlocksCostABoundedNumberOfRootChainReads() {
    operatorAcceptingPayments();
    CommittedOutputs committed =
        CommittedOutputs.of(Listed.of(DEPOSIT, ALICE, Address.ETH, 1_000_000));
    committed.commitTo(rootChain);
    committed.serveExitData(operator);
    // 5,000 outputs of 400,000, each in a block of its own the root chain never committed: each is
    // the smallest that covers 301,000, so each re-plan picks the next and reads its block
    List<Map<String, Object>> listing = new ArrayList<>(committed.utxos());
    for (int k = 0; k < 5000; k++) {
      listing.add(StubOperator.utxo(
          OutputPosition.of(1000L * (k + 2), 0, 0).encode(), ALICE.toHex(), ETH, "400000"));
    }
    operator.on("plasma_getUtxos", listing);

    long stopped = OutputPosition.of(1000L * 34, 0, 0).encode();
    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
        .isInstanceOf(WalletException.ListingRefuted.class)
        .hasMessage(notCommitted(stopped, 34_000));
    assertThat(rootChain.commitmentReads).isEqualTo(33);
    assertNothingSent();
  }

  @Test
  void aFeeInputOfAnotherTokenListedBelowItsAmountIsRefused() {
    operatorAcceptingPayments();
    long feeOut = OutputPosition.of(1000, 3, 0).encode();
    CommittedOutputs truth = CommittedOutputs.of(
        Listed.of(OUT, ALICE, TOKEN, 500_000), Listed.of(feeOut, ALICE, Address.ETH, 500_000));
    truth.commitTo(rootChain);
    truth.serveExitData(operator);
    operator.on(
        "plasma_getUtxos",
        CommittedOutputs.of(
                Listed.of(OUT, ALICE, TOKEN, 500_000),
                Listed.of(feeOut, ALICE, Address.ETH, 100_000))
            .utxos());

    // the schedule takes no fee in the token, so an ETH input pays it: listed at 100,000 its
    // change would be 99,000 of a true 500,000
    assertThatThrownBy(() -> wallet.send(BOB, TOKEN, BigInteger.valueOf(300_000)))
        .isInstanceOf(WalletException.ListingRefuted.class)
        .hasMessage(refuted(
            feeOut, "the root chain's block 1000 holds amount 500000, the operator listed 100000"));
    assertNothingSent();
  }

  @Test
  void aDepositServedForAnotherIndexOfItsBlockIsRefused() {
    operatorAcceptingPayments();
    CommittedOutputs committed =
        CommittedOutputs.of(Listed.of(DEPOSIT, ALICE, Address.ETH, 1_000_000));
    committed.commitTo(rootChain);
    long moved = OutputPosition.of(1, 5, 0).encode();
    Map<String, Object> data = new HashMap<>(committed.exitData(DEPOSIT));
    data.put("position", moved);
    operator.on("plasma_getExitData", data);
    operator.on(
        "plasma_getUtxos", List.of(StubOperator.utxo(moved, ALICE.toHex(), ETH, "1000000")));

    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
        .isInstanceOf(WalletException.ListingRefuted.class)
        .hasMessage(refuted(
            moved,
            "the transaction the operator serves for it is not at index 5 of block 1 as the root"
                + " chain committed it"));
    assertNothingSent();
  }
}
