package org.plasma4j.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Eip712;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;

/**
 * The typed data the wallet page hands to {@code eth_signTypedData_v4} hashes, by the generic
 * EIP-712 rules a wallet applies to any JSON (encodeType, encodeData, hashStruct, written here from
 * the EIP without core's code), to exactly the digest core signs and verifies.
 */
class TypedDataTest {

  private static final Domain DOMAIN =
      new Domain(31337, Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"));

  @Test
  void aPaymentsTypedDataHashesToCoresDigest() {
    Transaction tx = Transaction.payment(
        List.of(OutputPosition.of(1000, 3, 1), OutputPosition.of(7, 0, 0)),
        List.of(
            new Output(
                Address.fromHex("0x90f79bf6eb2c4f870365e785982e1f101e93b906"),
                Address.ETH,
                new BigInteger("250000000000000000")),
            new Output(
                Address.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"),
                Address.fromHex("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512"),
                BigInteger.TWO.pow(191))),
        Bytes32.fromHex("0x" + "ab".repeat(32)));
    JsonNode typed = TypedData.of(tx, DOMAIN);

    byte[] digest = Keccak256.hashConcat(
        new byte[] {0x19, 0x01},
        hashStruct(typed.get("types"), "EIP712Domain", typed.get("domain")),
        hashStruct(typed.get("types"), typed.get("primaryType").asText(), typed.get("message")));

    assertThat(Hex.encode(digest)).isEqualTo(Hex.encode(Eip712.digest(tx, DOMAIN)));
  }

  @Test
  void aTransactionWithOneInputAndOneOutputToo() {
    Transaction tx = Transaction.payment(
        List.of(OutputPosition.of(2000, 0, 0)),
        List.of(new Output(
            Address.fromHex("0x90f79bf6eb2c4f870365e785982e1f101e93b906"),
            Address.ETH,
            BigInteger.ONE)));
    JsonNode typed = TypedData.of(tx, DOMAIN);
    byte[] digest = Keccak256.hashConcat(
        new byte[] {0x19, 0x01},
        hashStruct(typed.get("types"), "EIP712Domain", typed.get("domain")),
        hashStruct(typed.get("types"), "Transaction", typed.get("message")));
    assertThat(Hex.encode(digest)).isEqualTo(Hex.encode(Eip712.digest(tx, DOMAIN)));
  }

  @Test
  void aCoinTransfersTypedDataHashesToCoresDigest() {
    // a slot above 2^63: uint64, read unsigned
    CoinTransfer transfer =
        new CoinTransfer(-2L, 7_000, Address.fromHex("0x90f79bf6eb2c4f870365e785982e1f101e93b906"));
    JsonNode typed = TypedData.of(transfer, DOMAIN);
    assertThat(typed.at("/message/slot").asText()).isEqualTo("18446744073709551614");
    byte[] digest = Keccak256.hashConcat(
        new byte[] {0x19, 0x01},
        hashStruct(typed.get("types"), "EIP712Domain", typed.get("domain")),
        hashStruct(typed.get("types"), "CoinTransfer", typed.get("message")));
    assertThat(Hex.encode(digest)).isEqualTo(Hex.encode(transfer.digest(DOMAIN)));
  }

  // ---- EIP-712 by the letter, over JSON ----

  private static byte[] hashStruct(JsonNode types, String type, JsonNode data) {
    return Keccak256.hash(encodeData(types, type, data));
  }

  private static byte[] encodeData(JsonNode types, String type, JsonNode data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Keccak256.hash(encodeType(types, type).getBytes(StandardCharsets.UTF_8)));
    for (JsonNode field : types.get(type)) {
      out.writeBytes(encodeValue(
          types, field.get("type").asText(), data.get(field.get("name").asText())));
    }
    return out.toByteArray();
  }

  private static byte[] encodeValue(JsonNode types, String type, JsonNode value) {
    if (type.endsWith("[]")) {
      String item = type.substring(0, type.length() - 2);
      ByteArrayOutputStream items = new ByteArrayOutputStream();
      for (JsonNode v : value) {
        items.writeBytes(encodeValue(types, item, v));
      }
      return Keccak256.hash(items.toByteArray());
    }
    if (types.has(type)) {
      return hashStruct(types, type, value);
    }
    return switch (type) {
      case "string" -> Keccak256.hash(value.asText().getBytes(StandardCharsets.UTF_8));
      case "uint256", "uint64" -> word(new BigInteger(value.asText()));
      case "address" -> word(new BigInteger(value.asText().substring(2), 16));
      case "bytes32" -> Hex.decode(value.asText());
      default -> throw new IllegalArgumentException("type " + type);
    };
  }

  private static String encodeType(JsonNode types, String primary) {
    TreeSet<String> referenced = new TreeSet<>();
    collect(types, primary, referenced);
    referenced.remove(primary);
    List<String> order = new ArrayList<>();
    order.add(primary);
    order.addAll(referenced);
    StringBuilder s = new StringBuilder();
    for (String t : order) {
      s.append(t).append('(');
      List<String> fields = new ArrayList<>();
      types
          .get(t)
          .forEach(f -> fields.add(f.get("type").asText() + " " + f.get("name").asText()));
      s.append(String.join(",", fields)).append(')');
    }
    return s.toString();
  }

  private static void collect(JsonNode types, String type, TreeSet<String> into) {
    String base = type.replace("[]", "");
    if (!types.has(base) || !into.add(base)) {
      return;
    }
    types.get(base).forEach(f -> collect(types, f.get("type").asText(), into));
  }

  private static byte[] word(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] w = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, w, 32 - n, n);
    return w;
  }
}
