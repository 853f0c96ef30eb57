package org.plasma4j.watcher.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.exit.OutputKey;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.rlp.RlpReader;
import org.plasma4j.core.state.UtxoStatus;
import org.plasma4j.core.testing.BadSignatures;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Eip712;
import org.plasma4j.core.tx.FeeTransaction;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.SpendEvidence;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The ledger keeps one entry per output, derives output keys on demand and reads spends back from
 * the block's signed records. A hostile operator and hostile users shape blocks so that a derived
 * key, a read-back spend or a taken-back block differs from what the exit games see or from the
 * ledger before: none does.
 */
class LedgerCompactionAttackTest {

  private static final KeyPair OWNER = DevKeys.ACCOUNT_2;
  private static final KeyPair OTHER = DevKeys.ACCOUNT_3;
  private static final KeyPair OPERATOR = DevKeys.ACCOUNT_4;
  private static final Domain CHAIN2 =
      new Domain(Fixtures.DOMAIN.chainId() + 1, Fixtures.DOMAIN.verifyingContract());

  private static OutputPosition deposit(ChildLedger ledger, long blkNum, KeyPair owner) {
    ledger.applyDeposit(blkNum, owner.address(), Address.ETH, BigInteger.valueOf(100), 1_000);
    return OutputPosition.of(blkNum, 0, 0);
  }

  /** The block of these signed records as the watcher would verify and apply it. */
  private static ChildLedger.Judged apply(
      ChildLedger ledger, long blkNum, long submittedL1, List<byte[]> records) {
    List<Bytes> raw = records.stream().map(Bytes::wrap).toList();
    List<byte[]> txBytes =
        records.stream().map(LedgerCompactionAttackTest::txBytesOf).toList();
    DecodedBlock.Check check =
        DecodedBlock.check(blkNum, raw, MerkleTree.build(txBytes).root());
    assertThat(check.verified()).isTrue();
    return ledger.apply(check.block(), 2_000, submittedL1, Optional.empty());
  }

  private static byte[] txBytesOf(byte[] record) {
    return RlpReader.of(record).readList().readRaw();
  }

  private static byte[] sig(KeyPair key, Transaction tx, Domain domain) {
    return key.sign(Eip712.digest(tx, domain)).value();
  }

  private static byte[] record(Transaction tx, Domain domainField, byte[]... signatures) {
    List<byte[]> sigs = new ArrayList<>();
    for (byte[] s : signatures) {
      sigs.add(Rlp.encodeBytes(s));
    }
    return Rlp.encodeList(
        tx.encode(),
        Rlp.encodeList(sigs),
        Rlp.encodeList(
            Rlp.encodeUint(domainField.chainId()),
            Rlp.encodeBytes(domainField.verifyingContract().value())));
  }

  private static Transaction pay(KeyPair to, long amount, OutputPosition... inputs) {
    TxBuilder b = TxBuilder.payment();
    for (OutputPosition in : inputs) {
      b.input(in, OWNER);
    }
    return b.output(to, Address.ETH, amount).build();
  }

  /** Deposit 1 (OWNER, 100), block 1000: OWNER pays OTHER 90, the operator's fee tx mints 10. */
  private record Base(ChildLedger ledger, SignedTransaction pay, Transaction fee) {}

  private static Base base(OutputClaims claims) {
    ChildLedger ledger = new ChildLedger(Fixtures.DOMAIN, claims);
    OutputPosition d = deposit(ledger, 1, OWNER);
    SignedTransaction pay =
        TxBuilder.payment().input(d, OWNER).output(OTHER, Address.ETH, 90).sign();
    Transaction fee = FeeTransaction.build(
            1000, OPERATOR.address(), Map.of(Address.ETH, BigInteger.TEN))
        .orElseThrow();
    ChildLedger.Judged judged = apply(
        ledger,
        1000,
        2,
        List.of(pay.encode(), FeeTransaction.signedForm(fee, Fixtures.DOMAIN).encode()));
    assertThat(judged.verdict().isValid()).isTrue();
    return new Base(ledger, pay, fee);
  }

  @Test
  void theKeysOfADepositAPaymentAndAFeeOutputAreTheExitGamesKeys() {
    Base b = base(new OutputClaims());
    OutputPosition paid = OutputPosition.of(1000, 0, 0);
    OutputPosition minted = OutputPosition.of(1000, 1, 0);
    OutputPosition deposit = OutputPosition.of(1, 0, 0);
    // the exit games hash the txBytes they are given, and key input-less outputs by position
    Transaction asGiven =
        TransactionDecoder.decodeTransaction(b.pay().txBytes()).value();
    assertThat(b.ledger().keyOf(paid))
        .isEqualTo(OutputKey.of(asGiven, paid))
        .isEqualTo(OutputKey.ofTxHash(Keccak256.hash32(b.pay().txBytes()), 0));
    assertThat(b.ledger().keyOf(minted))
        .isEqualTo(OutputKey.of(b.fee(), minted))
        .isEqualTo(Bytes32.ofUint(minted.encode()));
    assertThat(b.ledger().keyOf(deposit)).isEqualTo(Bytes32.ofUint(deposit.encode()));
  }

