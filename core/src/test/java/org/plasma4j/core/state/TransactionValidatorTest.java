package org.plasma4j.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.core.testing.Fixtures.DOMAIN;
import static org.plasma4j.core.testing.Fixtures.ETH;
import static org.plasma4j.core.testing.Fixtures.FRAMEWORK;
import static org.plasma4j.core.testing.Fixtures.TOKEN;
import static org.plasma4j.core.testing.Fixtures.TOKEN_2;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.testing.BadSignatures;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.InMemoryUtxoView;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

class TransactionValidatorTest {
  private static final OutputPosition A = OutputPosition.of(1000, 0, 0);
  private static final OutputPosition B = OutputPosition.of(1, 0, 0);
  private static final OutputPosition C = OutputPosition.of(2000, 3, 1);
  private static final FeeSchedule FEES =
      new FeeSchedule(Map.of(ETH, BigInteger.TEN, TOKEN, BigInteger.ONE));

  private final InMemoryUtxoView utxos = new InMemoryUtxoView()
      .unspent(A, Output.of(DevKeys.ACCOUNT_0.address(), ETH, 100))
      .unspent(B, Output.of(DevKeys.ACCOUNT_1.address(), TOKEN, 50))
      .spent(C, Output.of(DevKeys.ACCOUNT_0.address(), ETH, 5))
      .exiting(OutputPosition.of(3000, 0, 0), Output.of(DevKeys.ACCOUNT_0.address(), ETH, 5))
      .unspent(OutputPosition.of(4000, 0, 0), Output.of(DevKeys.ACCOUNT_0.address(), TOKEN_2, 5));

  private ValidationResult validate(SignedTransaction stx) {
    TxResult<List<Address>> signers = SignatureCheck.recoverSigners(stx);
    assertThat(signers.isOk()).as(signers.detail()).isTrue();
    return TransactionValidator.validate(stx, signers.value(), utxos, FEES, DOMAIN);
  }

  private void assertRejected(SignedTransaction stx, TxRejection expected) {
    ValidationResult r = validate(stx);
    assertThat(r.rejection()).as(r.detail()).isEqualTo(expected);
  }

  @Test
  void acceptsABalancedPaymentWithTheExactFee() {
    ValidationResult r = validate(TxBuilder.payment()
        .input(A, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_2, ETH, 60)
        .output(DevKeys.ACCOUNT_0, ETH, 30)
        .sign());
    assertThat(r.isValid()).isTrue();
    assertThat(r.feeToken()).isEqualTo(ETH);
    assertThat(r.fee()).isEqualTo(BigInteger.TEN);
  }

  @Test
  void acceptsTwoOwnersTwoTokensFeeInToken() {
    ValidationResult r = validate(TxBuilder.payment()
        .input(A, DevKeys.ACCOUNT_0)
        .input(B, DevKeys.ACCOUNT_1)
        .output(DevKeys.ACCOUNT_1, ETH, 100)
        .output(DevKeys.ACCOUNT_0, TOKEN, 49)
        .sign());
    assertThat(r.isValid()).as(r.detail()).isTrue();
    assertThat(r.feeToken()).isEqualTo(TOKEN);
    assertThat(r.fee()).isEqualTo(BigInteger.ONE);
  }

  @Test
  void notAPayment() {
    SignedTransaction deposit = SignedTransaction.of(
        Transaction.payment(List.of(), List.of(Output.of(DevKeys.ACCOUNT_0.address(), ETH, 1))),
        List.of(),
        DOMAIN);
    assertThat(TransactionValidator.validate(deposit, List.of(), utxos, FEES, DOMAIN)
            .rejection())
        .isEqualTo(TxRejection.NOT_A_PAYMENT);
    SignedTransaction fee = SignedTransaction.of(
        new Transaction(
            Transaction.TYPE_FEE,
            List.of(),
            List.of(Output.of(DevKeys.ACCOUNT_0.address(), ETH, 1)),
            org.plasma4j.core.types.Bytes32.ZERO),
        List.of(),
        DOMAIN);
    assertThat(
            TransactionValidator.validate(fee, List.of(), utxos, FEES, DOMAIN).rejection())
        .isEqualTo(TxRejection.NOT_A_PAYMENT);
  }

