package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

class OperatorClientTest {

  private final StubOperator stub = new StubOperator();
  private final OperatorClient client = new OperatorClient(URI.create(stub.url()));

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void sendsJsonRpc2WithTheWireNameAndPositionalParams() {
    stub.on("plasma_getBlockNumber", "0x7d0");
    assertThat(client.getBlockNumber()).isEqualTo(2000);
    var request = stub.requests().get(0);
    assertThat(request.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(request.get("method").asText()).isEqualTo("plasma_getBlockNumber");
    assertThat(request.get("params").isArray()).isTrue();
    assertThat(request.get("params").size()).isZero();
  }

  @Test
  void readsChainInfo() {
    stub.on("plasma_getChainInfo", StubOperator.chainInfo(TestKeys.FRAMEWORK.toHex()));
    OperatorClient.ChainInfo info = client.getChainInfo();
    assertThat(info.chainId()).isEqualTo(31337);
    assertThat(info.framework()).isEqualTo(TestKeys.FRAMEWORK);
    assertThat(info.childBlockInterval()).isEqualTo(1000);
  }

  @Test
  void feeScheduleAmountsAreDecimalStrings() {
    stub.on("plasma_getFeeSchedule", Map.of(TestKeys.ETH, "1000000000000000000000"));
    assertThat(client.getFeeSchedule())
        .containsExactly(Map.entry(Address.ETH, new BigInteger("1000000000000000000000")));
  }

  @Test
  void anUnsubmittedBlockHasNoTimestampOrL1Hash() {
    Map<String, Object> block =
        new HashMap<>(StubOperator.block(1000, "0x" + "11".repeat(32), null, List.of("0xc0")));
    block.put("timestamp", null);
    block.put("l1TxHash", null);
    stub.on("plasma_getBlock", block);
    OperatorClient.Block b = client.getBlock(1000);
    assertThat(b.timestamp()).isZero();
    assertThat(b.l1TxHash()).isEmpty();
    assertThat(b.transactions()).hasSize(1);
    assertThat(b.root().value()[0]).isEqualTo((byte) 0x11);
    assertThat(stub.lastParams("plasma_getBlock").get(0).asLong()).isEqualTo(1000);
  }

  @Test
  void batchResultsAreAcceptedOrCarryTheirError() {
    Map<String, Object> rejected = new HashMap<>();
    rejected.put("txHash", null);
    rejected.put("error", Map.of("code", -32014, "message", "spent"));
    var first = OperatorAnswerQuantitiesAttackTest.anyTx(0);
    stub.on("plasma_sendTransactions", List.of(Map.of("txHash", first.txHash().toHex()), rejected));
    var results =
        client.sendTransactions(List.of(first, OperatorAnswerQuantitiesAttackTest.anyTx(1)));
    assertThat(results.get(0).isAccepted()).isTrue();
    assertThat(results.get(0).txHash()).contains(first.txHash());
    assertThat(results.get(1).isAccepted()).isFalse();
    assertThat(results.get(1).error().orElseThrow().code()).isEqualTo(-32014);
  }

  @Test
  void aPendingTransactionIsNotIncluded() {
    stub.on("plasma_getTransaction", Map.of("txHash", "0x" + "33".repeat(32), "status", "pending"));
    var status = client.getTransaction(new Bytes32(filled((byte) 0x33)));
    assertThat(status.isIncluded()).isFalse();
    assertThat(status.status()).isEqualTo("pending");
  }

  @Test
  void methodNotFoundIsAnOperatorError() {
    stub.on("plasma_getBlockNumber", params -> {
      throw new StubOperator.RpcError(-32601, "method not found");
    });
    assertThatThrownBy(client::getBlockNumber)
        .isInstanceOfSatisfying(
            WalletException.OperatorError.class, e -> assertThat(e.code()).isEqualTo(-32601));
  }

  private static byte[] filled(byte b) {
    byte[] a = new byte[32];
    Arrays.fill(a, b);
    return a;
  }

  @Test
  void aQuantityBeyondALongIsAMalformedAnswerNotAnArithmeticError() {
    stub.on("plasma_getBlockNumber", "0x10000000000000000");
    assertThatThrownBy(client::getBlockNumber)
        .isInstanceOf(WalletException.OperatorUnreachable.class)
        .hasMessage("malformed operator answer: out of range: \"0x10000000000000000\"");
  }
}
