package org.plasma4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The token bound counts every token of the answer, the JSON-RPC envelope and each start and end of
 * a nested record included, and refuses none of the largest honest answers: a page of 10,000
 * outputs, a block page of 65,536 transactions of the largest size, 10,000 coin proofs, the answer
 * to a batch of 10,000 transactions each refused.
 */
class OperatorRpcReaderTokenBoundTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HASH = "0x" + "ab".repeat(32);

  /** {"jsonrpc":"2.0","id":1,"result":[n strings]}: 9 tokens besides the strings. */
  private static byte[] envelopeOf(int strings) {
    return ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":["
            + String.join(",", Collections.nCopies(strings, "\"a\""))
            + "]}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static JsonNode answer(Object result) throws Exception {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("jsonrpc", "2.0");
    envelope.put("id", 1);
    envelope.put("result", result);
    return OperatorRpcReader.parse(JSON.writeValueAsBytes(envelope));
  }

  @Test
  void anAnswerOfExactlyTheBoundIsReadAndOneTokenMoreIsRefused() throws Exception {
    int strings = OperatorRpcReader.MAX_TOKENS - 9;
    assertThat(OperatorRpcReader.parse(envelopeOf(strings)).get("result").size())
        .isEqualTo(strings);
    assertThatThrownBy(() -> OperatorRpcReader.parse(envelopeOf(strings + 1)))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessageStartingWith("beyond what an answer holds: ")
        .hasMessageContaining(String.valueOf(OperatorRpcReader.MAX_TOKENS));
  }

  @Test
  void theLargestHonestAnswersAreRead() throws Exception {
    List<OperatorRpc.Utxo> utxos = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      utxos.add(new OperatorRpc.Utxo(
          1_000_000_000L * (i + 1),
          1000L * (i + 1),
          65_535,
          3,
          HASH.substring(0, 42),
          HASH.substring(0, 42),
          "115792089237316195423570985008687907853269984665640564039457"));
    }
    assertThat(answer(utxos).get("result").size()).isEqualTo(10_000);

    String largest = "0x" + "ff".repeat(2048);
    OperatorRpc.Block block = new OperatorRpc.Block(
        1000, HASH, 7L, 65_536, 0, Collections.nCopies(65_536, largest), true, HASH);
    assertThat(answer(block).get("result").get("transactions").size()).isEqualTo(65_536);

    List<OperatorRpc.CoinProof> proofs = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      proofs.add(new OperatorRpc.CoinProof(1000L * (i + 1), "included", HASH, HASH, HASH));
    }
    OperatorRpc.CoinProofs coinProofs = new OperatorRpc.CoinProofs(HASH, 1000, 10_000_000, proofs);
    assertThat(answer(coinProofs).get("result").get("entries").size()).isEqualTo(10_000);

    List<OperatorRpc.BatchEntry> refused = Collections.nCopies(
        10_000,
        new OperatorRpc.BatchEntry(
            null, new OperatorRpc.ErrorBody(-32001, "input 1000000000 is already spent")));
    assertThat(answer(refused).get("result").size()).isEqualTo(10_000);
  }
}