  @Test
  void wrongDomain() {
    assertRejected(
        TxBuilder.payment()
            .input(A, DevKeys.ACCOUNT_0)
            .output(DevKeys.ACCOUNT_2, ETH, 90)
            .sign(new Domain(1, FRAMEWORK)),
        TxRejection.WRONG_CHAIN_ID);
    assertRejected(
        TxBuilder.payment()
            .input(A, DevKeys.ACCOUNT_0)
            .output(DevKeys.ACCOUNT_2, ETH, 90)
            .sign(new Domain(DOMAIN.chainId(), TOKEN)),
        TxRejection.WRONG_VERIFYING_CONTRACT);
  }

  @Test
  void signatureCountAndSignatureForms() {
    SignedTransaction good = TxBuilder.payment()
        .input(A, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_2, ETH, 90)
        .sign();
    SignedTransaction none = SignedTransaction.of(good.tx(), List.of(), DOMAIN);
    assertThat(SignatureCheck.recoverSigners(none).rejection())
        .isEqualTo(TxRejection.WRONG_SIGNATURE_COUNT);
    assertThat(
            TransactionValidator.validate(none, List.of(), utxos, FEES, DOMAIN).rejection())
        .isEqualTo(TxRejection.WRONG_SIGNATURE_COUNT);
    Signature high = BadSignatures.malleate(good.signatures().get(0));
    assertThat(SignatureCheck.recoverSigners(SignedTransaction.of(good.tx(), List.of(high), DOMAIN))
            .rejection())
        .isEqualTo(TxRejection.MALLEABLE_SIGNATURE);
    assertThat(SignatureCheck.recoverSigners(
                SignedTransaction.of(good.tx(), List.of(BadSignatures.unrecoverable()), DOMAIN))
            .rejection())
        .isEqualTo(TxRejection.INVALID_SIGNATURE);
  }

  @Test
  void signaturesRecoveredAheadGiveTheSameVerdictAsRecoveringInPlace() {
    SignedTransaction good = TxBuilder.payment()
        .input(A, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_2, ETH, 90)
        .sign();
    Signature sig = good.signatures().get(0);
    List<SignedTransaction> forms = List.of(
        good,
        SignedTransaction.of(good.tx(), List.of(), DOMAIN),
        SignedTransaction.of(good.tx(), List.of(sig, sig), DOMAIN),
        SignedTransaction.of(good.tx(), List.of(BadSignatures.malleate(sig)), DOMAIN),
        SignedTransaction.of(good.tx(), List.of(BadSignatures.unrecoverable()), DOMAIN));
    for (SignedTransaction stx : forms) {
      var ahead = SignatureCheck.signers(stx, SignatureCheck.recoverEach(stx));
      var inPlace = SignatureCheck.recoverSigners(stx);
      assertThat(ahead.isOk()).isEqualTo(inPlace.isOk());
      if (inPlace.isOk()) {
        assertThat(ahead.value()).isEqualTo(inPlace.value());
      } else {
        assertThat(ahead.rejection()).isEqualTo(inPlace.rejection());
      }
    }
    assertThat(SignatureCheck.recoverEach(good))
        .containsExactly(java.util.Optional.of(DevKeys.ACCOUNT_0.address()));
    // a signature past the inputs is never used, so it is not recovered
    assertThat(SignatureCheck.recoverEach(forms.get(2))).hasSize(1);
  }

  @Test
  void unauthorizedSpend() {
    assertRejected(
        TxBuilder.payment()
            .input(A, DevKeys.ACCOUNT_1)
            .output(DevKeys.ACCOUNT_2, ETH, 90)
            .sign(),
        TxRejection.UNAUTHORIZED_SPEND);
  }

