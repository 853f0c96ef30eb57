package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Token errors a failed deposit reports read as sentences; the framework's keep their name and
 * arguments.
 */
class RevertReasonsTest {

  private static String word(long v) {
    return String.format("%064x", v);
  }

  @Test
  void openZeppelinsInsufficientBalanceReadsAsASentence() {
    String sender = "00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8";
    String node = "execution reverted: custom error 0xe450d38c: " + sender + word(5) + word(10);
    assertThat(RevertReasons.explain(node))
        .isEqualTo("ERC20InsufficientBalance: the token balance of"
            + " 0x70997970c51812dc3a010c7d01b50e0d17dc79c8 is 5, less than the 10 asked for");
  }

  @Test
  void insufficientAllowanceSaysToApproveMore() {
    String spender = "000000000000000000000000" + "ab".repeat(20);
    assertThat(RevertReasons.explain("custom error 0xfb8f41b2: " + spender + word(0) + word(7)))
        .isEqualTo(
            "ERC20InsufficientAllowance: 0x" + "ab".repeat(20)
                + " may spend only 0 of the owner's tokens, less than the 7 asked for (approve more first)");
  }

  @Test
  void anErc721ErrorNamesTheToken() {
    assertThat(RevertReasons.explain("custom error 0x7e273289: " + word(42)))
        .isEqualTo("ERC721NonexistentToken: token #42 does not exist");
  }

  @Test
  void revertDataWithAStringReasonIsDecoded() {
    String data = "0x08c379a0" + word(32) + word(4)
        + "6e6f706500000000000000000000000000000000000000000000000000000000";
    assertThat(RevertReasons.explainData(data)).contains("Error: nope");
  }

  @Test
  void aTimeArgumentReadsAsADate() {
    String selector = org.web3j.utils.Numeric.toHexString(org.web3j.crypto.Hash.sha3(
            "ClaimNotMature(uint64)".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .substring(0, 10);
    assertThat(RevertReasons.explain("custom error " + selector + ": " + word(1_796_467_745L)))
        .isEqualTo("ClaimNotMature(exitableAt 2026-12-05 10:49:05 UTC = 1796467745)");
  }

  @Test
  void unknownSelectorsAreLeftAsTheNodeSaidThem() {
    assertThat(RevertReasons.explain("custom error 0xdeadbeef: 00"))
        .isEqualTo("custom error 0xdeadbeef: 00");
  }
}
