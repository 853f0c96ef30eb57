package org.plasma4j.operator.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.DOMAIN;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.TOKEN;
import static org.plasma4j.operator.testing.TestChain.pay;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.rpc.Hex;
import org.plasma4j.node.rpc.JsonRpcHttpServer;
import org.plasma4j.operator.ledger.Ledger;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.RpcHttp;
import org.plasma4j.operator.testing.TestChain;

/**
 * One HTTP-level test per error of docs/rpc-errors.md: the exact code, a message, nothing stored,
 * and the server still serving (a valid transaction is accepted right after).
 */
class RpcErrorsTest {

  private FailingStore store;
  private NodeHarness h;
  private OutputPosition dep1;
  private OutputPosition dep2;

  @BeforeEach
  void start() {
    store = new FailingStore();
    h = NodeHarness.start(
        TestChain.rootChain(0), store, NodeHarness.config(Path.of("unused"), 100, 0), b -> b);
    dep1 = h.chain.deposit(ALICE.address(), ETH, 1000);
    dep2 = h.chain.deposit(ALICE.address(), ETH, 1000);
    h.node.pollRootChain();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  // ---- helpers

  private JsonNode post(String body) throws Exception {
    return new RpcHttp(h).post(body);
  }

  private static String call(String method, String paramsJson) {
    return RpcHttp.call(method, paramsJson);
  }

  private static String send(byte[] signed) {
    return call("plasma_sendTransaction", "[\"" + Hex.encode(signed) + "\"]");
  }

  private int pending() {
    return h.node.writer().call(Ledger::pendingCount).join();
  }

  /**
   * Posts {@code body}, checks the error, that nothing changed, and that a valid send then works.
   */
  private JsonNode assertRejected(String body, RpcError expected) throws Exception {
    return assertRejected(body, expected, null);
  }

  private JsonNode assertRejected(String body, RpcError expected, Bytes32 txHash) throws Exception {
    int pendingBefore = pending();
    int utxosBefore = h.node.queries().utxos(ALICE.address()).size();
    JsonNode response = post(body);
    JsonNode error = response.isArray() ? response.get(0).get("error") : response.get("error");
    assertThat(error).as(response.toString()).isNotNull();
    assertThat(error.get("code").asInt()).as(response.toString()).isEqualTo(expected.code());
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(pending()).as("nothing stored").isEqualTo(pendingBefore);
    assertThat(h.node.queries().utxos(ALICE.address())).hasSize(utxosBefore);
    if (txHash != null) {
      JsonNode lookup = post(call("plasma_getTransaction", "[\"" + txHash.toHex() + "\"]"));
      assertThat(lookup.path("error").path("code").asInt()).isEqualTo(RpcError.NOT_FOUND.code());
    }
    assertValidSendStillWorks();
    return error;
  }

  private void assertValidSendStillWorks() throws Exception {
    OutputPosition free = h.node.queries().utxos(ALICE.address()).getFirst().position();
    SignedTransaction ok = pay(ALICE, free, 1000, BOB.address(), 500);
    JsonNode r = post(send(ok.encode()));
    assertThat(r.path("result").path("txHash").asText())
        .as(r.toString())
        .isEqualTo(ok.txHash().toHex());
  }

  private void assertTxRejected(SignedTransaction tx, RpcError expected) throws Exception {
    assertRejected(send(tx.encode()), expected, tx.txHash());
  }

  private static SignedTransaction payment(
      List<OutputPosition> inputs, List<Output> outputs, int keys) {
    return TransactionSigner.sign(
        Transaction.payment(inputs, outputs), DOMAIN, Collections.nCopies(keys, ALICE));
  }

  private static Output eth(Address to, long amount) {
    return Output.of(to, ETH, amount);
  }

  // ---- JSON-RPC framing

  @Test
  void garbageIsAParseError() throws Exception {
    assertRejected("{this is not json", RpcError.PARSE_ERROR);
  }

  @Test
  void jsonThatIsNotJsonRpcIsAnInvalidRequest() throws Exception {
    assertRejected(
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"plasma_getBlockNumber\"}",
        RpcError.INVALID_REQUEST);
  }

  @Test
  void anEmptyBatchIsAnInvalidRequest() throws Exception {
    assertRejected("[]", RpcError.INVALID_REQUEST);
  }

  @Test
  void unknownMethod() throws Exception {
    assertRejected(call("plasma_mintMoney", "[]"), RpcError.METHOD_NOT_FOUND);
  }

  @Test
  void wrongParamCount() throws Exception {
    assertRejected(call("plasma_sendTransaction", "[]"), RpcError.INVALID_PARAMS);
  }

  @Test
  void badHex() throws Exception {
    assertRejected(call("plasma_sendTransaction", "[\"0xzz\"]"), RpcError.INVALID_PARAMS);
  }

  @Test
  void notAnOutputPosition() throws Exception {
    assertRejected(call("plasma_getExitData", "[1000099999]"), RpcError.INVALID_PARAMS);
  }

  @Test
  void aStorageFailureIsAnInternalErrorAndAcknowledgesNothing() throws Exception {
    store.failCommits = true;
    SignedTransaction tx = pay(ALICE, dep1, 1000, BOB.address(), 500);
    JsonNode r = post(send(tx.encode()));
    store.failCommits = false;
    assertThat(r.path("error").path("code").asInt()).isEqualTo(RpcError.INTERNAL_ERROR.code());
    assertThat(pending()).isZero();
    assertThat(post(send(tx.encode())).path("result").path("txHash").asText())
        .as("the failed group left no trace in memory")
        .isEqualTo(tx.txHash().toHex());
  }

  // ---- transaction format

  @Test
  void malformedRlp() throws Exception {
    assertRejected(send(new byte[] {(byte) 0x81, 0x05}), RpcError.MALFORMED_RLP);
  }

  @Test
  void malformedTransaction() throws Exception {
    assertRejected(
        send(Rlp.encodeList(Rlp.encodeUint(1), Rlp.encodeUint(2))), RpcError.MALFORMED_TRANSACTION);
  }

  @Test
  void tooManyInputs() throws Exception {
    List<OutputPosition> five = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      five.add(OutputPosition.of(i, 0, 0));
    }
    assertTxRejected(payment(five, List.of(eth(BOB.address(), 1)), 5), RpcError.TOO_MANY_INPUTS);
  }