  @Test
  void inputStates() {
    assertRejected(
        TxBuilder.payment()
            .input(OutputPosition.of(9000, 0, 0), DevKeys.ACCOUNT_0)
            .output(DevKeys.ACCOUNT_2, ETH, 1)
            .sign(),
        TxRejection.UNKNOWN_INPUT);
    assertRejected(
        TxBuilder.payment()
            .input(C, DevKeys.ACCOUNT_0)
            .output(DevKeys.ACCOUNT_2, ETH, 1)
            .sign(),
        TxRejection.SPENT_INPUT);
    assertRejected(
        TxBuilder.payment()
            .input(OutputPosition.of(3000, 0, 0), DevKeys.ACCOUNT_0)
            .output(DevKeys.ACCOUNT_2, ETH, 1)
            .sign(),
        TxRejection.EXITING_INPUT);
    assertRejected(
        TxBuilder.payment()
            .input(A, DevKeys.ACCOUNT_0)
            .input(A, DevKeys.ACCOUNT_0)
            .output(DevKeys.ACCOUNT_2, ETH, 1)
            .sign(),
        TxRejection.DUPLICATE_INPUTS);
  }

  @Test
  void amountsAndFees() {
    assertRejected(
        TxBuilder.payment()
            .input(A, DevKeys.ACCOUNT_0)
            .output(DevKeys.ACCOUNT_2, ETH, 101)
            .sign(),
        TxRejection.AMOUNTS_DO_NOT_BALANCE);
    assertRejected(
        TxBuilder.payment()
            .input(A, DevKeys.ACCOUNT_0)
            .output(DevKeys.ACCOUNT_2, TOKEN, 1)
            .sign(),
        TxRejection.AMOUNTS_DO_NOT_BALANCE);
    assertRejected(
        TxBuilder.payment()
            .input(A, DevKeys.ACCOUNT_0)
            .output(DevKeys.ACCOUNT_2, ETH, 100)
            .sign(),
        TxRejection.FEE_NOT_COVERED);
    assertRejected(
        TxBuilder.payment()
            .input(A, DevKeys.ACCOUNT_0)
            .output(DevKeys.ACCOUNT_2, ETH, 91)
            .sign(),
        TxRejection.FEE_NOT_COVERED);
    assertRejected(
        TxBuilder.payment()
            .input(A, DevKeys.ACCOUNT_0)
            .output(DevKeys.ACCOUNT_2, ETH, 89)
            .sign(),
        TxRejection.FEE_OVERPAID);
    assertRejected(
        TxBuilder.payment()
            .input(OutputPosition.of(4000, 0, 0), DevKeys.ACCOUNT_0)
            .output(DevKeys.ACCOUNT_2, TOKEN_2, 4)
            .sign(),
        TxRejection.UNSUPPORTED_FEE_TOKEN);
    assertRejected(
        TxBuilder.payment()
            .input(A, DevKeys.ACCOUNT_0)
            .input(B, DevKeys.ACCOUNT_1)
            .output(DevKeys.ACCOUNT_1, ETH, 90)
            .output(DevKeys.ACCOUNT_0, TOKEN, 49)
            .sign(),
        TxRejection.UNSUPPORTED_FEE_TOKEN);
  }

  @Test
  void utxoChangesNameNewPositions() {
    Transaction tx = TxBuilder.payment()
        .input(A, DevKeys.ACCOUNT_0)
        .output(DevKeys.ACCOUNT_2, ETH, 60)
        .output(DevKeys.ACCOUNT_0, ETH, 30)
        .build();
    UtxoChanges changes = UtxoChanges.of(tx, 5000, 7);
    assertThat(changes.spent()).containsExactly(A);
    assertThat(changes.created())
        .containsOnlyKeys(OutputPosition.of(5000, 7, 0), OutputPosition.of(5000, 7, 1));
    assertThat(changes.created().get(OutputPosition.of(5000, 7, 1)).amount())
        .isEqualTo(BigInteger.valueOf(30));
  }
}
