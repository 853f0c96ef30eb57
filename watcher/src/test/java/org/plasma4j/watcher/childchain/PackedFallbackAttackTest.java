package org.plasma4j.watcher.childchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.childchain.FetchException.Kind;
import org.plasma4j.watcher.validation.DecodedBlock;

/**
 * A hostile operator switches the watcher between the packed and the hex form, in the middle of a
 * block and for good, and spells its answers so that the two forms disagree. The watcher reads the
 * block it asked for at the indexes it asked for, or a body that cannot pass the committed root:
 * the operator can make it slower, never make it judge another block.
 */
class PackedFallbackAttackTest {

  /** The scripted operator and what it was asked, as the packed form's own tests have them. */
  final PackedBlockBodyTest scripted = new PackedBlockBodyTest();

  final List<String> asked = scripted.asked;

  @AfterEach
  void stop() {
    scripted.stop();
  }

  JsonRpcOperatorBlocks operator(Function<LocalHttp.Ask, String> answer) throws IOException {
    return scripted.operator(answer);
  }

  static String result(String result) {
    return PackedBlockBodyTest.result(result);
  }

  /** Three signed payments: the committed block. */
  static final List<String> BLOCK = List.of(pay(1), pay(2), pay(3));

  static final Bytes32 ROOT = MerkleTree.build(BLOCK.stream()
          .map(t -> TransactionDecoder.decodeSigned(Bytes.fromHex(t).toArray())
              .value()
              .txBytes())
          .toList())
      .root();

  static String pay(int amount) {
    SignedTransaction s = TxBuilder.payment()
        .input(OutputPosition.of(1, 0, 0), DevKeys.ACCOUNT_2)
        .output(DevKeys.ACCOUNT_3, Address.ETH, amount)
        .sign();
    return Hex.encode(s.encode());
  }

  static List<Bytes> bytes(List<String> hex) {
    return hex.stream().map(Bytes::fromHex).toList();
  }

  /**
   * Two transactions packed, then METHOD_NOT_FOUND: the hex form is asked from where the packed
   * form stopped, the block is the committed one, and every later block is asked in hex only.
   */
  @Test
  void aSwitchToHexInTheMiddleOfABlockContinuesAtTheIndexReached() throws Exception {
    int[] bodies = {0};
    var op = operator(a -> {
      if (a.method().equals("plasma_getBlockBody")) {
        return bodies[0]++ == 0
            ? result(LocalHttp.page(a.method(), 1000, 0, 3, BLOCK.subList(0, 2)))
            : LocalHttp.NO_BLOCK_BODY;
      }
      return result(
          LocalHttp.page(a.method(), 1000, a.offset(), 3, BLOCK.subList(a.offset(), BLOCK.size())));
    });
    List<Bytes> read = op.block(1000);
    assertThat(read).isEqualTo(bytes(BLOCK));
    assertThat(DecodedBlock.check(1000, read, ROOT).verified()).isTrue();
    assertThat(op.block(1000)).isEqualTo(bytes(BLOCK));
    assertThat(asked)
        .containsExactly(
            "plasma_getBlockBody 0+8192",
            "plasma_getBlockBody 2+8192",
            "plasma_getBlock 2+8192",
            "plasma_getBlock 0+8192");
  }

  /**
   * After the switch the hex page drops txCount and offset, as an operator that does not page: an
   * operator that does not page answers the first ask with the whole block, so an answer without a
   * count after pages were read is malformed rather than the end of the block.
   */
  @Test
  void aHexPageWithoutTxCountAfterTheSwitchIsMalformed() throws Exception {
    var op = operator(a -> a.method().equals("plasma_getBlockBody")
        ? (a.offset() == 0
            ? result(LocalHttp.page(a.method(), 1000, 0, 3, BLOCK.subList(0, 2)))
            : LocalHttp.NO_BLOCK_BODY)
        : result("{\"blkNum\":1000,\"transactions\":[]}"));
    FetchException e = refusal(op);
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
    assertThat(e.getMessage())
        .isEqualTo(
            "malformed_response: plasma_getBlock txCount null does not fit the transactions sent");
  }

  /**
   * A packed page claiming one txCount and the hex page after the switch another: each page is held
   * to its own count; what is read whole is at its indexes and the root decides.
   */
  @Test
  void countsThatDisagreeAcrossTheFormsYieldNoOtherBlock() throws Exception {
    var op = operator(a -> a.method().equals("plasma_getBlockBody")
        ? (a.offset() == 0
            ? result(LocalHttp.page(a.method(), 1000, 0, 5, BLOCK.subList(0, 2)))
            : LocalHttp.NO_BLOCK_BODY)
        : result(LocalHttp.page(a.method(), 1000, a.offset(), 1, BLOCK.subList(2, 3))));
    FetchException e = refusal(op);
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
    assertThat(e.getMessage())
        .isEqualTo(
            "malformed_response: plasma_getBlock txCount 1 does not fit the transactions sent");
  }

  /**
   * METHOD_NOT_FOUND for both forms is an RPC error after two asks, not a loop between them; the
   * error code read as an int cannot make any other refusal a switch.
   */
  @Test
  void noMethodInEitherFormIsOneRefusalAfterTwoAsks() throws Exception {
    var op = operator(a -> "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":"
        + RpcError.METHOD_NOT_FOUND.code() + ",\"message\":\"no\"}}");
    FetchException e = refusal(op);
    assertThat(e.kind()).isEqualTo(Kind.RPC_ERROR);
    assertThat(e.rpcCode()).isEqualTo(RpcError.METHOD_NOT_FOUND.code());
    assertThat(asked).containsExactly("plasma_getBlockBody 0+8192", "plasma_getBlock 0+8192");
  }

  /** A body key spelled with an escape is the body a JSON parser reads, at its indexes. */
  @Test
  void anEscapedBodyKeyIsReadAsTheBody() throws Exception {
    var op = operator(a -> result(LocalHttp.page(a.method(), 1000, 0, 3, BLOCK)
        .replace("\"body\"", "\"b\\u006fdy\"")
        .replace("\"txCount\"", "\"tx\\u0043ount\"")));
    assertThat(op.block(1000)).isEqualTo(bytes(BLOCK));
  }

  /**
   * A zero-length transaction in the packed body is the empty transaction "0x" is in the hex form:
   * no signed record, so the body fails the block check (it is asked for again), never judged.
   */
  @Test
  void aZeroLengthTransactionIsReadAsInTheHexFormAndCannotPassForTheBlock() throws Exception {
    List<String> withEmpty = List.of(BLOCK.get(0), "0x", BLOCK.get(1));
    var op = operator(a -> result(LocalHttp.page(a.method(), 1000, 0, 3, withEmpty)));
    List<Bytes> read = op.block(1000);
    assertThat(read).isEqualTo(bytes(withEmpty));
    DecodedBlock.Check check = DecodedBlock.check(1000, read, ROOT);
    assertThat(check.verified()).isFalse();
    assertThat(check.problem().error()).isEqualTo("malformed_tx");
  }

  FetchException refusal(JsonRpcOperatorBlocks op) {
    return scripted.refusal(op);
  }
}
