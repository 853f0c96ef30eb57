package org.plasma4j.devnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.FEE;
import static org.plasma4j.operator.testing.TestChain.FEE_BENEFICIARY;
import static org.plasma4j.operator.testing.TestChain.pay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.operator.ledger.LedgerQueries;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.TestChain;

/** Every capability of the hostile-operator harness on a real node over a fake root chain. */
class HostilityTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Hostility hostility = Hostility.controllable();
  private NodeHarness h;

  @BeforeEach
  void start() {
    h = NodeHarness.start(
        TestChain.rootChain(0),
        new InMemoryStore(),
        NodeHarness.config(Path.of("unused"), 100, 0),
        hostility::wire);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private OutputPosition deposit(long amount) {
    OutputPosition p = h.chain.deposit(ALICE.address(), ETH, amount);
    h.node.pollRootChain();
    return p;
  }

  private List<SignedTransaction> servedTxs(long blkNum) {
    return h.node.queries().block(blkNum).orElseThrow().signedTxs().stream()
        .map(b -> TransactionDecoder.decodeSigned(b).orElseThrow())
        .toList();
  }

  private JsonNode rpc(String method, String params) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    HttpResponse<String> r = HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.node.rpcPort() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  @Test
  void aDoubleSpendIsInjectedUnvalidatedAndItsBlockIsServedAndSubmitted() throws Exception {
    OutputPosition dep = deposit(1000);
    SignedTransaction honest = pay(ALICE, dep, 1000, BOB.address(), 500);
    assertThat(h.send(honest).isOk()).isTrue();
    h.formBlock();
    h.node.pollRootChain();

    SignedTransaction doubleSpend = pay(ALICE, dep, 1000, ALICE.address(), 900);
    hostility.inject(doubleSpend);
    BlockRecord forged = h.formBlock(); // nothing pending: the injection alone forms a block
    h.node.pollRootChain();

    assertThat(forged.blkNum()).isEqualTo(2000);
    assertThat(servedTxs(2000)).containsExactly(doubleSpend);
    assertThat(h.chain.submittedRoots()).containsEntry(2000L, forged.root());
    JsonNode served = rpc("plasma_getBlock", "[2000]").get("result");
    assertThat(served.get("root").asText()).isEqualTo(forged.root().toHex());
    assertThat(served.get("submitted").asBoolean()).isTrue();
    // the honest spend stays the recorded spender; the forged output is exitable like any other
    assertThat(h.node.queries().challengeData(dep).value().spendingTxBytes().toArray())
        .isEqualTo(honest.txBytes());
    assertThat(h.node.queries().exitData(OutputPosition.of(2000, 0, 0)).isOk()).isTrue();
  }

  @Test
  void anOutputNothingFundsIsInjectedAndBecomesAnOutputOfTheServedBlock() {
    OutputPosition nowhere = OutputPosition.of(7000, 3, 0); // no such block
    SignedTransaction unfunded = TestChain.sign(
        Transaction.payment(List.of(nowhere), List.of(Output.of(ALICE.address(), ETH, 1_000_000))),
        ALICE);
    hostility.inject(unfunded);
    BlockRecord forged = h.formBlock();
    h.node.pollRootChain();

    assertThat(servedTxs(forged.blkNum())).containsExactly(unfunded);
    assertThat(h.chain.submittedRoots()).containsEntry(forged.blkNum(), forged.root());
    assertThat(h.node.queries().utxos(ALICE.address()))
        .extracting(LedgerQueries.Utxo::position)
        .containsExactly(OutputPosition.of(forged.blkNum(), 0, 0));
  }

  @Test
  void theFeeTransactionClaimsMoreThanWasPaid() {
    OutputPosition dep = deposit(1000);
    h.send(pay(ALICE, dep, 1000, BOB.address(), 500));
    hostility.overclaimFee(ETH, BigInteger.valueOf(5000));
    BlockRecord block = h.formBlock();

    SignedTransaction fee = servedTxs(block.blkNum()).getLast();
    assertThat(fee.tx().isFee()).isTrue();
    assertThat(fee.tx().outputs())
        .containsExactly(new Output(FEE_BENEFICIARY, ETH, FEE.add(BigInteger.valueOf(5000))));
    // one-shot: the next block claims only what was paid
    h.send(pay(BOB, OutputPosition.of(block.blkNum(), 0, 0), 500, ALICE.address(), 100));
    SignedTransaction nextFee = servedTxs(h.formBlock().blkNum()).getLast();
    assertThat(nextFee.tx().outputs()).containsExactly(new Output(FEE_BENEFICIARY, ETH, FEE));
  }

  @Test
  void withheldBlocksAreSubmittedButNeverServedWhileTransactionsKeepBeingAccepted()
      throws Exception {
    OutputPosition dep = deposit(1000);
    hostility.startWithholding();
    SignedTransaction inFlight = pay(ALICE, dep, 1000, BOB.address(), 500);
    assertThat(h.send(inFlight).isOk()).isTrue();
    BlockRecord withheld = h.formBlock();
    h.node.pollRootChain();

    assertThat(h.chain.submittedRoots()).containsEntry(withheld.blkNum(), withheld.root());
    assertThat(hostility.withheldBlocks()).containsExactly(withheld.blkNum());
    JsonNode error = rpc("plasma_getBlock", "[" + withheld.blkNum() + "]").get("error");
    assertThat(error.get("code").asInt()).isEqualTo(RpcError.NOT_FOUND.code());
    assertThat(h.node.queries().transaction(inFlight.txHash())).isEmpty();
    assertThat(h.node.queries().utxos(BOB.address())).isEmpty();
    assertThat(h.node
            .queries()
            .exitData(OutputPosition.of(withheld.blkNum(), 0, 0))
            .isOk())
        .isFalse();

    // honest transactions keep coming in, and blocks formed after withholding stops are served
    // again
    OutputPosition dep2 = deposit(1000);
    assertThat(h.send(pay(ALICE, dep2, 1000, BOB.address(), 300)).isOk()).isTrue();
    hostility.stopWithholding();
    BlockRecord served = h.formBlock();
    assertThat(rpc("plasma_getBlock", "[" + served.blkNum() + "]")
            .get("result")
            .get("root")
            .asText())
        .isEqualTo(served.root().toHex());
    assertThat(h.node.queries().block(withheld.blkNum())).isEmpty();
  }

  @Test
  void aStoppedOperatorAcceptsTransactionsButSubmitsNothing() {
    hostility.stopSubmitting();
    OutputPosition dep = deposit(1000);
    assertThat(h.send(pay(ALICE, dep, 1000, BOB.address(), 500)).isOk()).isTrue();
    h.formBlock();
    OutputPosition dep2 = deposit(1000);
    assertThat(h.send(pay(ALICE, dep2, 1000, BOB.address(), 500)).isOk()).isTrue();
    h.formBlock();
    for (int i = 0; i < 5; i++) {
      h.node.pollRootChain();
    }
    assertThat(h.chain.sentNonces).isEmpty();
    assertThat(h.chain.submittedCount()).isZero();
    assertThat(h.node.queries().block(2000)).isPresent();

    hostility.resumeSubmitting();
    h.node.pollRootChain();
    assertThat(h.chain.submittedCount()).isEqualTo(2);
  }

  @Test
  void aMisreportedChainIsWhatPlasmaGetChainInfoAnnouncesUntilStopped() throws Exception {
    JsonNode truth = rpc("plasma_getChainInfo", "[]").get("result");
    hostility.misreportChain(1, BOB.address());
    JsonNode lie = rpc("plasma_getChainInfo", "[]").get("result");
    assertThat(lie.get("chainId").asLong()).isEqualTo(1);
    assertThat(lie.get("framework").asText()).isEqualTo(BOB.address().toHex());
    assertThat(lie.get("operator")).isEqualTo(truth.get("operator"));
    hostility.stopMisreportingChain();
    assertThat(rpc("plasma_getChainInfo", "[]").get("result")).isEqualTo(truth);
  }

  @Test
  void theHonestDefaultCannotBeMadeHostile() {
    Hostility honest = Hostility.honest();
    SignedTransaction tx = pay(ALICE, OutputPosition.of(1, 0, 0), 1000, BOB.address(), 500);
    assertThatThrownBy(() -> honest.inject(tx)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(honest::startWithholding).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(honest::stopSubmitting).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> honest.overclaimFee(ETH, BigInteger.ONE))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> honest.misreportChain(1, BOB.address()))
        .isInstanceOf(IllegalStateException.class);
    // an honest devnet operator is wired exactly as a production one: no hook is set
    OperatorNode.Builder builder =
        OperatorNode.builder(NodeHarness.config(Path.of("unused"), 100, 0), h.chain, h.chain);
    assertThat(honest.wire(builder)).isSameAs(builder);
    assertThat(honest.wantsBlock()).isFalse();
  }
}
