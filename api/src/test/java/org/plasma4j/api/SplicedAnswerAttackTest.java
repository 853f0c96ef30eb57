package org.plasma4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hostile operator spells a plasma_getBlockBody answer so that the body spliced from its bytes
 * differs from what a JSON parser reads from the same answer. Whatever the spelling, the reader
 * either refuses the answer (Malformed, or not JSON) or reads exactly what a standard parser reads:
 * the same fields and the same transactions.
 */
class SplicedAnswerAttackTest {

  private static final ObjectMapper STANDARD = new ObjectMapper();

  /** Two transactions, packed: AAAAAQkAAAACAQI= is [0x09], [0x01, 0x02]. */
  private static final String BODY = "AAAAAQkAAAACAQI=";

  /** How the reader took an answer. */
  private sealed interface Read {}

  private record Refused(String why) implements Read {}

  private record Accepted(JsonNode response, List<byte[]> txs) implements Read {}

  private static Read watcher(byte[] answer) {
    OperatorRpcReader.Spliced s;
    try {
      s = OperatorRpcReader.parseLeaving(answer, "body");
    } catch (OperatorRpcReader.Malformed e) {
      return new Refused("malformed: " + e.getMessage());
    } catch (IOException e) {
      return new Refused("not JSON");
    }
    if (s.from() < 0) {
      return new Refused("no body string");
    }
    try {
      return new Accepted(
          s.response(), PackedTransactions.unpack(answer, s.from(), s.to(), 100, 100, 1000));
    } catch (OperatorRpcReader.Malformed e) {
      return new Refused("body: " + e.getMessage());
    }
  }

  /**
   * The answer read by the reader is read alike by a standard parser: its other fields equal, its
   * body string the base64 of the same transactions.
   */
  private static Read agreesOrRefuses(byte[] answer) throws IOException {
    Read read = watcher(answer);
    if (read instanceof Accepted a) {
      JsonNode standard = STANDARD.readTree(answer);
      JsonNode body = standard.get("result").get("body");
      assertThat(body.isTextual()).isTrue();
      byte[] packed = Base64.getDecoder().decode(body.asText());
      assertThat(packed).isEqualTo(concat(a.txs()));
      ObjectNode rest = standard.deepCopy();
      ((ObjectNode) rest.get("result")).remove("body");
      assertThat(a.response()).isEqualTo(rest);
    }
    return read;
  }

