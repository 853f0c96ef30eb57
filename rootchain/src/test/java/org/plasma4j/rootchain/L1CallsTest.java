package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.web3j.protocol.exceptions.TransactionException;

/** What a root-chain call that did not end in a receipt is reported as. */
class L1CallsTest {

  private static final String HASH = "0x" + "ab".repeat(32);

  @Test
  void aTransactionWhoseReceiptDidNotComeInTimeHasAnUnknownOutcomeNotARevert() {
    assertThatThrownBy(() -> new L1Calls().send("depositEth", () -> {
          throw new TransactionException(
              "Transaction receipt was not generated after 60 seconds for transaction: " + HASH,
              HASH);
        }))
        .isInstanceOf(Web3jRootChain.RootChainException.class)
        .hasMessage("depositEth was sent as " + HASH
            + " but its receipt did not come in time: the outcome is unknown"
            + " (look it up with 'wallet status' before sending it again)")
        .hasMessageNotContaining("reverted");
  }
}
