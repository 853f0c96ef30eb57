package org.plasma4j.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.core.testing.Fixtures.DOMAIN;
import static org.plasma4j.core.testing.Fixtures.ETH;
import static org.plasma4j.core.testing.Fixtures.TOKEN;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;

class TransactionDecoderTest {
  private static final byte[] OWNER = DevKeys.ACCOUNT_1.address().value();
  private static final byte[] SIG = new byte[65];
  /** A valid input: block 1000, tx 0, output 0. */
  private static final long IN = OutputPosition.of(1000, 0, 0).encode();

  @Test
  void roundTripsASignedTransaction() {
    SignedTransaction stx = TxBuilder.payment()
        .input(1000, 0, 0, DevKeys.ACCOUNT_0)
        .input(1, 0, 0, DevKeys.ACCOUNT_1)
        .output(DevKeys.ACCOUNT_2, ETH, 10)
        .output(DevKeys.ACCOUNT_3.address(), TOKEN, Output.AMOUNT_LIMIT.subtract(BigInteger.ONE))
        .sign();
    SignedTransaction decoded = TransactionDecoder.decodeSigned(stx.encode()).orElseThrow();
    assertThat(decoded).isEqualTo(stx);
    assertThat(decoded.tx()).isEqualTo(stx.tx());
    assertThat(decoded.signatures()).isEqualTo(stx.signatures());
    assertThat(decoded.domain()).isEqualTo(DOMAIN);
    assertThat(decoded.txBytes()).isEqualTo(stx.tx().encode());
    assertThat(decoded.txHash()).isEqualTo(stx.tx().hash());
    assertThat(TransactionDecoder.decodeTransaction(stx.txBytes()).orElseThrow())
        .isEqualTo(stx.tx());
  }

  @Test
  void knownEncoding() {
    Transaction tx = Transaction.payment(
        List.of(OutputPosition.of(1, 0, 0)),
        List.of(Output.of(DevKeys.ACCOUNT_1.address(), ETH, 1)));
    // [0x01, [0x830f4240], [[0x01, owner, token, 0x01]], 0xa0 ‖ 32 zero bytes]: input 1_000_000
    // (block 1), output 44
    // bytes (0xec), list 45 (0xed), total 85 (0x55)
    assertThat(Hex.encode(tx.encode()))
        .isEqualTo("0xf85501c4830f4240edec019470997970c51812dc3a010c7d01b50e0d17dc79c8" + "94"
            + "00".repeat(20) + "01a0" + "00".repeat(32));
  }

  @Test
  void malformedRlp() {
    assertRejected(Hex.decode("0xc3010203ff"), TxRejection.MALFORMED_RLP);
    byte[] leadingZeroUint = signed(
        tx(Rlp.encodeBytes(new byte[] {0, 1}), inputs(IN), outputs(output(1, OWNER, 5)), meta()));
    assertRejected(leadingZeroUint, TxRejection.MALFORMED_RLP);
    byte[] good = TxBuilder.payment()
        .input(1, 0, 0, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_1, ETH, 1)
        .sign()
        .encode();
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
    assertRejected(truncated, TxRejection.MALFORMED_RLP);
  }

  @Test
  void malformedTransaction() {
    // wrong field counts
    assertRejected(Rlp.encodeList(Rlp.encodeUint(1)), TxRejection.MALFORMED_TRANSACTION);
    assertRejected(
        signed(Rlp.encodeList(Rlp.encodeUint(1), inputs(), outputs(output(1, OWNER, 1)))),
        TxRejection.MALFORMED_TRANSACTION);
    // unknown tx type, output type, zero owner, short owner, metadata size, fee tx with inputs
    assertRejected(
        signed(tx(Rlp.encodeUint(3), inputs(IN), outputs(output(1, OWNER, 1)), meta())),
        TxRejection.MALFORMED_TRANSACTION);
    assertRejected(
        signed(tx(Rlp.encodeUint(1), inputs(IN), outputs(output(2, OWNER, 1)), meta())),
        TxRejection.MALFORMED_TRANSACTION);
    assertRejected(
        signed(tx(Rlp.encodeUint(1), inputs(IN), outputs(output(1, new byte[20], 1)), meta())),
        TxRejection.MALFORMED_TRANSACTION);
    assertRejected(
        signed(tx(Rlp.encodeUint(1), inputs(IN), outputs(output(1, new byte[19], 1)), meta())),
        TxRejection.MALFORMED_TRANSACTION);
    assertRejected(
        signed(tx(
            Rlp.encodeUint(1),
            inputs(IN),
            outputs(output(1, OWNER, 1)),
            Rlp.encodeBytes(new byte[31]))),
        TxRejection.MALFORMED_TRANSACTION);
    assertRejected(
        signed(tx(Rlp.encodeUint(2), inputs(IN), outputs(output(1, OWNER, 1)), meta())),
        TxRejection.MALFORMED_TRANSACTION);
    // inputs that are not positions, signatures of the wrong size, bad domain
    assertRejected(
        signed(tx(Rlp.encodeUint(1), inputs(0L), outputs(output(1, OWNER, 1)), meta())),
        TxRejection.INVALID_INPUT_POSITION);
    assertRejected(
        signed(tx(Rlp.encodeUint(1), inputs(IN + 4), outputs(output(1, OWNER, 1)), meta())),
        TxRejection.INVALID_INPUT_POSITION);
    byte[] okTx = tx(Rlp.encodeUint(1), inputs(IN), outputs(output(1, OWNER, 1)), meta());
    assertRejected(
        Rlp.encodeList(okTx, Rlp.encodeList(Rlp.encodeBytes(new byte[64])), domain()),
        TxRejection.MALFORMED_TRANSACTION);
    assertRejected(
        Rlp.encodeList(okTx, Rlp.encodeList(), Rlp.encodeList(Rlp.encodeUint(1))),
        TxRejection.MALFORMED_TRANSACTION);
    assertRejected(Rlp.encodeList(okTx, Rlp.encodeList()), TxRejection.MALFORMED_TRANSACTION);
  }

