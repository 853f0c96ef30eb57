package org.plasma4j.operator.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.RpcHttp.call;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.DOMAIN;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.node.rpc.Hex;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.operator.ledger.Ledger;
import org.plasma4j.operator.service.QueryFilter;
import org.plasma4j.operator.testing.FakeCashGame;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.RpcHttp;
import org.plasma4j.operator.testing.TestChain;

/**
 * One HTTP-level test per coin error of docs/rpc-errors.md (-32024 and on): the exact code, a
 * message, nothing stored, and the server still serving (a valid coin transfer is accepted after).
 */
class CoinRpcErrorsTest {

  private final Set<Long> hidden = ConcurrentHashMap.newKeySet();
  private FakeCashGame game;
  private NodeHarness h;
  private RpcHttp rpc;
  private long aliceCoin;
  private long spareCoin;

  @BeforeEach
  void start() {
    InMemoryRootChain chain = TestChain.rootChain(0);
    game = new FakeCashGame(chain);
    QueryFilter filter = NodeHarness.hiding(hidden);
    h = NodeHarness.start(
        chain,
        new InMemoryStore(),
        NodeHarness.config(Path.of("unused"), 100, 0),
        b -> b.queryFilter(filter));
    aliceCoin = game.depositEth(ALICE.address(), 1000);
    spareCoin = game.depositEth(ALICE.address(), 1000);
    h.node.pollRootChain();
    rpc = new RpcHttp(h);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static String send(byte[] signed) {
    return call("plasma_sendCoinTransfer", "[\"" + Hex.encode(signed) + "\"]");
  }

  private static SignedCoinTransfer transfer(
      PrivateKey from, long slot, long prevBlock, Address to) {
    return SignedCoinTransfer.sign(new CoinTransfer(slot, prevBlock, to), from, DOMAIN);
  }

  private int pendingCoins() {
    return h.node.writer().call(Ledger::pendingCoinCount).join();
  }

  /**
   * Posts {@code body}, checks the error, that nothing was stored, and that a valid transfer then
   * works.
   */
  private void assertRejected(String body, RpcError expected) throws Exception {
    int before = pendingCoins();
    String spareBefore = rpc.post(call("plasma_getCoin", "[" + spareCoin + "]")).toString();
    JsonNode error = rpc.post(body).get("error");
    assertThat(error).isNotNull();
    assertThat(error.get("code").asInt()).as(error.toString()).isEqualTo(expected.code());
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(pendingCoins()).as("nothing stored").isEqualTo(before);
    assertThat(rpc.post(call("plasma_getCoin", "[" + spareCoin + "]")).toString())
        .isEqualTo(spareBefore);
    SignedCoinTransfer ok = transfer(ALICE, spareCoin, 0, BOB.address());
    JsonNode r = rpc.post(send(ok.encode()));
    assertThat(r.path("result").path("txHash").asText())
        .as(r.toString())
        .isEqualTo(ok.transfer().hash().toHex());
    assertThat(r.path("result").path("slot").asText()).isEqualTo(Long.toString(spareCoin));
  }

  @Test
  void malformedCoinTransfer() throws Exception {
    byte[] good = transfer(ALICE, aliceCoin, 0, BOB.address()).encode();
    assertRejected(send(Arrays.copyOf(good, 100)), RpcError.MALFORMED_COIN_TRANSFER);
  }

  @Test
  void unknownCoin() throws Exception {
    assertRejected(send(transfer(ALICE, 77, 0, BOB.address()).encode()), RpcError.UNKNOWN_COIN);
  }

  @Test
  void coinExiting() throws Exception {
    game.startExit(aliceCoin, ALICE.address(), 0);
    h.node.pollRootChain();
    assertRejected(
        send(transfer(ALICE, aliceCoin, 0, BOB.address()).encode()), RpcError.COIN_EXITING);
  }

  @Test
  void wrongPrevBlock() throws Exception {
    assertRejected(
        send(transfer(ALICE, aliceCoin, 1000, BOB.address()).encode()), RpcError.WRONG_PREV_BLOCK);
  }

  @Test
  void notCoinOwner() throws Exception {
    assertRejected(
        send(transfer(BOB, aliceCoin, 0, BOB.address()).encode()), RpcError.NOT_COIN_OWNER);
  }

  @Test
  void notCoinOwnerForASignatureRecoveringNoKey() throws Exception {
    byte[] wire = transfer(ALICE, aliceCoin, 0, BOB.address()).encode();
    Arrays.fill(wire, 36, 100, (byte) 0); // r = s = 0
    wire[100] = 27;
    assertRejected(send(wire), RpcError.NOT_COIN_OWNER);
  }

  @Test
  void coinTransferPending() throws Exception {
    assertThat(rpc.post(send(transfer(ALICE, aliceCoin, 0, BOB.address()).encode()))
            .has("result"))
        .isTrue();
    assertRejected(
        send(transfer(ALICE, aliceCoin, 0, ALICE.address()).encode()),
        RpcError.COIN_TRANSFER_PENDING);
  }

  @Test
  void rangeTooLarge() throws Exception {
    assertRejected(
        call("plasma_getCoinProofs", "[" + aliceCoin + ", 1000, 10001000]"),
        RpcError.RANGE_TOO_LARGE);
  }

  @Test
  void blockUnavailableWhenNotFormed() throws Exception {
    assertRejected(
        call("plasma_getCoinProofs", "[" + aliceCoin + ", 1000, 2000]"),
        RpcError.BLOCK_UNAVAILABLE);
  }

  @Test
  void blockUnavailableWhenHidden() throws Exception {
    rpc.post(send(transfer(ALICE, aliceCoin, 0, BOB.address()).encode()));
    hidden.add(1000L);
    h.formBlock();
    assertRejected(
        call("plasma_getCoinProofs", "[" + aliceCoin + ", 1000, 1000]"),
        RpcError.BLOCK_UNAVAILABLE);
  }

  @Test
  void coinReadMethodsAnswer() throws Exception {
    SignedCoinTransfer toBob = transfer(ALICE, aliceCoin, 0, BOB.address());
    rpc.post(send(toBob.encode()));
    JsonNode pending = rpc.post(call("plasma_getCoin", "[" + aliceCoin + "]")).get("result");
    assertThat(pending.get("pendingTransfer").asText()).isEqualTo(Hex.encode(toBob.encode()));
    h.formBlock();
    JsonNode coin = rpc.post(call("plasma_getCoin", "[\"0x" + Long.toHexString(aliceCoin) + "\"]"))
        .get("result");
    assertThat(coin.get("owner").asText()).isEqualTo(BOB.address().toHex());
    assertThat(coin.get("block").asLong()).isEqualTo(1000);
    assertThat(coin.get("state").asText()).isEqualTo("deposited");
    assertThat(coin.get("value").asText()).isEqualTo("1000");
    assertThat(coin.get("kind").asInt()).isZero();
    assertThat(coin.has("pendingTransfer")).isFalse();
    JsonNode proofs =
        rpc.post(call("plasma_getCoinProofs", "[" + aliceCoin + ", 0, 1000]")).get("result");
    assertThat(proofs.get("entries")).hasSize(1);
    assertThat(proofs.get("entries").get(0).get("kind").asText()).isEqualTo("included");
    assertThat(proofs.get("entries").get(0).get("tx").asText())
        .isEqualTo(Hex.encode(toBob.encode()));
  }
}