  @Test
  void tooManyOutputs() throws Exception {
    assertTxRejected(
        payment(List.of(dep1), Collections.nCopies(5, eth(BOB.address(), 1)), 1),
        RpcError.TOO_MANY_OUTPUTS);
  }

  @Test
  void noOutputs() throws Exception {
    assertTxRejected(payment(List.of(dep1), List.of(), 1), RpcError.TOO_MANY_OUTPUTS);
  }

  @Test
  void zeroAmount() throws Exception {
    assertTxRejected(
        payment(List.of(dep1), List.of(eth(BOB.address(), 990), eth(BOB.address(), 0)), 1),
        RpcError.ZERO_AMOUNT);
  }

  /** Every exit game pays below 2^192, so the operator takes no output it could not pay. */
  @Test
  void amountTooLarge() throws Exception {
    BigInteger limit = BigInteger.ONE.shiftLeft(192);
    for (BigInteger amount : List.of(limit, BigInteger.ONE.shiftLeft(255))) {
      assertTxRejected(
          payment(
              List.of(dep1),
              List.of(eth(BOB.address(), 990), new Output(BOB.address(), ETH, amount)),
              1),
          RpcError.AMOUNT_TOO_LARGE);
    }
  }

  /** An input must name an output some block could hold, as the contracts' decoder requires. */
  @Test
  void invalidInputPosition() throws Exception {
    byte[] tx = Rlp.encodeList(
        Rlp.encodeUint(1),
        Rlp.encodeList(Rlp.encodeUint(dep1.encode() + 4)),
        Rlp.encodeList(eth(BOB.address(), 1).encode()),
        Rlp.encodeBytes(new byte[32]));
    byte[] signed = Rlp.encodeList(tx, Rlp.encodeList(Rlp.encodeBytes(new byte[65])), domainRlp());
    assertRejected(send(signed), RpcError.INVALID_INPUT_POSITION);
  }

