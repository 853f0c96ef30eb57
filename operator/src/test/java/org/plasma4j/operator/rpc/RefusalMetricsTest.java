package org.plasma4j.operator.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.RpcHttp.call;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.DOMAIN;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.node.rpc.Hex;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.operator.testing.FakeCashGame;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.RpcHttp;
import org.plasma4j.operator.testing.TestChain;

/**
 * Every refusal is counted under its reason, whatever refused it: the coin intake's (accepted
 * transfers too) and the hex decoding in front of both intakes, per method and per batch entry.
 */
class RefusalMetricsTest {

  private NodeHarness h;
  private RpcHttp rpc;
  private long coin;

  @BeforeEach
  void start() {
    InMemoryRootChain chain = TestChain.rootChain(0);
    FakeCashGame game = new FakeCashGame(chain);
    h = NodeHarness.start(
        chain, new InMemoryStore(), NodeHarness.config(Path.of("unused"), 100, 0), b -> b);
    coin = game.depositEth(ALICE.address(), 1000);
    h.node.pollRootChain();
    rpc = new RpcHttp(h);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private JsonNode error(String body) throws Exception {
    return rpc.post(body).path("error");
  }

  @Test
  void coinTransfersAndUndecodableHexAreCountedByReason() throws Exception {
    SignedCoinTransfer ok =
        SignedCoinTransfer.sign(new CoinTransfer(coin, 0, BOB.address()), ALICE, DOMAIN);
    assertThat(rpc.post(call("plasma_sendCoinTransfer", "[\"" + Hex.encode(ok.encode()) + "\"]"))
            .path("result")
            .path("txHash")
            .asText())
        .isEqualTo(ok.transfer().hash().toHex());
    byte[] truncated = Arrays.copyOf(ok.encode(), 100);
    assertThat(error(call("plasma_sendCoinTransfer", "[\"" + Hex.encode(truncated) + "\"]"))
            .path("code")
            .asInt())
        .isEqualTo(RpcError.MALFORMED_COIN_TRANSFER.code());
    SignedCoinTransfer unknown =
        SignedCoinTransfer.sign(new CoinTransfer(77, 0, BOB.address()), ALICE, DOMAIN);
    assertThat(error(call("plasma_sendCoinTransfer", "[\"" + Hex.encode(unknown.encode()) + "\"]"))
            .path("code")
            .asInt())
        .isEqualTo(RpcError.UNKNOWN_COIN.code());
    // not hex: one coin transfer, one payment, and two of a batch of three
    assertThat(error(call("plasma_sendCoinTransfer", "[\"0xzz\"]")).path("code").asInt())
        .isEqualTo(RpcError.INVALID_PARAMS.code());
    assertThat(error(call("plasma_sendTransaction", "[\"0x123\"]")).path("code").asInt())
        .isEqualTo(RpcError.INVALID_PARAMS.code());
    JsonNode batch =
        rpc.post(call("plasma_sendTransactions", "[[\"0xzz\", \"0x00\", \"nothex\"]]"));
    assertThat(batch.toString()).contains(Integer.toString(RpcError.INVALID_PARAMS.code()));

    String scraped = h.node.metrics().registry().scrapeText();
    assertThat(scraped)
        .contains("plasma_operator_coin_transactions_accepted_total 1.0")
        .contains(
            "plasma_operator_transactions_rejected_total{reason=\"MALFORMED_COIN_TRANSFER\"} 1.0")
        .contains("plasma_operator_transactions_rejected_total{reason=\"UNKNOWN_COIN\"} 1.0")
        .contains("plasma_operator_transactions_rejected_total{reason=\"INVALID_PARAMS\"} 4.0")
        // the batch's one decodable entry is refused by the payment intake under its own reason
        .contains(
            "plasma_operator_transactions_rejected_total{reason=\"MALFORMED_TRANSACTION\"} 1.0")
        .contains("plasma_operator_transactions_accepted_total 0.0");
  }
}
