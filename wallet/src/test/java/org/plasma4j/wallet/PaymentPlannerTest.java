package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.wallet.TestKeys.ALICE;
import static org.plasma4j.wallet.TestKeys.BOB;
import static org.plasma4j.wallet.TestKeys.TOKEN;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

class PaymentPlannerTest {

  private static final Address ETH = Address.ETH;
  private static final Map<Address, BigInteger> ETH_FEE = Map.of(ETH, big(10));

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  private static Utxo utxo(long blkNum, Address owner, Address token, long amount) {
    return Utxo.of(OutputPosition.of(blkNum, 0, 0), owner, token, big(amount));
  }

  @Test
  void paysFromTheSmallestSingleOutputThatCoversAmountAndFee() {
    List<Utxo> utxos =
        List.of(utxo(1, ALICE, ETH, 500), utxo(2, ALICE, ETH, 120), utxo(3, ALICE, ETH, 109));
    PaymentPlanner.Plan plan = PaymentPlanner.plan(ALICE, utxos, BOB, ETH, big(100), ETH_FEE);

    assertThat(plan.inputs()).extracting(Utxo::blkNum).containsExactly(2L);
    assertThat(plan.tx().inputs()).containsExactly(OutputPosition.of(2, 0, 0));
    assertThat(plan.tx().outputs())
        .containsExactly(new Output(BOB, ETH, big(100)), new Output(ALICE, ETH, big(10)));
    assertThat(plan.fee()).isEqualTo(big(10));
    assertThat(plan.feeToken()).isEqualTo(ETH);
    assertThat(plan.tx().txType()).isEqualTo(1);
  }

  @Test
  void exactAmountPlusFeeLeavesNoChangeOutput() {
    PaymentPlanner.Plan plan =
        PaymentPlanner.plan(ALICE, List.of(utxo(1, ALICE, ETH, 110)), BOB, ETH, big(100), ETH_FEE);
    assertThat(plan.tx().outputs()).containsExactly(new Output(BOB, ETH, big(100)));
  }

  @Test
  void combinesLargestOutputsFirstWhenNoSingleOneSuffices() {
    List<Utxo> utxos = List.of(
        utxo(1, ALICE, ETH, 30),
        utxo(2, ALICE, ETH, 50),
        utxo(3, ALICE, ETH, 40),
        utxo(4, ALICE, ETH, 5));
    PaymentPlanner.Plan plan = PaymentPlanner.plan(ALICE, utxos, BOB, ETH, big(100), ETH_FEE);
    // 50 + 40 + 30 = 120 >= 110
    assertThat(plan.inputs()).extracting(Utxo::blkNum).containsExactly(2L, 3L, 1L);
    assertThat(plan.tx().outputs())
        .containsExactly(new Output(BOB, ETH, big(100)), new Output(ALICE, ETH, big(10)));
  }

  @Test
  void paysTheFeeWithAnEthInputWhenTheTokenIsNotAFeeToken() {
    List<Utxo> utxos =
        List.of(utxo(1, ALICE, TOKEN, 1000), utxo(2, ALICE, ETH, 25), utxo(3, ALICE, ETH, 11));
    PaymentPlanner.Plan plan = PaymentPlanner.plan(ALICE, utxos, BOB, TOKEN, big(400), ETH_FEE);

    assertThat(plan.inputs()).extracting(Utxo::blkNum).containsExactly(1L, 3L);
    assertThat(plan.tx().outputs())
        .containsExactly(
            new Output(BOB, TOKEN, big(400)),
            new Output(ALICE, TOKEN, big(600)),
            new Output(ALICE, ETH, big(1)));
    assertThat(plan.feeToken()).isEqualTo(ETH);
  }

  @Test
  void paysTheFeeInTheSentTokenWhenTheScheduleAcceptsIt() {
    Map<Address, BigInteger> fees = Map.of(ETH, big(10), TOKEN, big(3));
    List<Utxo> utxos = List.of(utxo(1, ALICE, TOKEN, 1000), utxo(2, ALICE, ETH, 25));
    PaymentPlanner.Plan plan = PaymentPlanner.plan(ALICE, utxos, BOB, TOKEN, big(400), fees);
    assertThat(plan.inputs()).extracting(Utxo::blkNum).containsExactly(1L);
    assertThat(plan.tx().outputs())
        .containsExactly(new Output(BOB, TOKEN, big(400)), new Output(ALICE, TOKEN, big(597)));
    assertThat(plan.fee()).isEqualTo(big(3));
  }

  @Test
  void insufficientFundsNamesWhatIsNeededAndWhatIsThere() {
    List<Utxo> utxos = List.of(utxo(1, ALICE, ETH, 60), utxo(2, ALICE, ETH, 45));
    assertThatThrownBy(() -> PaymentPlanner.plan(ALICE, utxos, BOB, ETH, big(100), ETH_FEE))
        .isInstanceOfSatisfying(WalletException.InsufficientFunds.class, e -> {
          assertThat(e.needed()).isEqualTo(big(110));
          assertThat(e.available()).isEqualTo(big(105));
        })
        .hasMessage("insufficient funds in ETH: need 110 wei, have 105 wei");
  }

  @Test
  void ignoresOtherOwnersOutputs() {
    List<Utxo> utxos = List.of(utxo(1, BOB, ETH, 1000), utxo(2, ALICE, ETH, 50));
    assertThatThrownBy(() -> PaymentPlanner.plan(ALICE, utxos, BOB, ETH, big(100), ETH_FEE))
        .isInstanceOf(WalletException.InsufficientFunds.class)
        .hasMessageContaining("have 50 wei");
  }

  @Test
  void refusesWhenMoreThanFourInputsWouldBeNeeded() {
    List<Utxo> utxos = List.of(
        utxo(1, ALICE, ETH, 30),
        utxo(2, ALICE, ETH, 30),
        utxo(3, ALICE, ETH, 30),
        utxo(4, ALICE, ETH, 30),
        utxo(5, ALICE, ETH, 30));
    assertThatThrownBy(() -> PaymentPlanner.plan(ALICE, utxos, BOB, ETH, big(125), ETH_FEE))
        .isInstanceOf(WalletException.InsufficientFunds.class)
        .hasMessageContaining("the largest 4 fall short")
        .hasMessageContaining("have 120 wei");
  }

  @Test
  void aTokenPaymentWithoutAnyFeeTokenOutputFailsOnTheFee() {
    List<Utxo> utxos = List.of(utxo(1, ALICE, TOKEN, 1000));
    assertThatThrownBy(() -> PaymentPlanner.plan(ALICE, utxos, BOB, TOKEN, big(1), ETH_FEE))
        .isInstanceOf(WalletException.InsufficientFunds.class)
        .hasMessage("insufficient funds in ETH: need 10 wei, have 0 wei (to pay the fee)");
  }

  @Test
  void rejectsNonPositiveAmountsAndTheZeroRecipient() {
    List<Utxo> utxos = List.of(utxo(1, ALICE, ETH, 1000));
    assertThatThrownBy(() -> PaymentPlanner.plan(ALICE, utxos, BOB, ETH, big(0), ETH_FEE))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessage("amount must be positive, got 0");
    assertThatThrownBy(() -> PaymentPlanner.plan(ALICE, utxos, Address.ZERO, ETH, big(1), ETH_FEE))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessage("cannot pay the zero address");
  }
}
