package org.plasma4j.operator.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.pay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.RpcError;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.rpc.Hex;
import org.plasma4j.operator.ledger.Ledger;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.RpcHttp;

/**
 * plasma_sendTransactionsCompact over HTTP: per transaction its hash or the number of the error
 * that refused it, the same verdicts as plasma_sendTransactions, and named errors for bad calls.
 */
class CompactBatchTest {

  private static final String COMPACT = RpcMethod.SEND_TRANSACTIONS_COMPACT.wireName();

  private NodeHarness h;
  private OutputPosition dep1;
  private OutputPosition dep2;
  private OutputPosition dep3;

  @BeforeEach
  void start() {
    h = NodeHarness.inMemory(100);
    dep1 = h.chain.deposit(ALICE.address(), ETH, 1000);
    dep2 = h.chain.deposit(ALICE.address(), ETH, 1000);
    dep3 = h.chain.deposit(ALICE.address(), ETH, 1000);
    h.node.pollRootChain();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private JsonNode post(String body) throws Exception {
    return new RpcHttp(h).post(body);
  }

  private static String batch(String method, List<String> hexes) {
    StringBuilder params = new StringBuilder("[[");
    for (int i = 0; i < hexes.size(); i++) {
      params.append(i == 0 ? "" : ",").append('"').append(hexes.get(i)).append('"');
    }
    return RpcHttp.call(method, params.append("]]").toString());
  }

  private int pending() {
    return h.node.writer().call(Ledger::pendingCount).join();
  }

  @Test
  void aMixedBatchAnswersEachTransactionWithItsHashOrItsErrorCode() throws Exception {
    SignedTransaction ok = pay(ALICE, dep1, 1000, BOB.address(), 500);
    SignedTransaction doubleSpend = pay(ALICE, dep1, 1000, BOB.address(), 400);
    SignedTransaction unauthorized = pay(BOB, dep2, 1000, BOB.address(), 500);
    SignedTransaction ok2 = pay(ALICE, dep3, 1000, BOB.address(), 300);
    JsonNode r = post(batch(
        COMPACT,
        List.of(
            Hex.encode(ok.encode()),
            Hex.encode(doubleSpend.encode()),
            Hex.encode(unauthorized.encode()),
            "0xzz",
            Hex.encode(new byte[] {(byte) 0x81, 0x05}),
            Hex.encode(new byte[2049]),
            Hex.encode(ok2.encode()))));

    JsonNode items = r.get("result");
    assertThat(items).as(r.toString()).hasSize(7);
    assertThat(items.get(0).isTextual()).isTrue();
    assertThat(items.get(0).asText()).isEqualTo(ok.txHash().toHex());
    assertThat(items.get(1).asInt()).isEqualTo(RpcError.SPENT_INPUT.code());
    assertThat(items.get(2).asInt()).isEqualTo(RpcError.UNAUTHORIZED_SPEND.code());
    assertThat(items.get(3).asInt()).isEqualTo(RpcError.INVALID_PARAMS.code());
    assertThat(items.get(4).asInt()).isEqualTo(RpcError.MALFORMED_RLP.code());
    assertThat(items.get(5).asInt()).isEqualTo(RpcError.PAYLOAD_TOO_LARGE.code());
    assertThat(items.get(6).asText()).isEqualTo(ok2.txHash().toHex());
    for (int i = 1; i <= 5; i++) {
      assertThat(items.get(i).isIntegralNumber()).as("item " + i).isTrue();
    }
    assertThat(pending()).as("only the two valid transactions are stored").isEqualTo(2);
  }

  @Test
  void theCompactAnswerCarriesTheSameVerdictsAsTheFullOne() throws Exception {
    SignedTransaction ok = pay(ALICE, dep1, 1000, BOB.address(), 500);
    SignedTransaction unauthorized = pay(BOB, dep2, 1000, BOB.address(), 500);
    List<String> hexes =
        List.of(Hex.encode(ok.encode()), Hex.encode(unauthorized.encode()), "0x12345");
    JsonNode full = post(batch(RpcMethod.SEND_TRANSACTIONS.wireName(), hexes)).get("result");
    // the same batch again: the accepted one is answered as accepted again (a resend)
    JsonNode compact = post(batch(COMPACT, hexes)).get("result");
    assertThat(compact.get(0).asText()).isEqualTo(full.get(0).get("txHash").asText());
    for (int i = 1; i < 3; i++) {
      assertThat(compact.get(i).asInt())
          .isEqualTo(full.get(i).get("error").get("code").asInt());
    }
    assertThat(pending()).isEqualTo(1);
  }

  @Test
  void aBatchOverTheLimitIsRefusedWhole() throws Exception {
    String many = String.join(",", Collections.nCopies(10_001, "\"0x00\""));
    JsonNode r = post(RpcHttp.call(COMPACT, "[[" + many + "]]"));
    assertThat(r.path("error").path("code").asInt()).isEqualTo(RpcError.PAYLOAD_TOO_LARGE.code());
    assertThat(pending()).isZero();
  }

  @Test
  void malformedParamsAreInvalidParams() throws Exception {
    for (String params : List.of("[]", "[\"0x00\"]", "[[1,2]]", "[{\"a\":1}]", "[[\"0x00\"],2]")) {
      JsonNode r = post(RpcHttp.call(COMPACT, params));
      assertThat(r.path("error").path("code").asInt())
          .as(params + " -> " + r)
          .isEqualTo(RpcError.INVALID_PARAMS.code());
    }
    assertThat(pending()).isZero();
  }

  @Test
  void anEmptyBatchIsAnEmptyAnswer() throws Exception {
    JsonNode r = post(RpcHttp.call(COMPACT, "[[]]"));
    assertThat(r.get("result")).as(r.toString()).isEmpty();
  }
}