  @Test
  void countAndAmountRules() {
    assertRejected(
        signed(tx(
            Rlp.encodeUint(1),
            inputs(IN, IN + 1, IN + 2, IN + 3, IN + OutputPosition.TX_OFFSET),
            outputs(output(1, OWNER, 1)),
            meta())),
        TxRejection.TOO_MANY_INPUTS);
    assertRejected(
        signed(tx(Rlp.encodeUint(1), inputs(IN), outputs(), meta())), TxRejection.TOO_MANY_OUTPUTS);
    byte[] o = output(1, OWNER, 1);
    assertRejected(
        signed(tx(Rlp.encodeUint(1), inputs(IN), outputs(o, o, o, o, o), meta())),
        TxRejection.TOO_MANY_OUTPUTS);
    assertRejected(
        signed(tx(Rlp.encodeUint(1), inputs(IN), outputs(output(1, OWNER, 0)), meta())),
        TxRejection.ZERO_AMOUNT);
    assertRejected(
        signed(tx(Rlp.encodeUint(1), inputs(IN, IN), outputs(o), meta())),
        TxRejection.DUPLICATE_INPUTS);
  }

  /**
   * An input must name an output some block could hold, as on chain
   * (PaymentTx.InvalidInputPosition).
   */
  @Test
  void inputsNamePossibleOutputs() {
    BigInteger[] notPositions = {
      BigInteger.ZERO,
      BigInteger.valueOf(999_999L),
      BigInteger.valueOf(1_000_004L),
      BigInteger.valueOf(1_655_360L),
      BigInteger.valueOf(Long.MAX_VALUE),
      BigInteger.ONE.shiftLeft(63),
      BigInteger.valueOf(1_000_000_660_000L), // block 1000 tx 66 under a 1e9 / 1e4 layout
      BigInteger.ONE.shiftLeft(255),
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)
    };
    for (BigInteger p : notPositions) {
      byte[] bad = Rlp.encodeList(Rlp.encodeUint(p));
      assertRejected(
          signed(tx(Rlp.encodeUint(1), bad, outputs(output(1, OWNER, 1)), meta())),
          TxRejection.INVALID_INPUT_POSITION);
    }
    long largest =
        9_223_372_036_854_655_353L; // block 9_223_372_036_854, tx index 65535, output index 3
    assertThat(largest)
        .isEqualTo(OutputPosition.of(OutputPosition.MAX_BLKNUM, 65_535, 3).encode());
    assertThat(TransactionDecoder.decodeTransaction(
                tx(Rlp.encodeUint(1), inputs(largest), outputs(output(1, OWNER, 1)), meta()))
            .orElseThrow()
            .inputs()
            .getFirst()
            .encode())
        .isEqualTo(largest);
  }

  /**
   * A payment without inputs is a deposit: one output, as on chain (PaymentTx.DepositNotOneOutput).
   */
  @Test
  void aPaymentWithoutInputsHasOneOutput() {
    byte[] o = output(1, OWNER, 1);
    for (int n = 2; n <= 4; n++) {
      byte[][] outs = new byte[n][];
      java.util.Arrays.fill(outs, o);
      assertRejected(
          signed(tx(Rlp.encodeUint(1), inputs(), outputs(outs), meta())),
          TxRejection.DEPOSIT_NOT_ONE_OUTPUT);
    }
    assertThat(TransactionDecoder.decodeTransaction(
                tx(Rlp.encodeUint(1), inputs(), outputs(o), meta()))
            .isOk())
        .isTrue();
    assertThat(TransactionDecoder.decodeTransaction(
                tx(Rlp.encodeUint(2), inputs(), outputs(o, o), meta()))
            .isOk())
        .isTrue();
  }

  /**
   * Every exit game pays below 2^192, so no output may hold more (ExitAmount.AmountTooLarge on
   * chain).
   */
  @Test
  void amountsStayBelowTwoTo192() {
    BigInteger limit = BigInteger.ONE.shiftLeft(192);
    for (BigInteger a : List.of(limit, limit.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(255))) {
      assertRejected(
          signed(tx(Rlp.encodeUint(1), inputs(IN), outputs(output(1, OWNER, a)), meta())),
          TxRejection.AMOUNT_TOO_LARGE);
      assertRejected(
          signed(tx(Rlp.encodeUint(2), inputs(), outputs(output(1, OWNER, a)), meta())),
          TxRejection.AMOUNT_TOO_LARGE);
    }
    Transaction largest = TransactionDecoder.decodeTransaction(tx(
            Rlp.encodeUint(1),
            inputs(IN),
            outputs(output(1, OWNER, limit.subtract(BigInteger.ONE))),
            meta()))
        .orElseThrow();
    assertThat(largest.outputs().getFirst().amount()).isEqualTo(limit.subtract(BigInteger.ONE));
  }

  @Test
  void payloadTooLarge() {
    byte[] big = new byte[SignedTransaction.MAX_ENCODED_SIZE + 1];
    assertRejected(big, TxRejection.PAYLOAD_TOO_LARGE);
    List<byte[]> sigs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sigs.add(Rlp.encodeBytes(SIG));
    }
    byte[] tooManySigs = Rlp.encodeList(
        tx(Rlp.encodeUint(1), inputs(IN), outputs(output(1, OWNER, 1)), meta()),
        Rlp.encodeList(sigs),
        domain());
    assertThat(tooManySigs.length).isGreaterThan(2048);
    assertRejected(tooManySigs, TxRejection.PAYLOAD_TOO_LARGE);
  }

  @Test
  void feeTransactionDecodesWithoutSignatures() {
    Transaction fee = FeeTransaction.build(
            3000,
            DevKeys.ACCOUNT_3.address(),
            java.util.Map.of(TOKEN, BigInteger.TWO, Address.ETH, BigInteger.TEN))
        .orElseThrow();
    assertThat(fee.outputs()).extracting(Output::token).containsExactly(Address.ETH, TOKEN);
    assertThat(fee.metadata().toHex()).endsWith("0bb8");
    SignedTransaction stx = FeeTransaction.signedForm(fee, DOMAIN);
    assertThat(TransactionDecoder.decodeSigned(stx.encode()).orElseThrow().tx()).isEqualTo(fee);
    assertThat(FeeTransaction.build(3000, DevKeys.ACCOUNT_3.address(), java.util.Map.of()))
        .isEmpty();
  }

  private static void assertRejected(byte[] bytes, TxRejection expected) {
    TxResult<SignedTransaction> r = TransactionDecoder.decodeSigned(bytes);
    assertThat(r.rejection()).as(r.detail()).isEqualTo(expected);
    assertThat(r.detail()).isNotBlank();
  }

  static byte[] tx(byte[] type, byte[] inputs, byte[] outputs, byte[] metadata) {
    return Rlp.encodeList(type, inputs, outputs, metadata);
  }

  static byte[] inputs(long... positions) {
    List<byte[]> items = new ArrayList<>();
    for (long p : positions) {
      items.add(Rlp.encodeUint(p));
    }
    return Rlp.encodeList(items);
  }

  static byte[] outputs(byte[]... outputs) {
    return Rlp.encodeList(outputs);
  }

  static byte[] output(long type, byte[] owner, long amount) {
    return output(type, owner, BigInteger.valueOf(amount));
  }

  static byte[] output(long type, byte[] owner, BigInteger amount) {
    return Rlp.encodeList(
        Rlp.encodeUint(type),
        Rlp.encodeBytes(owner),
        Rlp.encodeBytes(new byte[20]),
        Rlp.encodeUint(amount));
  }

  static byte[] meta() {
    return Rlp.encodeBytes(new byte[32]);
  }

  static byte[] domain() {
    return Rlp.encodeList(
        Rlp.encodeUint(DOMAIN.chainId()),
        Rlp.encodeBytes(DOMAIN.verifyingContract().value()));
  }

  static byte[] signed(byte[] tx) {
    return Rlp.encodeList(tx, Rlp.encodeList(Rlp.encodeBytes(SIG)), domain());
  }
}
