package org.plasma4j.watcher.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.OutputKey;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The watcher keys a block's outputs by the hash of the txBytes as received, the exit games by the
 * hash of the txBytes they are given, and the Merkle root commits the txBytes as received: they
 * agree only if no txBytes the decoder accepts has a second spelling. Every accepted mutation of
 * honest txBytes re-encodes to exactly its own bytes, so both hashes, and so every output key, are
 * the same.
 */
class OutputKeysOfReceivedTxBytesTest {

  static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  static final KeyPair BOB = DevKeys.ACCOUNT_3;

  static List<byte[]> honestTxBytes() {
    List<byte[]> out = new ArrayList<>();
    out.add(TxBuilder.payment()
        .input(OutputPosition.of(1000, 0, 0), ALICE)
        .output(BOB, Address.ETH, 90)
        .sign()
        .txBytes());
    out.add(TxBuilder.payment()
        .input(OutputPosition.of(2000, 7, 1), ALICE)
        .input(OutputPosition.of(1001, 0, 0), ALICE)
        .output(BOB, Address.ETH, 1)
        .output(ALICE, Address.ETH, 127)
        .output(BOB, Address.ETH, 128)
        .output(ALICE.address(), Address.ETH, new BigInteger("1000000000000000000000"))
        .sign()
        .txBytes());
    return out;
  }

  /** Checks one candidate; true if the decoder took it. */
  static boolean keysAgree(byte[] txBytes) {
    TxResult<Transaction> d = TransactionDecoder.decodeTransaction(txBytes);
    if (!d.isOk()) {
      return false;
    }
    Transaction tx = d.value();
    assertThat(Bytes.wrap(tx.encode())).as("re-encoding").isEqualTo(Bytes.wrap(txBytes));
    assertThat(tx.hash().value()).isEqualTo(org.plasma4j.core.crypto.Keccak256.hash(txBytes));
    return true;
  }

  @Test
  void everyTxBytesTheDecoderAcceptsIsItsOwnCanonicalEncoding() {
    Random random = new Random(20261206);
    int accepted = 0;
    int tried = 0;
    for (byte[] honest : honestTxBytes()) {
      assertThat(keysAgree(honest)).isTrue();
      for (int n = 0; n < 100_000; n++) {
        byte[] m = mutate(honest, random);
        tried++;
        if (keysAgree(m)) {
          accepted++;
        }
      }
    }
    // a fuzz that only ever produced refused input would prove nothing
    assertThat(tried).isEqualTo(200_000);
    assertThat(accepted).isGreaterThan(10_000);
  }