  /** A payment without inputs is a deposit, with one output. */
  @Test
  void depositNotOneOutput() throws Exception {
    assertRejected(
        send(payment(List.of(), List.of(eth(BOB.address(), 1), eth(BOB.address(), 2)), 0)
            .encode()),
        RpcError.DEPOSIT_NOT_ONE_OUTPUT);
  }

  private static byte[] domainRlp() {
    return Rlp.encodeList(
        Rlp.encodeUint(DOMAIN.chainId()),
        Rlp.encodeBytes(DOMAIN.verifyingContract().value()));
  }

  @Test
  void duplicateInputs() throws Exception {
    assertTxRejected(
        payment(List.of(dep1, dep1), List.of(eth(BOB.address(), 1990)), 2),
        RpcError.DUPLICATE_INPUTS);
  }

  @Test
  void wrongSignatureCount() throws Exception {
    SignedTransaction one = pay(ALICE, dep1, 1000, BOB.address(), 500);
    SignedTransaction two = SignedTransaction.of(
        one.tx(), List.of(one.signatures().getFirst(), one.signatures().getFirst()), DOMAIN);
    assertTxRejected(two, RpcError.WRONG_SIGNATURE_COUNT);
  }

  @Test
  void malleableSignature() throws Exception {
    SignedTransaction good = pay(ALICE, dep1, 1000, BOB.address(), 500);
    byte[] sig = good.signatures().getFirst().value();
    sig[64] = 29;
    assertTxRejected(
        SignedTransaction.of(good.tx(), List.of(new Signature(sig)), DOMAIN),
        RpcError.MALLEABLE_SIGNATURE);
  }

  @Test
  void invalidSignature() throws Exception {
    SignedTransaction good = pay(ALICE, dep1, 1000, BOB.address(), 500);
    byte[] sig = new byte[65];
    sig[63] = 1; // r = 0 recovers to no key
    sig[64] = 27;
    assertTxRejected(
        SignedTransaction.of(good.tx(), List.of(new Signature(sig)), DOMAIN),
        RpcError.INVALID_SIGNATURE);
  }

  @Test
  void wrongChainId() throws Exception {
    Transaction tx = pay(ALICE, dep1, 1000, BOB.address(), 500).tx();
    assertTxRejected(
        TransactionSigner.sign(tx, new Domain(1, TestChain.FRAMEWORK), ALICE),
        RpcError.WRONG_CHAIN_ID);
  }

  @Test
  void anAcceptedBodyResentWithAForgedSignatureIsUnauthorized() throws Exception {
    SignedTransaction accepted = pay(ALICE, dep1, 1000, BOB.address(), 500);
    assertThat(post(send(accepted.encode())).path("result").path("txHash").asText())
        .isEqualTo(accepted.txHash().toHex());
    SignedTransaction forged =
        TransactionSigner.sign(accepted.tx(), DOMAIN, BOB); // same body, Bob's key
    assertThat(forged.txHash()).isEqualTo(accepted.txHash());
    assertRejected(send(forged.encode()), RpcError.UNAUTHORIZED_SPEND);
    assertStoredAsAccepted(accepted);
  }

