package org.plasma4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OperatorRpcReaderTest {

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void readsARecordByItsNamesWithNumbersInAnyOfTheirForms() throws Exception {
    OperatorRpc.ChainInfo info = OperatorRpcReader.read(
        json("{\"chainId\":\"0x7a69\",\"framework\":\"0xf0\",\"operator\":\"0x0e\","
            + "\"feeBeneficiary\":\"0x09\",\"childBlockInterval\":\"1000\",\"extra\":1}"),
        OperatorRpc.ChainInfo.class);
    assertThat(info).isEqualTo(new OperatorRpc.ChainInfo(31337, "0xf0", "0x0e", "0x09", 1000));

    OperatorRpc.ChallengeData challenge = OperatorRpcReader.read(
        json("{\"position\":1000000000,\"spendingTx\":\"0xaa\",\"inputIndex\":3,"
            + "\"signature\":\"0xbb\"}"),
        OperatorRpc.ChallengeData.class);
    assertThat(challenge)
        .isEqualTo(new OperatorRpc.ChallengeData(1_000_000_000L, "0xaa", 3, "0xbb"));
  }

  @Test
  void aMissingOrNullFieldAndANonQuantityAreMalformedByName() throws Exception {
    assertThatThrownBy(() ->
            OperatorRpcReader.read(json("{\"txHash\":null}"), OperatorRpc.SentTransaction.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("no 'txHash' in {\"txHash\":null}");
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"position\":\"ten\",\"txBytes\":\"0x\",\"proof\":\"0x\",\"blockTimestamp\":1}"),
            OperatorRpc.ExitData.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("position: not a quantity: \"ten\"");
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"position\":1.5,\"txBytes\":\"0x\",\"proof\":\"0x\",\"blockTimestamp\":1}"),
            OperatorRpc.ExitData.class))
        .as("a fraction is no quantity")
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("position: not a quantity: 1.5");
  }

  @Test
  void aFieldMarkedMayBeAbsentReadsAsNullAndEveryOtherIsRequired() throws Exception {
    OperatorRpc.Transaction pending = OperatorRpcReader.read(
        json("{\"txHash\":\"0x01\",\"status\":\"pending\",\"signedTx\":null}"),
        OperatorRpc.Transaction.class);
    assertThat(pending).isEqualTo(new OperatorRpc.Transaction("0x01", "pending", null, null, null));
    OperatorRpc.Transaction formed = OperatorRpcReader.read(
        json("{\"txHash\":\"0x01\",\"status\":\"formed\",\"blkNum\":\"0x3e8\","
            + "\"txIndex\":2,\"signedTx\":\"0xc0\"}"),
        OperatorRpc.Transaction.class);
    assertThat(formed).isEqualTo(new OperatorRpc.Transaction("0x01", "formed", 1000L, 2, "0xc0"));
    assertThatThrownBy(() -> OperatorRpcReader.read(json("{}"), OperatorRpc.Transaction.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("no 'txHash' in {}");
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"txHash\":\"0x01\",\"status\":\"formed\",\"blkNum\":-1}"),
            OperatorRpc.Transaction.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("blkNum: not a quantity: -1");
  }

  @Test
  void eachFieldMustHaveItsJsonTypeNotAnotherValuesText() throws Exception {
    String block = "{\"blkNum\":1000,\"root\":\"0x11\",\"txCount\":1,\"offset\":0,"
        + "\"transactions\":%s,\"submitted\":%s}";
    OperatorRpc.Block honest = OperatorRpcReader.read(
        json(block.formatted("[\"0xc0\"]", "false")), OperatorRpc.Block.class);
    assertThat(honest.transactions()).containsExactly("0xc0");
    assertThat(honest.submitted()).isFalse();
    assertThat(honest.timestamp()).isNull();
    String[][] hostile = {
      {"\"0xc0\"", "false", "transactions: not an array: \"0xc0\""},
      {"{\"a\":\"0xc0\"}", "false", "transactions: not an array: {\"a\":\"0xc0\"}"},
      {"[\"0xc0\",192]", "false", "transactions[1]: not text: 192"},
      {"[]", "\"true\"", "submitted: not a boolean: \"true\""},
      {"[]", "1", "submitted: not a boolean: 1"},
    };
    for (String[] h : hostile) {
      assertThatThrownBy(() ->
              OperatorRpcReader.read(json(block.formatted(h[0], h[1])), OperatorRpc.Block.class))
          .as(h[2])
          .isInstanceOf(OperatorRpcReader.Malformed.class)
          .hasMessage(h[2]);
    }
    // a number's digits are not a hex string's
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"position\":1,\"txBytes\":1234,\"proof\":\"0x\",\"blockTimestamp\":1}"),
            OperatorRpc.ExitData.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("txBytes: not text: 1234");
    assertThatThrownBy(() -> OperatorRpcReader.read(json("[1,2]"), OperatorRpc.ExitData.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("not an object: [1,2]");
  }

  @Test
  void nestedRecordsAreReadByTheSameRulesAndNamedByTheirPath() throws Exception {
    String proofs = "{\"slot\":\"5\",\"fromBlock\":1000,\"toBlock\":2000,\"entries\":[%s]}";
    OperatorRpc.CoinProofs ok = OperatorRpcReader.read(
        json(proofs.formatted("{\"blkNum\":1000,\"kind\":\"empty\",\"coinRoot\":\"0x00\"}")),
        OperatorRpc.CoinProofs.class);
    assertThat(ok.entries())
        .containsExactly(new OperatorRpc.CoinProof(1000, "empty", "0x00", null, null));
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json(proofs.formatted("{\"blkNum\":1000,\"kind\":7,\"coinRoot\":\"0x00\"}")),
            OperatorRpc.CoinProofs.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("entries[0].kind: not text: 7");
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json(proofs.formatted("{\"blkNum\":1000,\"kind\":\"empty\"}")),
            OperatorRpc.CoinProofs.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("no 'coinRoot' in entries[0] {\"blkNum\":1000,\"kind\":\"empty\"}");
  }

  @Test
  void aRefusalQuotesAtMostALineOfAHugeValue() throws Exception {
    String huge = "x".repeat(1_000_000);
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"position\":\"" + huge + "\",\"txBytes\":\"0x\",\"proof\":\"0x\","
                + "\"blockTimestamp\":1}"),
            OperatorRpc.ExitData.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessageStartingWith("position: not a quantity: \"xxx")
        .hasMessageEndingWith("... (1000002 characters)")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }

  @Test
  void aQuantityBeyondItsFieldsTypeIsMalformedNotWrapped() throws Exception {
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"position\":\"0x10000000000000000\",\"txBytes\":\"0x\",\"proof\":\"0x\","
                + "\"blockTimestamp\":1}"),
            OperatorRpc.ExitData.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("position: out of range: \"0x10000000000000000\"");
    // an int field above 2^31 would otherwise wrap to another index
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"position\":1000000000,\"spendingTx\":\"0xaa\",\"inputIndex\":4294967299,"
                + "\"signature\":\"0xbb\"}"),
            OperatorRpc.ChallengeData.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("inputIndex: out of range: 4294967299");
  }

  @Test
  void aQuantityHasOneSpellingPerValueAndNoSign() throws Exception {
    for (String hostile : new String[] {
      "-1",
      "\"-1\"",
      "\"0x-1\"",
      "\"+5\"",
      "\"0x\"",
      "\"\"",
      "\"1e3\"",
      "\" 5\"",
      "\"\u0663\"",
      "true"
    }) {
      assertThatThrownBy(() -> OperatorRpcReader.quantity(json(hostile)))
          .as(hostile)
          .isInstanceOf(OperatorRpcReader.Malformed.class)
          .hasMessageStartingWith("not a quantity: ");
    }
    assertThat(OperatorRpcReader.quantity(json("\"0X00ff\""))).isEqualTo(255);
    assertThat(OperatorRpcReader.quantity(json("\"0255\""))).isEqualTo(255);
    assertThat(OperatorRpcReader.quantity(json("255"))).isEqualTo(255);
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"position\":1,\"txBytes\":\"0x\",\"proof\":\"0x\",\"blockTimestamp\":-1}"),
            OperatorRpc.ExitData.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class);
    assertThatThrownBy(() -> OperatorRpcReader.unsigned(json("\"0x1" + "0".repeat(16) + "\""), 64))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessageStartingWith("out of range: ");
    assertThat(OperatorRpcReader.unsigned(json("\"18446744073709551615\""), 64).longValue())
        .isEqualTo(-1L);
  }

  @Test
  void everyValueAnHonestOperatorOrANodeSendsReadsUpToItsFieldsBound() throws Exception {
    java.math.BigInteger max256 =
        java.math.BigInteger.ONE.shiftLeft(256).subtract(java.math.BigInteger.ONE);
    for (String zero : new String[] {"0", "\"0\"", "\"0x0\"", "\"0X00\"", "\"000\""}) {
      assertThat(OperatorRpcReader.unsigned(json(zero), 256)).as(zero).isZero();
    }
    for (String max : new String[] {
      max256.toString(),
      "\"" + max256 + "\"",
      "\"0x" + "f".repeat(64) + "\"",
      "\"0X" + "F".repeat(64) + "\"",
      "\"0x00" + "f".repeat(64) + "\""
    }) {
      assertThat(OperatorRpcReader.unsigned(json(max), 256)).as(max).isEqualTo(max256);
    }
    assertThatThrownBy(() ->
            OperatorRpcReader.unsigned(json(max256.add(java.math.BigInteger.ONE).toString()), 256))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessageStartingWith("out of range: ");
    // a long or int field takes its type's largest value, and no more
    OperatorRpc.ChallengeData top = OperatorRpcReader.read(
        json("{\"position\":\"" + Long.MAX_VALUE + "\",\"spendingTx\":\"0xaa\","
            + "\"inputIndex\":\"0x7fffffff\",\"signature\":\"0xbb\"}"),
        OperatorRpc.ChallengeData.class);
    assertThat(top.position()).isEqualTo(Long.MAX_VALUE);
    assertThat(top.inputIndex()).isEqualTo(Integer.MAX_VALUE);
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"position\":1,\"spendingTx\":\"0xaa\",\"inputIndex\":\"0x80000000\","
                + "\"signature\":\"0xbb\"}"),
            OperatorRpc.ChallengeData.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class);
  }

  @Test
  void aQuantityOfMegabytesIsRefusedUnparsedWhileLeadingZerosStillRead() throws Exception {
    // parsing is quadratic in the digits: 4 million took minutes before the bound
    String digits = "f".repeat(4_000_000);
    for (String huge : new String[] {"\"0x" + digits + "\"", "\"" + "9".repeat(4_000_000) + "\""}) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> OperatorRpcReader.unsigned(json(huge), 256))
          .isInstanceOf(OperatorRpcReader.Malformed.class)
          .hasMessageStartingWith("out of range: ");
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(java.time.Duration.ofSeconds(5));
    }
    String zeros = "0".repeat(4_000_000);
    assertThat(OperatorRpcReader.quantity(json("\"0x" + zeros + "ff\""))).isEqualTo(255);
    assertThat(OperatorRpcReader.quantity(json("\"" + zeros + "255\""))).isEqualTo(255);
    assertThat(OperatorRpcReader.unsigned(json("\"" + "9".repeat(77) + "\""), 256))
        .isEqualTo(new java.math.BigInteger("9".repeat(77)));
    assertThatThrownBy(() -> OperatorRpcReader.quantity(json("\"1" + "0".repeat(78) + "\"")))
        .isInstanceOf(OperatorRpcReader.Malformed.class);
  }
}