  /**
   * txBytes of one payment spelled field by field: txType, the input position, the outputs list,
   * the amount and the metadata each as given.
   */
  static byte[] payment(
      byte[] txType, byte[] input, byte[] amount, boolean longOutputs, byte[] metadata) {
    byte[] output = Rlp.encodeList(
        Rlp.encodeUint(1),
        Rlp.encodeBytes(BOB.address().value()),
        Rlp.encodeBytes(Address.ETH.value()),
        amount);
    byte[] outputs = longOutputs
        ? concat(new byte[] {(byte) 0xf8, (byte) output.length}, output)
        : Rlp.encodeList(output);
    return Rlp.encodeList(txType, Rlp.encodeList(input), outputs, metadata);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void eachNonCanonicalSpellingOfAnHonestFieldIsRefused() {
    byte[] type = Rlp.encodeUint(1);
    byte[] input = Rlp.encodeUint(OutputPosition.of(1000, 0, 0).encode());
    byte[] amount = Rlp.encodeUint(90);
    byte[] metadata = Rlp.encodeBytes(new byte[32]);
    byte[] honest = payment(type, input, amount, false, metadata);
    assertThat(keysAgree(honest)).isTrue();

    byte[] positionPadded = concat(
        new byte[] {(byte) (input[0] + 1), 0},
        java.util.Arrays.copyOfRange(input, 1, input.length));
    List<byte[]> spellings = List.of(
        payment(new byte[] {(byte) 0x81, 0x01}, input, amount, false, metadata),
        payment(type, positionPadded, amount, false, metadata),
        payment(type, input, new byte[] {(byte) 0x81, 0x5a}, false, metadata),
        payment(type, input, new byte[] {(byte) 0xb8, 0x01, 0x5a}, false, metadata),
        payment(type, input, new byte[] {(byte) 0x82, 0x00, 0x5a}, false, metadata),
        payment(type, input, amount, true, metadata),
        payment(type, input, amount, false, concat(new byte[] {(byte) 0xb8, 0x20}, new byte[32])));
    for (byte[] spelling : spellings) {
      assertThat(spelling).isNotEqualTo(honest);
      assertThat(TransactionDecoder.decodeTransaction(spelling).isOk())
          .as("%s", Bytes.wrap(spelling))
          .isFalse();
      assertThat(keysAgree(spelling)).isFalse();
    }
  }

  @Test
  void theKeysOfAnAppliedBlocksOutputsAreTheKeysTheExitGamesDeriveFromItsTxBytes() {
    SignedTransaction pay = TxBuilder.payment()
        .input(OutputPosition.of(1000, 0, 0), ALICE)
        .output(BOB, Address.ETH, 90)
        .output(ALICE, Address.ETH, 9)
        .sign();
    byte[] txBytes = pay.txBytes();
    DecodedBlock.Check check = DecodedBlock.check(
        2000, List.of(pay.encoded()), MerkleTree.build(List.of(txBytes)).root());

    assertThat(check.verified()).isTrue();
    ChildLedger ledger = new ChildLedger(Fixtures.DOMAIN);
    ledger.applyDeposit(1000, ALICE.address(), Address.ETH, BigInteger.valueOf(99), 1);
    assertThat(ledger.apply(check.block(), 2, 5, Optional.empty()).verdict().isValid())
        .isTrue();

    Transaction asTheGameReadsIt = TransactionDecoder.decodeTransaction(txBytes).value();
    for (int o = 0; o < 2; o++) {
      OutputPosition p = OutputPosition.of(2000, 0, o);
      assertThat(ledger.keyOf(p)).isEqualTo(OutputKey.of(asTheGameReadsIt, p));
    }
    assertThat(ledger.keyOf(OutputPosition.of(1000, 0, 0)))
        .isEqualTo(Bytes32.ofUint(OutputPosition.of(1000, 0, 0).encode()));
  }

  /** A byte changed, inserted or removed, or a length byte nudged. */
  static byte[] mutate(byte[] in, Random random) {
    byte[] out = in.clone();
    int at = random.nextInt(in.length);
    switch (random.nextInt(4)) {
      case 0 -> out[at] = (byte) random.nextInt(256);
      case 1 -> out[at] ^= (byte) (1 << random.nextInt(8));
      case 2 -> {
        byte[] longer = new byte[in.length + 1];
        System.arraycopy(in, 0, longer, 0, at);
        longer[at] = (byte) random.nextInt(256);
        System.arraycopy(in, at, longer, at + 1, in.length - at);
        out = fixLengths(longer);
      }
      default -> {
        byte[] shorter = new byte[in.length - 1];
        System.arraycopy(in, 0, shorter, 0, at);
        System.arraycopy(in, at + 1, shorter, at, in.length - at - 1);
        out = fixLengths(shorter);
      }
    }
    return out;
  }

  /**
   * The bytes with the outer list's length set to what follows its header, so that mutations of the
   * inside reach the field rules rather than failing the outer length alone.
   */
  static byte[] fixLengths(byte[] in) {
    if (in.length < 3 || (in[0] & 0xff) != 0xf8 && (in[0] & 0xff) != 0xf9) {
      return in;
    }
    int header = (in[0] & 0xff) == 0xf8 ? 2 : 3;
    byte[] payload = java.util.Arrays.copyOfRange(in, header, in.length);
    return Rlp.encodeList(payload);
  }
}
