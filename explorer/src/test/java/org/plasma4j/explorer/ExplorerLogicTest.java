package org.plasma4j.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.explorer.Health.StandingEvent;
import org.plasma4j.rootchain.TokenUnits;

/** The explorer's pure judgements: health, exit status, search, amounts and calldata. */
class ExplorerLogicTest {

  @Test
  void healthIsFaultedOnAProvenInvalidBlockOrAPaidTheftUnsafeOnAlarmsOkOnAdvice() {
    assertThat(Health.judge(List.of()).state()).isEqualTo(Health.State.OK);
    assertThat(Health.judge(List.of(
                new StandingEvent("piggyback_available", null),
                new StandingEvent("fee_policy", null)))
            .state())
        .isEqualTo(Health.State.OK);
    Health unsafe = Health.judge(List.of(
        new StandingEvent("block_withholding", null),
        new StandingEvent("invalid_block", "mismatched_root")));
    assertThat(unsafe.state()).isEqualTo(Health.State.UNSAFE);
    assertThat(unsafe.reasons())
        .containsExactly("block_withholding", "invalid_block (mismatched_root)");
    assertThat(Health.judge(List.of(new StandingEvent("invalid_exit", null))).state())
        .isEqualTo(Health.State.UNSAFE);
    Health faulted = Health.judge(List.of(
        new StandingEvent("invalid_exit", null),
        new StandingEvent("invalid_block", "invalid_tx:SPENT_INPUT")));
    assertThat(faulted.state()).isEqualTo(Health.State.FAULTED);
    assertThat(faulted.reasons()).containsExactly("invalid_block (invalid_tx:SPENT_INPUT)");
    assertThat(
            Health.judge(List.of(new StandingEvent("unchallenged_exit", null))).state())
        .isEqualTo(Health.State.FAULTED);
  }

  @Test
  void exitStatusFollowsTheFrameworkStateAndTheRootChainClock() {
    assertThat(ExitStatus.of(1, 1000, 999)).isEqualTo(ExitStatus.STARTED);
    assertThat(ExitStatus.secondsToMaturity(ExitStatus.STARTED, 1000, 940)).isEqualTo(60);
    assertThat(ExitStatus.of(1, 1000, 1000)).isEqualTo(ExitStatus.PROCESSABLE);
    assertThat(ExitStatus.secondsToMaturity(ExitStatus.PROCESSABLE, 1000, 1200)).isZero();
    assertThat(ExitStatus.of(2, 1000, 0)).isEqualTo(ExitStatus.CHALLENGED);
    assertThat(ExitStatus.of(3, 1000, 0)).isEqualTo(ExitStatus.PROCESSED);
  }

  @Test
  void searchTellsHashesAddressesBlocksPositionsAndSlotsApart() {
    String hash = "0x" + "Ab".repeat(32);
    assertThat(SearchQuery.parse(hash)).isEqualTo(new SearchQuery.TxHash(hash.toLowerCase()));
    assertThat(SearchQuery.parse("ab".repeat(32))).isInstanceOf(SearchQuery.TxHash.class);
    assertThat(SearchQuery.parse(" 0x90F79bf6EB2c4f870365E785982E1f101E93b906 "))
        .isEqualTo(new SearchQuery.AddressQuery("0x90f79bf6eb2c4f870365e785982e1f101e93b906"));
    assertThat(SearchQuery.parse("2000")).isEqualTo(new SearchQuery.BlockNumber(2000));
    assertThat(SearchQuery.parse("2000000011")).isEqualTo(new SearchQuery.Position(2000000011L));
    // a number that names no output (tx index 99,900) is a block number
    assertThat(SearchQuery.parse("9999000")).isEqualTo(new SearchQuery.BlockNumber(9999000));
    assertThat(SearchQuery.parse("slot:42")).isEqualTo(new SearchQuery.CoinSlot("42"));
    assertThat(SearchQuery.parse("coin 7")).isEqualTo(new SearchQuery.CoinSlot("7"));
    assertThat(SearchQuery.parse("hello")).isEqualTo(new SearchQuery.Unrecognised("hello"));
  }

  @Test
  void amountsAreWholeUnitsOfTheTokensDecimals() {
    assertThat(WalletViews.baseUnits("1.5", TokenUnits.ETH))
        .isEqualTo(new BigInteger("1500000000000000000"));
    TokenUnits sixDecimals =
        new TokenUnits(Address.fromHex("0x" + "11".repeat(20)), java.util.Optional.of("USDC"), 6);
    assertThat(WalletViews.baseUnits("0.000001", sixDecimals)).isEqualTo(BigInteger.ONE);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WalletViews.baseUnits("0.0000001", sixDecimals))
        .isInstanceOf(ApiError.BadRequest.class)
        .hasMessageContaining("more than 6 decimals");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WalletViews.baseUnits("-1", TokenUnits.ETH))
        .isInstanceOf(ApiError.BadRequest.class);
  }

  @Test
  void signaturesWithVZeroOrOneAreTakenAsTwentySevenOrTwentyEight() {
    String r = "11".repeat(32);
    String s = "22".repeat(32);
    assertThat(WalletViews.normalised("0x" + r + s + "00").v()).isEqualTo(27);
    assertThat(WalletViews.normalised("0x" + r + s + "1c").v()).isEqualTo(28);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WalletViews.normalised("0x1234"))
        .isInstanceOf(ApiError.BadRequest.class)
        .hasMessageContaining("2 bytes, not 65");
  }

  @Test
  void rootChainCallsCarryTheFrameworksSelectorsAndTheBond() {
    Address framework = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    L1Call deposit = L1Call.depositEth(framework, BigInteger.TEN);
    // keccak256("depositEth()")[0..4]
    assertThat(deposit.data()).isEqualTo("0x439370b1");
    assertThat(deposit.valueHex()).isEqualTo("0xa");
    L1Call exit = L1Call.startStandardExit(
        framework, 1_000_000, new byte[] {1}, new byte[] {2}, 5, BigInteger.valueOf(1234));
    assertThat(exit.data()).startsWith(selector("startStandardExit(uint256,bytes,bytes,uint256)"));
    assertThat(exit.value()).isEqualTo(BigInteger.valueOf(1234));
    assertThat(L1Call.processExits(framework, Address.ETH, 20).data())
        .startsWith(selector("processExits(address,uint256)"));
  }

  private static String selector(String signature) {
    byte[] h = org.plasma4j.core.crypto.Keccak256.hash(
        signature.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return org.plasma4j.core.types.Hex.encode(java.util.Arrays.copyOf(h, 4));
  }
}
