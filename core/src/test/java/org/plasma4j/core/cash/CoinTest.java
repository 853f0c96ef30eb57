package org.plasma4j.core.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.types.Address;

class CoinTest {
  @Test
  void kindsAreTheContractsCodes() {
    assertThat(CoinKind.of(0)).isEqualTo(CoinKind.ETH);
    assertThat(CoinKind.of(1)).isEqualTo(CoinKind.ERC20);
    assertThat(CoinKind.of(2)).isEqualTo(CoinKind.ERC721);
    assertThat(CoinKind.ERC721.code()).isEqualTo(2);
    assertThatThrownBy(() -> CoinKind.of(3)).hasMessageContaining("unknown coin kind 3");
  }

  @Test
  void anEthCoinHasTheZeroTokenAndNoCoinIsNegative() {
    assertThat(new Coin(-1L, Fixtures.TOKEN, CoinKind.ERC721, BigInteger.TWO).value())
        .isEqualTo(2);
    assertThatThrownBy(() -> new Coin(1, Fixtures.TOKEN, CoinKind.ETH, BigInteger.ONE))
        .hasMessageContaining("zero token");
    assertThatThrownBy(() -> new Coin(1, Address.ZERO, CoinKind.ETH, BigInteger.valueOf(-1)))
        .hasMessageContaining("negative");
  }

  @Test
  void historyStartsAtTheChildBlockAfterTheOrigin() {
    assertThat(new CoinOrigin(2999, DevKeys.ACCOUNT_0.address()).firstChildBlock())
        .isEqualTo(3000);
    assertThat(new CoinOrigin(3000, DevKeys.ACCOUNT_0.address()).firstChildBlock())
        .isEqualTo(4000);
    assertThat(new CoinOrigin(0, DevKeys.ACCOUNT_0.address()).firstChildBlock()).isEqualTo(1000);
  }
}
