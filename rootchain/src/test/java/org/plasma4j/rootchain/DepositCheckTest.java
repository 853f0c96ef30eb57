package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.DepositCheck.Reason;
import org.plasma4j.rootchain.DepositCheck.TokenFacts;

class DepositCheckTest {

  private static final Address TOKEN = Address.fromHex("0x" + "11".repeat(20));
  private static final Address ME = Address.fromHex("0x" + "22".repeat(20));
  private static final TokenUnits DEV = new TokenUnits(TOKEN, Optional.of("DEV"), 18);
  private static final BigInteger ONE = BigInteger.TEN.pow(18);

  private static Reason erc20(BigInteger amount, TokenFacts facts) {
    return DepositCheck.erc20(DEV, ME, amount, facts).orElseThrow().reason();
  }

  @Test
  void anErc20DepositNeedsCodeAnErc20AndTheBalance() {
    assertThat(erc20(ONE, new TokenFacts(false, false, Optional.empty(), Optional.empty())))
        .isEqualTo(Reason.NO_CONTRACT);
    assertThat(erc20(ONE, new TokenFacts(true, true, Optional.of(ONE), Optional.empty())))
        .isEqualTo(Reason.NOT_ERC20);
    assertThat(erc20(ONE, new TokenFacts(true, false, Optional.empty(), Optional.empty())))
        .isEqualTo(Reason.NOT_ERC20);
    assertThat(erc20(
            ONE.add(BigInteger.ONE),
            new TokenFacts(true, false, Optional.of(ONE), Optional.empty())))
        .isEqualTo(Reason.INSUFFICIENT_BALANCE);
    assertThat(erc20(
            DepositCheck.MAX_AMOUNT.add(BigInteger.ONE),
            new TokenFacts(true, false, Optional.empty(), Optional.empty())))
        .isEqualTo(Reason.AMOUNT_TOO_LARGE);
    assertThat(DepositCheck.erc20(
            DEV, ME, ONE, new TokenFacts(true, false, Optional.of(ONE), Optional.empty())))
        .isEmpty();
  }

  @Test
  void theShortfallIsSaidInTheTokensUnits() {
    String message = DepositCheck.erc20(
            DEV,
            ME,
            ONE.multiply(BigInteger.TWO),
            new TokenFacts(true, false, Optional.of(ONE.divide(BigInteger.TWO)), Optional.empty()))
        .orElseThrow()
        .getMessage();
    assertThat(message).isEqualTo(ME + " holds 0.5 DEV, less than the 2 DEV to deposit");
  }

  @Test
  void anErc721DepositNeedsAnErc721ThatTheDepositorOwns() {
    BigInteger id = BigInteger.valueOf(7);
    assertThat(DepositCheck.erc721(
                TOKEN, ME, id, new TokenFacts(true, false, Optional.of(ONE), Optional.empty()))
            .orElseThrow()
            .reason())
        .isEqualTo(Reason.NOT_ERC721);
    assertThat(DepositCheck.erc721(
                TOKEN, ME, id, new TokenFacts(true, true, Optional.of(ONE), Optional.of(TOKEN)))
            .orElseThrow()
            .reason())
        .isEqualTo(Reason.NOT_TOKEN_OWNER);
    assertThat(DepositCheck.erc721(
            TOKEN, ME, id, new TokenFacts(true, true, Optional.of(ONE), Optional.of(ME))))
        .isEmpty();
  }

  @Test
  void anEthDepositNeedsTheBalance() {
    assertThat(DepositCheck.eth(ME, ONE, ONE.subtract(BigInteger.ONE))
            .orElseThrow()
            .reason())
        .isEqualTo(Reason.INSUFFICIENT_BALANCE);
    assertThat(DepositCheck.eth(ME, ONE, ONE)).isEmpty();
  }
}
