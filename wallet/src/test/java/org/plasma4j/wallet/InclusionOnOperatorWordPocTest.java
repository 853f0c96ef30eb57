package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.wallet.TestKeys.ALICE_KEY;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Bytes32;

/**
 * The operator is trusted for liveness only: "included in block N" ('send --wait', 'status <txhash>') must
 * not be believed for a block the root chain has no commitment for. Here the framework has committed no
 * child block yet (nextChildBlock 1000) and the operator claims block 5000.
 */
class InclusionOnOperatorWordPocTest {

  private final StubOperator operator = new StubOperator();
  private final FakeRootChain rootChain = new FakeRootChain();
  private final PlasmaWallet wallet = new PlasmaWallet(
      WalletKey.fromHex(ALICE_KEY), new OperatorClient(java.net.URI.create(operator.url())), rootChain);

  @AfterEach
  void stop() {
    operator.close();
  }

  @Test
  void aPaymentIsNotReportedIncludedInABlockTheRootChainNeverCommitted() {
    Bytes32 txHash = Bytes32.fromHex("0x" + "ab".repeat(32));
    operator.on("plasma_getTransaction",
        p -> Map.of("txHash", txHash.toHex(), "blkNum", 5000, "txIndex", 0, "status", "included"));
    rootChain.nextChildBlock = 1000; // block 5000 was never submitted

    assertThatThrownBy(() -> wallet.awaitInclusion(txHash, Duration.ofMillis(300)))
        .as("block 5000 is not on the root chain: the payment is not included, whatever the operator says")
        .isInstanceOf(WalletException.class);
  }
}
