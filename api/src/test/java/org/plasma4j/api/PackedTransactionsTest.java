package org.plasma4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The packed body's layout, its strict reading, and its JSON spelling. */
class PackedTransactionsTest {

  static List<byte[]> unpack(String base64, int maxTxs, int maxTx, long maxBytes) {
    byte[] text = ("xx" + base64 + "yy").getBytes(StandardCharsets.ISO_8859_1);
    return PackedTransactions.unpack(text, 2, text.length - 2, maxTxs, maxTx, maxBytes);
  }

  static String base64(List<byte[]> txs) {
    return new String(PackedTransactions.pack(txs).base64(), StandardCharsets.US_ASCII);
  }

  @Test
  void packedTransactionsReadBackByteForByteFromWithinALargerArray() {
    Random r = new Random(7);
    for (int n : new int[] {0, 1, 2, 3, 100}) {
      List<byte[]> txs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] tx = new byte[r.nextInt(300)];
        r.nextBytes(tx);
        txs.add(tx);
      }
      List<byte[]> read = unpack(base64(txs), n, 300, Long.MAX_VALUE);
      assertThat(read).hasSize(n);
      for (int i = 0; i < n; i++) {
        assertThat(read.get(i)).as("%d of %d", i, n).isEqualTo(txs.get(i));
      }
    }
  }

  @Test
  void theLayoutIsABigEndianLengthThenTheBytes() {
    assertThat(PackedTransactions.pack(List.of(new byte[] {9}, new byte[0])).base64())
        .isEqualTo("AAAAAQkAAAAA".getBytes(StandardCharsets.US_ASCII)); // 00000001 09 00000000
    assertThat(PackedTransactions.base64Size(PackedTransactions.packedSize(1, 2)))
        .isEqualTo(12);
    assertThat(PackedTransactions.packedWithin(12)).isEqualTo(9);
  }

  @Test
  void eachBoundIsRefusedAtTheTransactionThatBreaksIt() {
    String three = base64(List.of(new byte[10], new byte[10], new byte[10]));
    assertThat(unpack(three, 3, 10, 30)).hasSize(3);
    assertThatThrownBy(() -> unpack(three, 2, 10, 30))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("body holds more than 2 transactions");
    assertThatThrownBy(() -> unpack(three, 3, 9, 30))
        .hasMessage("transaction of 10 bytes exceeds 9");
    assertThatThrownBy(() -> unpack(three, 3, 10, 29)).hasMessage("body exceeds 29 bytes");
    // a length of 2^32 - 1 is a length past the bound, not a negative one
    assertThatThrownBy(() -> unpack("/////w==", 3, 10, 30))
        .hasMessage("transaction of 4294967295 bytes exceeds 10");
  }

  @Test
  void onlyCanonicalBase64IsRead() {
    String ok = base64(List.<byte[]>of(new byte[] {1, 2, 3})); // AAAAAwECAw==
    assertThat(ok).isEqualTo("AAAAAwECAw==");
    Map<String, String> bad = Map.of(
        "AAAAAwECAw", "body is not base64: 10 characters",
        "AAAAAwECAx==", "body is not canonical base64: bits set past its last byte",
        "AAAAAwECAw=A", "body is not base64",
        "AAAAAw ECAw=", "body is not base64",
        "AAAAAw\nECAw", "body is not base64",
        "AAAAAw==AAAA", "body is not base64",
        "AAAAAwECAw-_", "body is not base64",
        "====", "body is not base64");
    for (var b : bad.entrySet()) {
      assertThatThrownBy(() -> unpack(b.getKey(), 10, 10, 100))
          .as(b.getKey())
          .isInstanceOf(OperatorRpcReader.Malformed.class)
          .hasMessageStartingWith(b.getValue());
    }
    assertThat(unpack("AAAAAwECAw==", 1, 3, 3)).hasSize(1);
    // one pad: the last digit's low two bits are past the body
    assertThat(unpack("AAAABAECAwQ=", 1, 4, 4)).containsExactly(new byte[] {1, 2, 3, 4});
    assertThatThrownBy(() -> unpack("AAAABAECAwR=", 1, 4, 4))
        .hasMessage("body is not canonical base64: bits set past its last byte");
    assertThat(unpack("", 0, 0, 0)).isEmpty();
  }

  @Test
  void aTruncatedPrefixOrALengthPastTheEndIsMalformed() {
    assertThatThrownBy(() -> unpack("AAAA", 10, 10, 100))
        .hasMessage("body ends inside a length prefix at byte 0");
    assertThatThrownBy(() -> unpack("AAAAAQkA", 10, 10, 100)) // 00000001 09 00: a byte past
        .hasMessage("body ends inside a length prefix at byte 5");
    assertThatThrownBy(() -> unpack("AAAAAgk=", 10, 10, 100)) // 00000002 09: one short
        .hasMessage("transaction of 2 bytes runs past the body's end at byte 4 of 5");
  }

  /** What the operator writes: the base64 as one JSON string, whichever generator writes it. */
  @Test
  void writtenAsOneJsonStringOverBytesAndOverChars() throws Exception {
    record Page(int offset, PackedTransactions body) {}
    Page page = new Page(3, PackedTransactions.pack(List.of(new byte[] {9}, new byte[0])));
    ObjectMapper json = new ObjectMapper();
    String expected = "{\"offset\":3,\"body\":\"AAAAAQkAAAAA\"}";
    assertThat(new String(json.writeValueAsBytes(page), StandardCharsets.UTF_8))
        .isEqualTo(expected);
    assertThat(json.writeValueAsString(page)).isEqualTo(expected);
  }

  @Test
  void aSplicedAnswerLeavesTheBodyInItsBytesAndParsesTheRest() throws Exception {
    byte[] answer = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":7,\"body\":\"QUJD\","
            + "\"txCount\":1}}")
        .getBytes(StandardCharsets.UTF_8);
    var spliced = OperatorRpcReader.parseLeaving(answer, "body");
    assertThat(new String(answer, spliced.from(), spliced.to() - spliced.from(), "UTF-8"))
        .isEqualTo("QUJD");
    assertThat(spliced.response().get("result").toString())
        .isEqualTo("{\"blkNum\":7,\"txCount\":1}");
    assertThat(spliced.response().get("id").asInt()).isEqualTo(1);
    // an error answer has no body; a body that is not a string is left in the tree
    var error = OperatorRpcReader.parseLeaving(
        "{\"error\":{\"code\":-32601},\"result\":{\"body\":5}}".getBytes(StandardCharsets.UTF_8),
        "body");
    assertThat(error.from()).isEqualTo(-1);
    assertThat(error.response().get("result").get("body").asInt()).isEqualTo(5);
    assertThat(OperatorRpcReader.parseLeaving("[1]".getBytes(StandardCharsets.UTF_8), "body")
            .response())
        .isNull();
    // JSON in UTF-16 parses, but its string is not at a byte offset the reader could take
    byte[] utf16 = "{\"result\":{\"body\":\"QUJD\"}}".getBytes(StandardCharsets.UTF_16BE);
    assertThatThrownBy(() -> OperatorRpcReader.parseLeaving(utf16, "body"))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("not UTF-8");
  }
}
