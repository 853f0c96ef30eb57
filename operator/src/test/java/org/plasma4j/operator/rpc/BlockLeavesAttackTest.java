package org.plasma4j.operator.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.DOMAIN;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.pay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.node.rpc.RpcLimits;
import org.plasma4j.node.storage.RocksDbStore;
import org.plasma4j.operator.ledger.LedgerQueries;
import org.plasma4j.operator.ledger.ProofCache;
import org.plasma4j.operator.rpc.methods.PlasmaGetBlockLeaves;
import org.plasma4j.operator.service.OperatorConfig;
import org.plasma4j.operator.service.QueryFilter;
import org.plasma4j.operator.testing.FakeCashGame;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.RpcHttp;
import org.plasma4j.operator.testing.TestChain;

/**
 * plasma_getBlockLeaves against a real operator on RocksDB over HTTP: every form of bad input gets
 * INVALID_PARAMS or NOT_FOUND and the server keeps serving; withheld blocks stay hidden; the leaves
 * hash to the root committed on the root chain, also after a restart emptied the tree cache; a page
 * never passes the response cap.
 */
class BlockLeavesAttackTest {

  @TempDir
  Path dir;

  private final InMemoryRootChain chain = TestChain.rootChain(0);
  private final FakeCashGame game = new FakeCashGame(chain);
  private final Set<Long> hidden = new HashSet<>();
  private NodeHarness h;
  private RocksDbStore store;
  private RpcHttp rpc;

  private void startNode(UnaryOperator<OperatorConfig> config) {
    QueryFilter filter = NodeHarness.hiding(hidden);
    store = new RocksDbStore(dir.resolve("db"));
    h = NodeHarness.start(
        chain, store, config.apply(NodeHarness.config(dir, 100, 0)), b -> b.queryFilter(filter));
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

  private JsonNode leaves(String params) throws Exception {
    JsonNode r = call("plasma_getBlockLeaves", params);
    assertThat(r.get("error")).as(r.toString()).isNull();
    return r.get("result");
  }

  private void assertError(String method, String params, RpcError expected) throws Exception {
    JsonNode r = call(method, params);
    assertThat(r.path("error").path("code").asInt()).as(r.toString()).isEqualTo(expected.code());
    assertThat(r.path("error").path("message").asText()).isNotBlank();
    assertThat(call("plasma_getBlockNumber", "[]").get("result"))
        .as("still serving")
        .isNotNull();
  }

  /** Forms block 1000 of {@code n} payments (plus whatever forming adds); returns their txBytes. */
  private List<byte[]> formBlockOf(int n) {
    List<OutputPosition> deposits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      deposits.add(chain.deposit(ALICE.address(), ETH, 1000));
    }
    h.node.pollRootChain();
    List<byte[]> txBytes = new ArrayList<>();
    for (OutputPosition d : deposits) {
      var tx = pay(ALICE, d, 1000, BOB.address(), 500);
      assertThat(h.send(tx).isOk()).isTrue();
      txBytes.add(tx.txBytes());
    }
    h.formBlock();
    return txBytes;
  }

  private static List<Bytes32> leafList(JsonNode result) {
    List<Bytes32> out = new ArrayList<>();
    result.get("leaves").forEach(l -> out.add(Bytes32.fromHex(l.asText())));
    return out;
  }

