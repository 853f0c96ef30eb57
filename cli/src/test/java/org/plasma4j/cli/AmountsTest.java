package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.plasma4j.wallet.WalletException;

class AmountsTest {

  @Test
  void plainNumbersAreEtherUnits() {
    assertThat(Amounts.parse("1")).isEqualTo(new BigInteger("1000000000000000000"));
    assertThat(Amounts.parse("1.5")).isEqualTo(new BigInteger("1500000000000000000"));
    assertThat(Amounts.parse("0.000000000000000001")).isEqualTo(BigInteger.ONE);
    assertThat(Amounts.parse(".25 eth")).isEqualTo(new BigInteger("250000000000000000"));
    assertThat(Amounts.parse("2ether")).isEqualTo(new BigInteger("2000000000000000000"));
  }

  @Test
  void suffixesSelectSmallerUnits() {
    assertThat(Amounts.parse("42wei")).isEqualTo(BigInteger.valueOf(42));
    assertThat(Amounts.parse("1_000 wei")).isEqualTo(BigInteger.valueOf(1000));
    assertThat(Amounts.parse("1.5gwei")).isEqualTo(BigInteger.valueOf(1_500_000_000L));
  }

  @Test
  void rejectsZeroNegativeGarbageAndSubWei() {
    assertThatThrownBy(() -> Amounts.parse("0"))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessage("bad amount '0': must be more than zero");
    assertThatThrownBy(() -> Amounts.parse("-1"))
        .hasMessageStartingWith("bad amount '-1': expected");
    assertThatThrownBy(() -> Amounts.parse("1e18")).hasMessageStartingWith("bad amount '1e18'");
    assertThatThrownBy(() -> Amounts.parse("0.5wei"))
        .hasMessage("bad amount '0.5wei': finer than 1 base unit (the token has 18 decimals)");
  }

  @Test
  void formatsWeiAsEtherWithoutTrailingZeros() {
    assertThat(Amounts.format(new BigInteger("1500000000000000000"))).isEqualTo("1.5");
    assertThat(Amounts.format(new BigInteger("2000000000000000000"))).isEqualTo("2");
    assertThat(Amounts.format(BigInteger.ONE)).isEqualTo("0.000000000000000001");
    assertThat(Amounts.format(BigInteger.ZERO)).isEqualTo("0");
  }
}