  private static byte[] concat(List<byte[]> txs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] tx : txs) {
      out.writeBytes(new byte[] {0, 0, (byte) (tx.length >>> 8), (byte) tx.length});
      out.writeBytes(tx);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String answer(String result) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + result + "}";
  }

  @Test
  void keysSpelledWithEscapesAreTheKeysAParserReads() throws Exception {
    Read r =
        agreesOrRefuses(utf8("{\"r\\u0065sult\":{\"txCount\":2,\"b\\u006fdy\":\"" + BODY + "\"}}"));
    assertThat(r).isInstanceOf(Accepted.class);
    assertThat(((Accepted) r).txs()).containsExactly(new byte[] {9}, new byte[] {1, 2});
    assertThat(((Accepted) r).response().get("result").get("txCount").asInt()).isEqualTo(2);
  }

  @Test
  void aRepeatedBodyCountsOnlyTheLastAsAParserDoes() throws Exception {
    // a decoy body first, the real one last
    Read last = agreesOrRefuses(utf8(answer("{\"body\":\"AAAAAQE=\",\"body\":\"" + BODY + "\"}")));
    assertThat(((Accepted) last).txs()).hasSize(2);
    // a string body then a number: a parser reads the number, so there is no body
    assertThat(agreesOrRefuses(utf8(answer("{\"body\":\"" + BODY + "\",\"body\":5}"))))
        .isEqualTo(new Refused("no body string"));
    Read numberFirst = agreesOrRefuses(utf8(answer("{\"body\":5,\"body\":\"" + BODY + "\"}")));
    assertThat(((Accepted) numberFirst).txs()).hasSize(2);
    // a repeated result that is not an object drops the first result's body with it
    assertThat(agreesOrRefuses(
            utf8("{\"result\":{\"body\":\"" + BODY + "\"},\"result\":\"" + BODY + "\"}")))
        .isEqualTo(new Refused("no body string"));
    assertThat(agreesOrRefuses(utf8(
            "{\"result\":{\"body\":\"" + BODY + "\"},\"result\":{\"x\":{\"body\":\"AAAA\"}}}")))
        .isEqualTo(new Refused("no body string"));
  }

  @Test
  void aBodyNestedInAnObjectOrArrayOrOutsideTheResultIsNoBody() throws Exception {
    for (String nested : new String[] {
      answer("{\"x\":{\"body\":\"" + BODY + "\"}}"),
      answer("{\"x\":[\"body\",\"" + BODY + "\"],\"y\":[{\"body\":\"" + BODY + "\"}]}"),
      "{\"body\":\"" + BODY + "\",\"result\":{\"txCount\":2}}",
      "{\"result\":[{\"body\":\"" + BODY + "\"}]}",
    }) {
      assertThat(agreesOrRefuses(utf8(nested))).isEqualTo(new Refused("no body string"));
    }
  }

  @Test
  void anEscapeInTheBodyIsRefusedNeverReadAsOtherBytes() throws Exception {
    // each is JSON a parser reads as some string; the reader takes no escape as base64
    for (String body : new String[] {
      BODY.substring(0, 12) + "\\u0041QI=", // an escaped base64 digit
      "AAAAAQkAAAAC\\/QI=", // an escaped slash, a base64 digit
      "AAAAAQkAAAAC\\\"QI=", // an escaped quote: the first quote after the start is not the end
      "AAAAAQkAAA\\\\", // an escaped backslash ending the string
    }) {
      Read r = agreesOrRefuses(utf8(answer("{\"body\":\"" + body + "\"}")));
      assertThat(r).isInstanceOf(Refused.class);
      assertThat(((Refused) r).why()).startsWith("body: body is not base64");
    }
    // a body string cut inside its escape, at the answer's end
    assertThat(watcher(utf8("{\"result\":{\"body\":\"AAAA\\"))).isEqualTo(new Refused("not JSON"));
    assertThat(watcher(utf8("{\"result\":{\"body\":\"AAAA\\\"}}")))
        .isEqualTo(new Refused("not JSON"));
  }

  @Test
  void invalidUtf8AroundOrInTheBodyIsNeverReadAsBase64() throws Exception {
    byte[] prefix = utf8("{\"result\":{\"body\":\"AAAAAQkAAAACAQ");
    byte[] suffix = utf8("\"}}");
    for (byte[] bad : new byte[][] {
      {(byte) 0xC3}, // a lead byte whose continuation would be the closing quote
      {(byte) 0xE2, (byte) 0x80},
      {(byte) 0xFF, 'I', '='},
      {(byte) 0xC0, (byte) 0xBD},
    }) {
      ByteArrayOutputStream a = new ByteArrayOutputStream();
      a.writeBytes(prefix);
      a.writeBytes(bad);
      a.writeBytes(suffix);
      assertThat(watcher(a.toByteArray())).isInstanceOf(Refused.class);
    }
    // invalid UTF-8 in another field is not JSON, as it is to a parser
    byte[] other = utf8("{\"result\":{\"x\":\"..\",\"body\":\"" + BODY + "\"}}");
    other[16] = (byte) 0xC3;
    assertThat(watcher(other)).isEqualTo(new Refused("not JSON"));
  }

  @Test
  void aByteOrderMarkDoesNotShiftTheBody() throws Exception {
    byte[] plain = utf8(answer("{\"txCount\":2,\"body\":  \"" + BODY + "\"}"));
    byte[] bom = new byte[plain.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(plain, 0, bom, 3, plain.length);
    Read r = agreesOrRefuses(bom);
    assertThat(r).isInstanceOf(Accepted.class);
    assertThat(((Accepted) r).txs()).containsExactly(new byte[] {9}, new byte[] {1, 2});
  }

  @Test
  void hugeNumbersAndDeepNestingAreReadAsAParserReadsThemOrRefused() throws Exception {
    Read huge = agreesOrRefuses(utf8(answer("{\"txCount\":1" + "0".repeat(400)
        + ",\"blkNum\":1e400," + "\"offset\":-0.0e-999,\"body\":\"" + BODY + "\"}")));
    assertThat(huge).isInstanceOf(Accepted.class);
    assertThat(((Accepted) huge).response().get("result").get("txCount").canConvertToInt())
        .isFalse();
    // past the parser's bounds: a number's length, a nesting depth
    assertThat(watcher(
            utf8(answer("{\"txCount\":1" + "0".repeat(2000) + ",\"body\":\"" + BODY + "\"}"))))
        .isInstanceOf(Refused.class);
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThat(watcher(utf8(answer("{\"x\":" + deep + ",\"body\":\"" + BODY + "\"}"))))
        .isInstanceOf(Refused.class);
    assertThat(watcher(utf8("{\"x\":" + deep + ",\"result\":{\"body\":\"" + BODY + "\"}}")))
        .isInstanceOf(Refused.class);
  }

  @Test
  void trailingBytesAfterTheAnswerAreIgnoredAsByTheStandardParser() throws Exception {
    Read r = agreesOrRefuses(utf8(answer("{\"body\":\"" + BODY + "\"}") + " \"body\":\"AAAA\""));
    assertThat(((Accepted) r).txs()).hasSize(2);
  }

  @Test
  void lengthPrefixesAtTheSignBitAndZeroAreReadAsTheirUnsignedValue() throws Exception {
    // 0x80000000: 2^31, a length past any bound, not a negative one
    Read sign = agreesOrRefuses(utf8(answer("{\"body\":\"gAAAAAk=\"}")));
    assertThat(sign).isEqualTo(new Refused("body: transaction of 2147483648 bytes exceeds 100"));
    // a zero length is an empty transaction, as "0x" is in the hex form
    Read empty = agreesOrRefuses(utf8(answer("{\"body\":\"AAAAAAAAAAEJ\"}")));
    assertThat(((Accepted) empty).txs()).containsExactly(new byte[0], new byte[] {9});
  }
}
