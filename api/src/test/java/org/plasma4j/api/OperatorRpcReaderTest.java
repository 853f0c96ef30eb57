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
        .hasMessage("not a quantity: \"ten\"");
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"position\":1.5,\"txBytes\":\"0x\",\"proof\":\"0x\",\"blockTimestamp\":1}"),
            OperatorRpc.ExitData.class))
        .as("a fraction is no quantity")
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("not a quantity: 1.5");
  }

  @Test
  void aRecordWithFieldsOfOtherTypesIsNotReadHere() throws Exception {
    assertThatThrownBy(() -> OperatorRpcReader.read(json("{}"), OperatorRpc.Transaction.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class);
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"txHash\":\"0x\",\"status\":\"formed\",\"blkNum\":1,\"txIndex\":0,"
                + "\"signedTx\":\"0x\"}"),
            OperatorRpc.Transaction.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Transaction.blkNum is not read here");
  }

  @Test
  void aQuantityBeyondItsFieldsTypeIsMalformedNotWrapped() throws Exception {
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"position\":\"0x10000000000000000\",\"txBytes\":\"0x\",\"proof\":\"0x\","
                + "\"blockTimestamp\":1}"),
            OperatorRpc.ExitData.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("out of range: \"0x10000000000000000\"");
    // an int field above 2^31 would otherwise wrap to another index
    assertThatThrownBy(() -> OperatorRpcReader.read(
            json("{\"position\":1000000000,\"spendingTx\":\"0xaa\",\"inputIndex\":4294967299,"
                + "\"signature\":\"0xbb\"}"),
            OperatorRpc.ChallengeData.class))
        .isInstanceOf(OperatorRpcReader.Malformed.class)
        .hasMessage("out of range: 4294967299");
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
}