  /**
   * An output paid by an exit that names it by key only (a mass-exit leaf, a piggybacked output):
   * no claim is held by position, and a block submitted after the payout that spends it is still
   * invalid, for a fee output keyed by position and a payment output keyed by its transaction.
   */
  @Test
  void anOutputPaidUnderItsKeyAloneIsForbiddenToLaterBlocks() {
    Transaction spendFee = TxBuilder.payment()
        .input(OutputPosition.of(1000, 1, 0), OPERATOR)
        .output(OTHER, Address.ETH, 10)
        .build();
    Transaction spendPaid = TxBuilder.payment()
        .input(OutputPosition.of(1000, 0, 0), OTHER)
        .output(OWNER, Address.ETH, 90)
        .build();
    List<byte[]> block = List.of(
        record(spendFee, Fixtures.DOMAIN, sig(OPERATOR, spendFee, Fixtures.DOMAIN)),
        record(spendPaid, Fixtures.DOMAIN, sig(OTHER, spendPaid, Fixtures.DOMAIN)));

    // without the payouts the same block is valid: the verdicts below come from the keys alone
    assertThat(
            apply(base(new OutputClaims()).ledger(), 2000, 5, block).verdict().isValid())
        .isTrue();

    for (int which = 0; which < 2; which++) {
      OutputClaims claims = new OutputClaims();
      Base b = base(claims);
      Bytes32 key = which == 0
          ? Bytes32.ofUint(OutputPosition.of(1000, 1, 0).encode())
          : OutputKey.ofTxHash(Keccak256.hash32(b.pay().txBytes()), 0);
      claims.hold(key, "mass:1");
      claims.exited(key, "mass:1", 3);

      BlockVerdict verdict = apply(b.ledger(), 2000, 5, block).verdict();

      assertThat(verdict.error()).isEqualTo("invalid_tx:EXITING_INPUT");
      assertThat(verdict.txIndex()).isEqualTo(which);
    }
  }

  /**
   * Spends kept from a decoded record, a record whose domain field names another chain, a record
   * whose signature is in its high-s form, and a record the decoder refused (a second signature for
   * one input): each is read back as the txBytes and signature the exit games accept from that
   * record, the same at every read.
   */
  @Test
  void aSpendReadBackIsTheEvidenceItsRecordHolds() {
    ChildLedger ledger = new ChildLedger(Fixtures.DOMAIN);
    List<OutputPosition> deposits = new ArrayList<>();
    for (long d = 1; d <= 4; d++) {
      deposits.add(deposit(ledger, d, OWNER));
    }
    List<byte[]> records = new ArrayList<>();
    Transaction t0 = pay(OTHER, 100, deposits.get(0));
    records.add(SignedTransaction.of(
            t0, List.of(new Signature(sig(OWNER, t0, Fixtures.DOMAIN))), Fixtures.DOMAIN)
        .encode());
    Transaction t1 = pay(OTHER, 99, deposits.get(1));
    records.add(record(t1, CHAIN2, sig(OWNER, t1, Fixtures.DOMAIN)));
    Transaction t2 = pay(OTHER, 98, deposits.get(2));
    records.add(record(
        t2,
        Fixtures.DOMAIN,
        BadSignatures.malleate(new Signature(sig(OWNER, t2, Fixtures.DOMAIN))).value()));
    Transaction t3 = pay(OTHER, 97, deposits.get(3));
    records.add(record(t3, Fixtures.DOMAIN, sig(OWNER, t3, Fixtures.DOMAIN), new byte[65]));

    apply(ledger, 1000, 5, records);

    for (int i = 0; i < 4; i++) {
      OutputPosition input = deposits.get(i);
      OutputPosition at = OutputPosition.of(1000, i, 0);
      byte[] raw = records.get(i);
      SpendEvidence expected = SpendEvidence.of(raw, input).orElseThrow();
      assertThat(ledger.spendsOf(input)).as("spend %d", i).singleElement().satisfies(s -> {
        SignedTransaction read = s.tx();
        assertThat(read.txBytes())
            .isEqualTo(txBytesOf(raw))
            .isEqualTo(expected.txBytes().toArray());
        assertThat(s.signature()).isEqualTo(expected.signature());
        assertThat(Secp256k1.recover(Eip712.digest(expected.tx(), Fixtures.DOMAIN), s.signature()))
            .contains(OWNER.address());
        assertThat(s.txHash()).isEqualTo(read.txHash()).isEqualTo(Keccak256.hash32(txBytesOf(raw)));
        assertThat(s.tx()).isEqualTo(read);
        assertThat(s.txPosition()).isEqualTo(at);
        assertThat(s.inputIndex()).isZero();
        assertThat(ledger.oldestInclusion(s.txHash()).orElseThrow().position())
            .isEqualTo(at.encode());
      });
    }
    // the decoded record reads back as itself, byte for byte
    assertThat(ledger.spendsOf(deposits.get(0)).getFirst().tx().encode()).isEqualTo(records.get(0));
  }

