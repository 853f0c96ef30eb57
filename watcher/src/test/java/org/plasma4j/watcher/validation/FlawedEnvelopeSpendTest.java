package org.plasma4j.watcher.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.Eip712;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;

/**
 * challengeStandardExit reads a spend's txBytes and the challenged input's signature only. A spend
 * whose signed record is flawed anywhere else still proves the spend on the root chain: the block
 * is still reported malformed, and the spend is kept as the evidence that challenges an exit of its
 * input.
 */
class FlawedEnvelopeSpendTest {

  private static final KeyPair OWNER = DevKeys.ACCOUNT_2;
  private static final KeyPair OTHER = DevKeys.ACCOUNT_3;
  private static final byte[] FAKE = new byte[Signature.LENGTH];

  static {
    java.util.Arrays.fill(FAKE, (byte) 7);
  }

  private final ChildLedger ledger = new ChildLedger(Fixtures.DOMAIN);

  private OutputPosition deposit(long blkNum) {
    ledger.applyDeposit(blkNum, OWNER.address(), Address.ETH, BigInteger.valueOf(100), 1_000);
    return OutputPosition.of(blkNum, 0, 0);
  }

  private static Transaction spendOf(OutputPosition... inputs) {
    TxBuilder b = TxBuilder.payment();
    for (OutputPosition in : inputs) {
      b.input(in, OWNER);
    }
    return b.output(OTHER, Address.ETH, 90).build();
  }

  private static byte[] sig(KeyPair key, Transaction tx) {
    return key.sign(Eip712.digest(tx, Fixtures.DOMAIN)).value();
  }

  /** RLP([txBytes, signatures, domain]) with the parts as given, flawed or not. */
  private static byte[] record(Transaction tx, List<byte[]> signatures, byte[] domain) {
    List<byte[]> sigs = new ArrayList<>();
    for (byte[] s : signatures) {
      sigs.add(Rlp.encodeBytes(s));
    }
    return Rlp.encodeList(tx.encode(), Rlp.encodeList(sigs), domain);
  }

  private static byte[] domain() {
    return Rlp.encodeList(
        Rlp.encodeUint(Fixtures.DOMAIN.chainId()),
        Rlp.encodeBytes(Fixtures.DOMAIN.verifyingContract().value()));
  }

  private ChildLedger.Judged applyBlock(List<byte[]> records) {
    List<Bytes> raw = records.stream().map(Bytes::wrap).toList();
    List<byte[]> leaves = records.stream()
        .map(r -> org.plasma4j.core.rlp.RlpReader.of(r).readList().readRaw())
        .toList();
    DecodedBlock.Check check =
        DecodedBlock.check(1000, raw, MerkleTree.build(leaves).root());
    assertThat(check.verified()).isTrue();
    return ledger.apply(check.block(), 2_000, 5, Optional.empty());
  }

  @Test
  void aSpendWithAFlawedEnvelopeIsStillEvidenceAgainstAnExitOfItsInput() {
    OutputPosition oversized = deposit(1);
    OutputPosition brokenDomain = deposit(2);
    OutputPosition otherSigShort = deposit(3);
    OutputPosition extraSigs = deposit(4);
    OutputPosition second = deposit(5);
    Transaction t1 = spendOf(oversized);
    Transaction t2 = spendOf(brokenDomain);
    Transaction t3 = spendOf(otherSigShort, second);
    Transaction t4 = spendOf(extraSigs);
    List<byte[]> bigList = new ArrayList<>(List.of(sig(OWNER, t1)));
    bigList.addAll(Collections.nCopies(39, FAKE));
    List<byte[]> five = new ArrayList<>(List.of(sig(OWNER, t4)));
    five.addAll(Collections.nCopies(4, FAKE));
    List<Transaction> spends = List.of(t1, t2, t3, t4);
    List<byte[]> records = List.of(
        record(t1, bigList, domain()),
        record(t2, List.of(sig(OWNER, t2)), Rlp.encodeList(Rlp.encodeUint(1))),
        record(t3, List.of(sig(OWNER, t3), new byte[10]), domain()),
        record(t4, five, domain()));

    ChildLedger.Judged judged = applyBlock(records);

    assertThat(judged.verdict().isValid()).isFalse();
    assertThat(judged.verdict().error()).isEqualTo("malformed_tx");
    List<OutputPosition> challenged = List.of(oversized, brokenDomain, otherSigShort, extraSigs);
    for (int i = 0; i < challenged.size(); i++) {
      List<Spend> found = ledger.spendsOf(challenged.get(i));
      assertThat(found).as("spend of %s", challenged.get(i)).hasSize(1);
      Spend s = found.get(0);
      assertThat(s.tx().txBytes()).isEqualTo(spends.get(i).encode());
      assertThat(s.inputIndex()).isZero();
      assertThat(s.txPosition()).isEqualTo(OutputPosition.of(1000, i, 0));
      assertThat(Secp256k1.recover(Eip712.digest(spends.get(i), Fixtures.DOMAIN), s.signature()))
          .contains(OWNER.address());
    }
    // the second input's signature is ten bytes: nothing challenges an exit of it
    assertThat(ledger.spendsOf(second)).isEmpty();
  }

  @Test
  void aFlawedEnvelopeWithoutTheInputsOwnSignatureIsNoEvidence() {
    OutputPosition missing = deposit(1);
    OutputPosition wrongSigner = deposit(2);
    OutputPosition malleable = deposit(3);
    Transaction t1 = spendOf(missing);
    Transaction t2 = spendOf(wrongSigner);
    Transaction t3 = spendOf(malleable);
    byte[] brokenDomain = Rlp.encodeList(Rlp.encodeUint(1));
    List<byte[]> records = List.of(
        record(t1, List.of(), brokenDomain),
        record(t2, List.of(sig(OTHER, t2)), brokenDomain),
        record(t3, List.of(FAKE), brokenDomain));

    ChildLedger.Judged judged = applyBlock(records);

    assertThat(judged.verdict().error()).isEqualTo("malformed_tx");
    for (OutputPosition p : List.of(missing, wrongSigner, malleable)) {
      assertThat(ledger.spendsOf(p)).as("spend of %s", p).isEmpty();
    }
  }
}