  // ---- bad input

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1000.5]",
        "[1000.0]",
        "[\"1000\"]",
        "[true]",
        "[null]",
        "[{}]",
        "[[1000]]",
        "[1e30]",
        "[18446744073709551616]",
        "[\"0x\"]",
        "[\"0xzz\"]",
        "[\"0x-1\"]",
        "[1000, -1]",
        "[1000, 1.5]",
        "[1000, null]",
        "[1000, 0, -1]",
        "[1000, 0, null]",
        "[1000, 0, \"0x0\"]",
        "[1000, 0, \"0x10001\"]",
        "[1000, \"0x10001\"]",
        "[1000, 0, 9223372036854775807]",
        "{\"blkNum\":1000}"
      })
  void malformedParamsAreInvalidParams(String params) throws Exception {
    startNode(c -> c);
    formBlockOf(2);
    assertError("plasma_getBlockLeaves", params, RpcError.INVALID_PARAMS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"[0]", "[1]", "[2]", "[999]", "[1001]", "[2000]", "[9223372036854775807]"})
  void blocksThatAreNotFormedChildBlocksAreNotFound(String params) throws Exception {
    startNode(c -> c);
    formBlockOf(2); // deposits 1 and 2 and child block 1000 exist
    assertError("plasma_getBlockLeaves", params, RpcError.NOT_FOUND);
  }

  /**
   * A hex quantity of 2^63 or more reads as a negative long: as an offset it must be refused, not
   * index the tree at -1 (an internal error) or start a page before the block's first transaction.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1000, \"0xffffffffffffffff\"]",
        "[1000, \"0x8000000000000000\", 1]",
        "[\"0xffffffffffffffff\"]",
        "[1000, 0, \"0xffffffffffffffff\"]"
      })
  void hexQuantitiesAbove63BitsAreInvalidParams(String params) throws Exception {
    startNode(c -> c);
    formBlockOf(2);
    assertError("plasma_getBlockLeaves", params, RpcError.INVALID_PARAMS);
    assertError("plasma_getBlock", params, RpcError.INVALID_PARAMS);
  }

  /**
   * plasma_getBlock with an offset of 2^64 - 1 must not answer another block's transaction: the
   * page would start one sequence number before the block's first payment, in the block before,
   * which a query filter may be withholding.
   */
  @Test
  void aWrappedOffsetDoesNotLeakTheWithheldBlockBefore() throws Exception {
    startNode(c -> c);
    List<byte[]> first = formBlockOf(2); // block 1000
    formBlockOf(1); // block 2000
    hidden.add(1000L);
    JsonNode r = call("plasma_getBlock", "[2000, \"0xffffffffffffffff\", 1]");
    assertThat(r.toString())
        .as("a payment of the withheld block 1000")
        .doesNotContain(org.plasma4j.core.types.Hex.encode(first.get(1)).substring(2));
    assertThat(r.path("error").path("code").asInt()).isEqualTo(RpcError.INVALID_PARAMS.code());
  }

  // ---- answers

  @Test
  void hexAndDecimalFormsAnswerTheSamePage() throws Exception {
    startNode(c -> c);
    formBlockOf(3);
    assertThat(leaves("[\"0x3e8\", \"0x1\", \"0x2\"]")).isEqualTo(leaves("[1000, 1, 2]"));
    assertThat(leaves("[\"0x3E8\"]")).isEqualTo(leaves("[1000]"));
    assertThat(leaves("[1000, 1, 2]").get("leaves")).hasSize(2);
  }

  @Test
  void offsetsAtAndPastTheEndAnswerAnEmptyPageWithTheCount() throws Exception {
    startNode(c -> c);
    formBlockOf(2);
    int count = leaves("[1000]").get("txCount").asInt();
    for (String params : List.of(
        "[1000, " + count + "]", "[1000, " + (count + 5) + ", 3]", "[1000, 65536, 65536]")) {
      JsonNode page = leaves(params);
      assertThat(page.get("leaves")).as(params).isEmpty();
      assertThat(page.get("txCount").asInt()).isEqualTo(count);
    }
    JsonNode last = leaves("[1000, " + (count - 1) + ", 65536]");
    assertThat(last.get("leaves")).hasSize(1);
  }

  @Test
  void aWithheldBlockIsNotFoundLikePlasmaGetBlockEvenWhenItsTreeIsCached() throws Exception {
    startNode(c -> c);
    formBlockOf(2);
    h.node.pollRootChain(); // on the root chain: withholding is about blocks the chain committed
    assertThat(leaves("[1000]").get("leaves")).isNotEmpty(); // the tree is now cached
    hidden.add(1000L);
    assertError("plasma_getBlockLeaves", "[1000]", RpcError.NOT_FOUND);
    assertError("plasma_getBlockLeaves", "[1000, 0, 1]", RpcError.NOT_FOUND);
    assertError("plasma_getBlock", "[1000]", RpcError.NOT_FOUND);
    hidden.clear();
    assertThat(leaves("[1000]").get("submitted").asBoolean()).isTrue();
  }

  @Test
  void leavesHashToTheRootOnTheRootChainBeforeAndAfterARestart() throws Exception {
    startNode(c -> c);
    List<byte[]> payments = formBlockOf(4);
    h.node.pollRootChain();
    Bytes32 committed = chain.submittedRoots().get(1000L);
    assertThat(committed).isNotNull();
    JsonNode before = leaves("[1000]");
    assertThat(before.get("submitted").asBoolean()).isTrue();
    assertThat(MerkleTree.fromLeafHashes(leafList(before)).root()).isEqualTo(committed);
    for (int i = 0; i < payments.size(); i++) {
      assertThat(leafList(before).get(i)).isEqualTo(MerkleTree.leafHash32(payments.get(i)));
    }
    h.close();
    h = null;
    startNode(c -> c); // a new node on the same directory: its tree cache starts empty
    JsonNode after = leaves("[1000]");
    assertThat(after).isEqualTo(before);
    assertThat(Bytes32.fromHex(after.get("root").asText())).isEqualTo(committed);
    JsonNode page = leaves("[1000, 2, 2]");
    assertThat(leafList(page)).isEqualTo(leafList(before).subList(2, 4));
  }

  @Test
  void aBlockOfCoinTransfersOnlyAnswersNoLeavesAndTheEmptyTreesRoot() throws Exception {
    startNode(c -> c);
    long slot = game.depositEth(ALICE.address(), 1000);
    h.node.pollRootChain();
    assertThat(h.sendCoin(
                SignedCoinTransfer.sign(new CoinTransfer(slot, 0, BOB.address()), ALICE, DOMAIN))
            .isOk())
        .isTrue();
    long blkNum = h.formBlock().blkNum();
    h.node.pollRootChain();
    JsonNode r = leaves("[" + blkNum + "]");
    JsonNode block = call("plasma_getBlock", "[" + blkNum + "]").get("result");
    assertThat(r.get("txCount").asInt()).isEqualTo(block.get("txCount").asInt());
    assertThat(r.get("leaves")).hasSize(block.get("txCount").asInt());
    assertThat(r.get("root").asText()).isEqualTo(block.get("root").asText());
    assertThat(MerkleTree.fromLeafHashes(leafList(r)).root())
        .isEqualTo(chain.submittedRoots().get(blkNum));
  }

  /**
   * Under a response cap of 1 KiB, seven leaves fit: a whole block of ten is refused with
   * RESPONSE_TOO_LARGE before anything is written, and its pages answer.
   */
  @Test
  void aPageThatWouldPassTheResponseCapIsRefusedAndSmallerPagesAnswer() throws Exception {
    startNode(c -> c.withRpcLimits(RpcLimits.defaults().withBytes(1 << 20, 1024, 1 << 21)));
    formBlockOf(10);
    int count = leaves("[1000, 0, 1]").get("txCount").asInt();
    assertThat(count).isGreaterThanOrEqualTo(10);
    assertError("plasma_getBlockLeaves", "[1000]", RpcError.RESPONSE_TOO_LARGE);
    assertError("plasma_getBlockLeaves", "[1000, 0, 8]", RpcError.RESPONSE_TOO_LARGE);
    List<Bytes32> all = new ArrayList<>();
    for (int offset = 0; offset < count; offset += 7) {
      all.addAll(leafList(leaves("[1000, " + offset + ", 7]")));
    }
    assertThat(all).hasSize(count);
    assertThat(MerkleTree.fromLeafHashes(all).root())
        .isEqualTo(Bytes32.fromHex(leaves("[1000, 0, 1]").get("root").asText()));
  }

  // ---- cost of a block whose tree is not cached

  private static final List<int[]> PAGES = List.of(
      new int[] {0, 1},
      new int[] {0, 7},
      new int[] {3, 9},
      new int[] {19, 65536},
      new int[] {20, 5},
      new int[] {21, 1},
      new int[] {0, 65536});

  private List<String> httpPages() throws Exception {
    List<String> out = new ArrayList<>();
    out.add(leaves("[1000]").toString());
    for (int[] p : PAGES) {
      out.add(leaves("[1000, " + p[0] + ", " + p[1] + "]").toString());
    }
    return out;
  }

  /**
   * A page of a block whose tree is not cached is read and hashed alone: no tree is built and none
   * is cached, so asking for old blocks neither costs a whole block's tree nor pushes out the trees
   * exit data needs. Its leaves are those of the node's cached tree, page for page.
   */
  @Test
  void aPageOfABlockWhoseTreeIsNotCachedBuildsAndCachesNoTree() throws Exception {
    startNode(c -> c);
    formBlockOf(20);
    h.node.pollRootChain();
    ProofCache cold = new ProofCache(16);
    LedgerQueries queries = new LedgerQueries(store, cold);
    for (int[] p : PAGES) {
      LedgerQueries.BlockLeaves page =
          queries.blockLeaves(1000, p[0], p[1], Integer.MAX_VALUE).orElseThrow();
      JsonNode cached = leaves("[1000, " + p[0] + ", " + p[1] + "]"); // from the node's tree
      assertThat(page.leaves()).as("page %d+%d", p[0], p[1]).isEqualTo(leafList(cached));
      assertThat(page.header().root().toHex()).isEqualTo(cached.get("root").asText());
      assertThat(page.header().txCount()).isEqualTo(cached.get("txCount").asInt());
    }
    assertThat(cold.builds()).as("trees built").isZero();
    assertThat(cold.cachedTree(1000)).isEmpty();

    assertThat(queries.exitData(OutputPosition.of(1000, 0, 0)).isOk()).isTrue();
    assertThat(cold.builds()).as("exit data builds the tree").isEqualTo(1);
    assertThat(cold.cachedTree(1000)).isPresent();
    List<Bytes32> fromTree =
        queries.blockLeaves(1000, 0, 65536, Integer.MAX_VALUE).orElseThrow().leaves();
    assertThat(fromTree).isEqualTo(leafList(leaves("[1000]")));
    assertThat(MerkleTree.fromLeafHashes(fromTree).root())
        .isEqualTo(chain.submittedRoots().get(1000L));
    assertThat(cold.builds()).isEqualTo(1);
  }

  /**
   * The same pages, byte for byte, from the tree cached at forming, after a restart emptied the
   * cache (read page by page), and once exit data has built the tree again; their leaves hash to
   * the root on the root chain.
   */
  @Test
  void pagesAreTheSameWhetherTheTreeIsCachedOrNot() throws Exception {
    startNode(c -> c);
    formBlockOf(20);
    h.node.pollRootChain();
    List<String> formed = httpPages();
    h.close();
    h = null;
    startNode(c -> c);
    List<String> uncached = httpPages();
    assertThat(uncached).isEqualTo(formed);
    JsonNode exit =
        call("plasma_getExitData", "[" + OutputPosition.of(1000, 5, 0).encode() + "]");
    assertThat(exit.get("error")).as(exit.toString()).isNull();
    assertThat(httpPages()).isEqualTo(formed);
    assertThat(MerkleTree.fromLeafHashes(leafList(leaves("[1000]"))).root())
        .isEqualTo(chain.submittedRoots().get(1000L));
  }

  /**
   * A page holds at most the method's page bound whatever the limit asks (16,384 on the node):
   * without a limit, or with one of 65,536, the answer is the first page, and paging until the
   * offset reaches txCount collects every leaf.
   */
  @Test
  void aPageNeverHoldsMoreThanThePageBound() throws Exception {
    startNode(c -> c);
    formBlockOf(10);
    h.node.pollRootChain();
    assertThat(PlasmaGetBlockLeaves.MAX_PAGE).isEqualTo(16_384);
    PlasmaGetBlockLeaves method = new PlasmaGetBlockLeaves(h.node.queries(), 1 << 20, 4);
    ObjectMapper json = new ObjectMapper();
    int count = leaves("[1000]").get("txCount").asInt();
    assertThat(count).isGreaterThan(8);
    assertThat(method.execute(Params.of(json.readTree("[1000]"))).leaves()).hasSize(4);
    assertThat(method.execute(Params.of(json.readTree("[1000, 0, 65536]"))).leaves())
        .hasSize(4);
    assertThat(method.execute(Params.of(json.readTree("[1000, 0, 3]"))).leaves())
        .hasSize(3);
    List<Bytes32> all = new ArrayList<>();
    for (int offset = 0; offset < count; ) {
      OperatorRpc.BlockLeaves page =
          method.execute(Params.of(json.readTree("[1000, " + offset + "]")));
      assertThat(page.offset()).isEqualTo(offset);
      page.leaves().forEach(l -> all.add(Bytes32.fromHex(l)));
      offset += page.leaves().size();
    }
    assertThat(all).isEqualTo(leafList(leaves("[1000]")));
    assertThat(MerkleTree.fromLeafHashes(all).root())
        .isEqualTo(chain.submittedRoots().get(1000L));
  }
}