  /**
   * A block whose judging throws after it had spent an output, created and spent another, kept an
   * owner-signed double spend and a spend from a foreign-domain record: taking it back leaves no
   * spent flag, spend, output, key or location, and the block then applies as on a ledger that
   * never saw it.
   */
  @Test
  void aBlockTakenBackLeavesNothingAndThenAppliesAsOnAFreshLedger() {
    OutputPosition a = OutputPosition.of(1, 0, 0);
    OutputPosition b = OutputPosition.of(2, 0, 0);
    OutputPosition made = OutputPosition.of(1000, 0, 0);
    OutputPosition passed = OutputPosition.of(1000, 1, 0);
    SignedTransaction first =
        TxBuilder.payment().input(a, OWNER).output(OWNER, Address.ETH, 100).sign();
    SignedTransaction onward =
        TxBuilder.payment().input(made, OWNER).output(OTHER, Address.ETH, 100).sign();
    Transaction foreignTx = pay(OTHER, 100, b);
    SignedTransaction foreign = SignedTransaction.of(
        foreignTx, List.of(new Signature(sig(OWNER, foreignTx, Fixtures.DOMAIN))), CHAIN2);
    SignedTransaction again =
        TxBuilder.payment().input(a, OWNER).output(OTHER, Address.ETH, 50).sign();
    List<SignedTransaction> txs = List.of(first, onward, foreign, again);

    ChildLedger ledger = new ChildLedger(Fixtures.DOMAIN);
    ChildLedger fresh = new ChildLedger(Fixtures.DOMAIN);
    for (ChildLedger l : List.of(ledger, fresh)) {
      deposit(l, 1, OWNER);
      deposit(l, 2, OWNER);
    }
    List<byte[]> broken = new ArrayList<>();
    List<TxResult<SignedTransaction>> brokenDecoded = new ArrayList<>();
    for (SignedTransaction t : txs) {
      broken.add(t.txBytes());
      brokenDecoded.add(TxResult.ok(t));
    }
    broken.add(first.txBytes());
    brokenDecoded.add(null); // breaks judging once every change above was made
    assertThatThrownBy(() -> ledger.apply(
            new DecodedBlock(1000, broken, brokenDecoded, MerkleTree.build(broken)),
            2_000,
            5,
            Optional.empty()))
        .isInstanceOf(NullPointerException.class);

    for (OutputPosition p : List.of(a, b)) {
      assertThat(ledger.isSpent(p)).isFalse();
      assertThat(ledger.lookup(p).status()).isEqualTo(UtxoStatus.UNSPENT);
      assertThat(ledger.spendsOf(p)).isEmpty();
    }
    for (OutputPosition p : List.of(made, passed)) {
      assertThat(ledger.output(p)).isEmpty();
      assertThat(ledger.keyOf(p)).isNull();
      assertThat(ledger.spendsOf(p)).isEmpty();
      assertThat(ledger.isSpent(p)).isFalse();
    }
    for (SignedTransaction t : txs) {
      assertThat(ledger.location(t.txHash())).isEmpty();
      assertThat(ledger.oldestInclusion(t.txHash())).isEmpty();
    }
    List<OutputPosition> seen = new ArrayList<>();
    ledger.forEachOutput((p, o) -> seen.add(p));
    assertThat(seen).containsExactlyInAnyOrder(a, b);

    List<byte[]> whole = broken.subList(0, 4);
    List<TxResult<SignedTransaction>> decoded = brokenDecoded.subList(0, 4);
    DecodedBlock block = new DecodedBlock(1000, whole, decoded, MerkleTree.build(whole));
    BlockVerdict retried = ledger.apply(block, 2_000, 5, Optional.empty()).verdict();
    BlockVerdict once = fresh.apply(block, 2_000, 5, Optional.empty()).verdict();
    assertThat(retried).isEqualTo(once);
    // the foreign-domain record is the first invalid one; the double spend after it is also kept
    assertThat(once.error()).isEqualTo("invalid_tx:WRONG_CHAIN_ID");
    assertThat(once.txIndex()).isEqualTo(2);
    for (OutputPosition p : List.of(a, b, made, passed)) {
      assertThat(ledger.isSpent(p)).as("spent %s", p).isEqualTo(fresh.isSpent(p));
      assertThat(ledger.output(p)).isEqualTo(fresh.output(p));
      assertThat(ledger.keyOf(p)).isEqualTo(fresh.keyOf(p));
      assertThat(summary(ledger.spendsOf(p))).isEqualTo(summary(fresh.spendsOf(p)));
    }
    // a: spent by the first, double-spent by the last; b: the foreign-domain record's spend
    assertThat(summary(ledger.spendsOf(a))).hasSize(2);
    assertThat(summary(ledger.spendsOf(b))).hasSize(1);
    assertThat(summary(ledger.spendsOf(made))).hasSize(1);
    assertThat(ledger.isSpent(a)).isTrue();
    assertThat(ledger.isSpent(b)).isFalse();
  }

  private static List<String> summary(List<Spend> spends) {
    return spends.stream()
        .map(s -> s.txHash() + " " + s.txPosition() + " " + s.inputIndex() + " "
            + Arrays.toString(s.signature().value()) + " "
            + Arrays.toString(s.tx().encode()))
        .toList();
  }
}