  @Test
  void anAcceptedBodyResentForAnotherChainIsWrongChainId() throws Exception {
    SignedTransaction accepted = pay(ALICE, dep1, 1000, BOB.address(), 500);
    assertThat(post(send(accepted.encode())).has("result")).isTrue();
    SignedTransaction otherChain =
        TransactionSigner.sign(accepted.tx(), new Domain(1, TestChain.FRAMEWORK), ALICE);
    assertThat(otherChain.txHash()).isEqualTo(accepted.txHash());
    Domain otherFramework = new Domain(TestChain.CHAIN_ID, Address.fromHex("0x" + "01".repeat(20)));
    JsonNode wrongContract =
        post(send(TransactionSigner.sign(accepted.tx(), otherFramework, ALICE).encode()));
    assertThat(wrongContract.path("error").path("code").asInt())
        .isEqualTo(RpcError.WRONG_VERIFYING_CONTRACT.code());
    assertRejected(send(otherChain.encode()), RpcError.WRONG_CHAIN_ID);
    assertStoredAsAccepted(accepted);
    // the genuine resend is still acknowledged, idempotently
    assertThat(post(send(accepted.encode())).path("result").path("txHash").asText())
        .isEqualTo(accepted.txHash().toHex());
  }

  private void assertStoredAsAccepted(SignedTransaction accepted) throws Exception {
    JsonNode stored = post(call(
            "plasma_getTransaction", "[\"" + accepted.txHash().toHex() + "\"]"))
        .get("result");
    assertThat(stored.get("signedTx").asText()).isEqualTo(Hex.encode(accepted.encode()));
  }

  @Test
  void wrongVerifyingContract() throws Exception {
    Transaction tx = pay(ALICE, dep1, 1000, BOB.address(), 500).tx();
    Domain other = new Domain(TestChain.CHAIN_ID, Address.fromHex("0x" + "01".repeat(20)));
    assertTxRejected(TransactionSigner.sign(tx, other, ALICE), RpcError.WRONG_VERIFYING_CONTRACT);
  }

  @Test
  void payloadTooLargeTransaction() throws Exception {
    assertRejected(send(new byte[2049]), RpcError.PAYLOAD_TOO_LARGE);
  }

  @Test
  void payloadTooLargeBatch() throws Exception {
    String many = String.join(",", Collections.nCopies(10_001, "\"0x00\""));
    assertRejected(call("plasma_sendTransactions", "[[" + many + "]]"), RpcError.PAYLOAD_TOO_LARGE);
  }

  @Test
  void payloadTooLargeBody() throws Exception {
    assertRejected(" ".repeat(JsonRpcHttpServer.MAX_BODY_BYTES + 1), RpcError.PAYLOAD_TOO_LARGE);
  }

  // ---- state

  @Test
  void unauthorizedSpend() throws Exception {
    assertTxRejected(pay(BOB, dep1, 1000, BOB.address(), 500), RpcError.UNAUTHORIZED_SPEND);
  }

  @Test
  void unknownInput() throws Exception {
    assertTxRejected(
        pay(ALICE, OutputPosition.of(5000, 0, 0), 1000, BOB.address(), 500),
        RpcError.UNKNOWN_INPUT);
  }

  @Test
  void spentInput() throws Exception {
    assertThat(post(send(pay(ALICE, dep2, 1000, BOB.address(), 500).encode())).has("result"))
        .isTrue();
    assertTxRejected(pay(ALICE, dep2, 1000, BOB.address(), 400), RpcError.SPENT_INPUT);
  }

  @Test
  void exitingInput() throws Exception {
    h.chain.startExit(dep2, ALICE.address());
    h.node.pollRootChain();
    assertTxRejected(pay(ALICE, dep2, 1000, BOB.address(), 500), RpcError.EXITING_INPUT);
  }

  @Test
  void amountsDoNotBalance() throws Exception {
    assertTxRejected(
        payment(List.of(dep1), List.of(eth(BOB.address(), 1001)), 1),
        RpcError.AMOUNTS_DO_NOT_BALANCE);
  }

  @Test
  void feeNotCovered() throws Exception {
    assertTxRejected(
        payment(List.of(dep1), List.of(eth(BOB.address(), 995)), 1), RpcError.FEE_NOT_COVERED);
  }

