package org.plasma4j.operator.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.pay;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plasma4j.api.PackedTransactions;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.rpc.RpcLimits;
import org.plasma4j.node.storage.RocksDbStore;
import org.plasma4j.operator.service.OperatorConfig;
import org.plasma4j.operator.service.QueryFilter;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.RpcHttp;
import org.plasma4j.operator.testing.TestChain;

/**
 * plasma_getBlockBody against a real operator on RocksDB over HTTP: every page holds exactly the
 * transactions plasma_getBlock's page holds, byte for byte, with the same block, root, count and
 * offset; bad input is INVALID_PARAMS or NOT_FOUND and the server keeps serving; a withheld block
 * stays hidden; a page past the response cap is RESPONSE_TOO_LARGE and the largest that fits is
 * answered within the cap.
 */
class BlockBodyTest {

  @TempDir
  Path dir;

  private final InMemoryRootChain chain = TestChain.rootChain(0);
  private final Set<Long> hidden = new HashSet<>();
  private NodeHarness h;
  private RpcHttp rpc;

  private void startNode(UnaryOperator<OperatorConfig> config) {
    QueryFilter filter = NodeHarness.hiding(hidden);
    h = NodeHarness.start(
        chain,
        new RocksDbStore(dir.resolve("db")),
        config.apply(NodeHarness.config(dir, 1_000, 0)),
        b -> b.queryFilter(filter));
    rpc = new RpcHttp(h);
  }

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private JsonNode call(String method, String params) throws Exception {
    return rpc.post(RpcHttp.call(method, params));
  }

  private JsonNode result(String method, String params) throws Exception {
    JsonNode r = call(method, params);
    assertThat(r.get("error")).as(r.toString()).isNull();
    return r.get("result");
  }

  private void assertError(String params, RpcError expected) throws Exception {
    JsonNode r = call("plasma_getBlockBody", params);
    assertThat(r.path("error").path("code").asInt()).as(r.toString()).isEqualTo(expected.code());
    assertThat(r.path("error").path("message").asText()).isNotBlank();
    assertThat(call("plasma_getBlockNumber", "[]").get("result"))
        .as("still serving")
        .isNotNull();
  }

  /** Forms block 1000 of {@code n} payments (plus whatever forming adds). */
  private void formBlockOf(int n) {
    List<OutputPosition> deposits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      deposits.add(chain.deposit(ALICE.address(), ETH, 1000));
    }
    h.node.pollRootChain();
    for (OutputPosition d : deposits) {
      assertThat(h.send(pay(ALICE, d, 1000, BOB.address(), 500)).isOk()).isTrue();
    }
    h.formBlock();
  }

  /** The transactions of a plasma_getBlockBody result, read as the watcher reads them. */
  private static List<String> unpacked(JsonNode result) {
    byte[] text = result.get("body").asText().getBytes(StandardCharsets.US_ASCII);
    return PackedTransactions.unpack(
            text,
            0,
            text.length,
            MerkleTree.CAPACITY,
            SignedTransaction.MAX_ENCODED_SIZE,
            Long.MAX_VALUE)
        .stream()
        .map(Hex::encode)
        .toList();
  }

  private static List<String> hex(JsonNode result) {
    List<String> out = new ArrayList<>();
    result.get("transactions").forEach(t -> out.add(t.asText()));
    return out;
  }

  /** The differential: the same pages in both forms, over a generated block of 300 payments. */
  @Test
  void everyPageHoldsExactlyWhatPlasmaGetBlocksPageHolds() throws Exception {
    startNode(c -> c);
    formBlockOf(300);
    h.node.pollRootChain();
    int count = result("plasma_getBlock", "[1000, 0, 1]").get("txCount").asInt();
    assertThat(count).isGreaterThanOrEqualTo(300);
    List<String> pages = List.of(
        "[1000]",
        "[1000, 0, 1]",
        "[1000, 0, 7]",
        "[1000, 3, 9]",
        "[1000, 19, 65536]",
        "[1000, " + (count - 1) + "]",
        "[1000, " + count + "]",
        "[1000, 65536, 5]",
        "[\"0x3e8\", \"0x10\", \"0x20\"]");
    for (String params : pages) {
      JsonNode hex = result("plasma_getBlock", params);
      JsonNode packed = result("plasma_getBlockBody", params);
      assertThat(unpacked(packed)).as(params).isEqualTo(hex(hex));
      for (String field : List.of("blkNum", "root", "txCount", "offset")) {
        assertThat(packed.get(field)).as(params + " " + field).isEqualTo(hex.get(field));
      }
      assertThat(packed.size()).as("only the documented fields").isEqualTo(5);
    }
    JsonNode whole = result("plasma_getBlockBody", "[1000]");
    assertThat(unpacked(whole)).hasSize(count);
    assertThat(Bytes32.fromHex(whole.get("root").asText()))
        .isEqualTo(chain.submittedRoots().get(1000L));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "[1000, 0, 1, 2]",
        "[1000.5]",
        "[\"1000\"]",
        "[null]",
        "[1000, -1]",
        "[1000, 65537]",
        "[1000, 0, -1]",
        "[1000, 0, \"0x10001\"]",
        "[1000, \"0xffffffffffffffff\"]",
        "[\"0xffffffffffffffff\"]",
        "{\"blkNum\":1000}"
      })
  void malformedParamsAreInvalidParams(String params) throws Exception {
    startNode(c -> c);
    formBlockOf(2);
    assertError(params, RpcError.INVALID_PARAMS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[0]", "[1]", "[999]", "[1001]", "[2000]", "[9223372036854775807]"})
  void blocksThatAreNotFormedChildBlocksAreNotFound(String params) throws Exception {
    startNode(c -> c);
    formBlockOf(2);
    assertError(params, RpcError.NOT_FOUND);
  }

  @Test
  void aWithheldBlockIsNotFound() throws Exception {
    startNode(c -> c);
    formBlockOf(2);
    h.node.pollRootChain();
    hidden.add(1000L);
    assertError("[1000]", RpcError.NOT_FOUND);
    assertError("[1000, 0, 1]", RpcError.NOT_FOUND);
    hidden.clear();
    assertThat(unpacked(result("plasma_getBlockBody", "[1000]"))).isNotEmpty();
  }

  /**
   * Under a 4 KiB response cap the page holds what fits in (4096 - 512) * 3 / 4 bytes with each
   * transaction's 4-byte prefix: one more transaction is refused, and the largest page answers
   * within the cap.
   */
  @Test
  void aPageThatWouldPassTheResponseCapIsRefusedAndTheLargestThatFitsAnswers() throws Exception {
    int cap = 4096;
    startNode(c -> c.withRpcLimits(RpcLimits.defaults().withBytes(1 << 20, cap, 1 << 21)));
    formBlockOf(30);
    List<String> all = hex(result("plasma_getBlock", "[1000, 0, 3]"));
    int txSize = Hex.decode(all.get(1)).length; // the payments all have one size
    int fits = (cap - 512) / 4 * 3 / (txSize + PackedTransactions.PREFIX_BYTES);
    assertThat(fits).isBetween(2, 20);
    String largest = "[1000, 1, " + fits + "]";
    assertError("[1000]", RpcError.RESPONSE_TOO_LARGE);
    assertError("[1000, 1, " + (fits + 1) + "]", RpcError.RESPONSE_TOO_LARGE);
    JsonNode page = result("plasma_getBlockBody", largest);
    assertThat(unpacked(page)).hasSize(fits);
    assertThat(rpc.post(RpcHttp.call("plasma_getBlockBody", largest)).toString().length())
        .isLessThanOrEqualTo(cap);
  }
}