  @Test
  void feeOverpaid() throws Exception {
    assertTxRejected(
        payment(List.of(dep1), List.of(eth(BOB.address(), 980)), 1), RpcError.FEE_OVERPAID);
  }

  @Test
  void unsupportedFeeToken() throws Exception {
    OutputPosition tokens = h.chain.deposit(ALICE.address(), TOKEN, 1000);
    h.node.pollRootChain();
    SignedTransaction tx = TransactionSigner.sign(
        Transaction.payment(List.of(tokens), List.of(Output.of(BOB.address(), TOKEN, 990))),
        DOMAIN,
        ALICE);
    assertTxRejected(tx, RpcError.UNSUPPORTED_FEE_TOKEN);
  }

  @Test
  void notAPayment() throws Exception {
    Transaction fee = new Transaction(
        Transaction.TYPE_FEE, List.of(), List.of(eth(BOB.address(), 10)), Bytes32.ofUint(1000));
    assertTxRejected(SignedTransaction.of(fee, List.of(), DOMAIN), RpcError.NOT_A_PAYMENT);
  }

  @Test
  void notFoundBlock() throws Exception {
    assertRejected(call("plasma_getBlock", "[5000]"), RpcError.NOT_FOUND);
  }

  @Test
  void notFoundBlockLeaves() throws Exception {
    assertRejected(call("plasma_getBlockLeaves", "[5000]"), RpcError.NOT_FOUND);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "[1000, 0, 1, 2]",
        "[-1]",
        "[\"block\"]",
        "[1000, 65537]",
        "[1000, 0, 0]",
        "[1000, 0, 65537]"
      })
  void badBlockLeavesParams(String params) throws Exception {
    assertRejected(call("plasma_getBlockLeaves", params), RpcError.INVALID_PARAMS);
  }

  @Test
  void blockLeavesAreTheBlocksMerkleLeavesAndPage() throws Exception {
    SignedTransaction a = pay(ALICE, dep1, 1000, BOB.address(), 500);
    SignedTransaction b = pay(ALICE, dep2, 1000, BOB.address(), 400);
    post(send(a.encode()));
    post(send(b.encode()));
    h.formBlock();
    JsonNode block = post(call("plasma_getBlock", "[1000]")).get("result");
    JsonNode leaves = post(call("plasma_getBlockLeaves", "[1000]")).get("result");
    assertThat(leaves.get("root").asText()).isEqualTo(block.get("root").asText());
    assertThat(leaves.get("txCount").asInt()).isEqualTo(block.get("txCount").asInt());
    assertThat(leaves.get("submitted").asBoolean()).isFalse();
    List<byte[]> txBytes = new ArrayList<>();
    for (JsonNode signed : block.get("transactions")) {
      byte[] bytes = org.plasma4j.core.types.Hex.decode(signed.asText());
      txBytes.add(TransactionDecoder.decodeSigned(bytes).orElseThrow().txBytes());
    }
    MerkleTree tree = MerkleTree.build(txBytes);
    assertThat(leaves.get("leaves")).hasSize(tree.leafCount());
    for (int i = 0; i < tree.leafCount(); i++) {
      assertThat(leaves.get("leaves").get(i).asText()).isEqualTo(tree.leaf(i).toHex());
    }
    assertThat(leaves.get("leaves").get(0).asText())
        .isEqualTo(MerkleTree.leafHash32(a.txBytes()).toHex());
    JsonNode page = post(call("plasma_getBlockLeaves", "[1000, 1, 1]")).get("result");
    assertThat(page.get("offset").asInt()).isEqualTo(1);
    assertThat(page.get("leaves")).hasSize(1);
    assertThat(page.get("leaves").get(0).asText()).isEqualTo(tree.leaf(1).toHex());
    JsonNode past = post(call("plasma_getBlockLeaves", "[1000, 65536]")).get("result");
    assertThat(past.get("leaves")).isEmpty();
  }

  @Test
  void notFoundExitData() throws Exception {
    assertRejected(
        call("plasma_getExitData", "[" + OutputPosition.of(1000, 0, 0).encode() + "]"),
        RpcError.NOT_FOUND);
  }

  @Test
  void notFoundChallengeData() throws Exception {
    assertRejected(
        call("plasma_getChallengeData", "[" + OutputPosition.of(999, 0, 0).encode() + "]"),
        RpcError.NOT_FOUND);
  }

  @Test
  void batchesAnswerEachCallAndEachTransactionOnItsOwn() throws Exception {
    SignedTransaction ok = pay(ALICE, dep1, 1000, BOB.address(), 500);
    SignedTransaction bad = pay(BOB, dep2, 1000, BOB.address(), 500);
    JsonNode r = post("[" + call("plasma_getBlockNumber", "[]") + "," + call("plasma_nope", "[]")
        + ","
        + call(
            "plasma_sendTransactions",
            "[[\"" + Hex.encode(ok.encode()) + "\",\"" + Hex.encode(bad.encode()) + "\",\"0xzz\"]]")
        + "]");
    assertThat(r.get(0).get("result").asLong()).isZero();
    assertThat(r.get(1).get("error").get("code").asInt())
        .isEqualTo(RpcError.METHOD_NOT_FOUND.code());
    JsonNode entries = r.get(2).get("result");
    assertThat(entries.get(0).get("txHash").asText()).isEqualTo(ok.txHash().toHex());
    assertThat(entries.get(1).get("error").get("code").asInt())
        .isEqualTo(RpcError.UNAUTHORIZED_SPEND.code());
    assertThat(entries.get(2).get("error").get("code").asInt())
        .isEqualTo(RpcError.INVALID_PARAMS.code());
    assertThat(pending()).isEqualTo(1);
  }

  @Test
  void readMethodsAnswer() throws Exception {
    assertThat(post(call("plasma_getFeeSchedule", "[]"))
            .get("result")
            .get(ETH.toHex())
            .asText())
        .isEqualTo("10");
    JsonNode info = post(call("plasma_getChainInfo", "[]")).get("result");
    assertThat(info.get("chainId").asLong()).isEqualTo(TestChain.CHAIN_ID);
    assertThat(info.get("childBlockInterval").asLong()).isEqualTo(1000);
    JsonNode utxos =
        post(call("plasma_getUtxos", "[\"" + ALICE.address().toHex() + "\"]")).get("result");
    assertThat(utxos).hasSize(2);
    assertThat(utxos.get(0).get("amount").asText())
        .isEqualTo(BigInteger.valueOf(1000).toString());
    SignedTransaction tx = pay(ALICE, dep1, 1000, BOB.address(), 500);
    post(send(tx.encode()));
    h.formBlock();
    h.node.pollRootChain();
    JsonNode block = post(call("plasma_getBlock", "[1000]")).get("result");
    assertThat(block.get("submitted").asBoolean()).isTrue();
    assertThat(block.get("transactions")).hasSize(2);
    JsonNode found =
        post(call("plasma_getTransaction", "[\"" + tx.txHash().toHex() + "\"]")).get("result");
    assertThat(found.get("blkNum").asLong()).isEqualTo(1000);
    JsonNode exit = post(call(
            "plasma_getExitData", "[" + OutputPosition.of(1000, 0, 0).encode() + "]"))
        .get("result");
    assertThat(exit.get("proof").asText()).hasSize(2 + 2 * 512);
    JsonNode challenge =
        post(call("plasma_getChallengeData", "[" + dep1.encode() + "]")).get("result");
    assertThat(challenge.get("spendingTx").asText()).isEqualTo(Hex.encode(tx.txBytes()));
    assertThat(post(call("plasma_getBlockNumber", "[]")).get("result").asLong()).isEqualTo(1000);
  }
}
