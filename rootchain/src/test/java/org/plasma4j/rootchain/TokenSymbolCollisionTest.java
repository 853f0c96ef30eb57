package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A token names itself: a hostile ERC20 whose symbol() is "ETH" and decimals() 18 must not read
 * like ETH, else 'wallet utxos' and 'wallet balance' show an output of it as "ETH 100" and a payee
 * takes it for ether. The node here answers eth_call like such a token (symbol "ETH", decimals 18).
 */
class TokenSymbolCollisionTest {

  private static final String SYMBOL = "0x95d89b41";
  private static final String DECIMALS = "0x313ce567";
  private HttpServer node;
  private volatile String symbol = "ETH";
  private Web3j web3j;

  @BeforeEach
  void start() throws Exception {
    node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    node.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String id = body.replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1");
      String result;
      if (body.contains(SYMBOL.substring(2))) {
        // abi.encode(symbol), a short string
        String hex = java.util.HexFormat.of().formatHex(symbol.getBytes(StandardCharsets.US_ASCII));
        result = "0x" + "0".repeat(62) + "20" + String.format("%064x", symbol.length()) + hex
            + "0".repeat(64 - hex.length());
      } else if (body.contains(DECIMALS.substring(2))) {
        result = "0x" + "0".repeat(62) + "12";
      } else {
        result = "0x";
      }
      byte[] out = ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"" + result + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    node.start();
    web3j = Web3j.build(new HttpService("http://127.0.0.1:" + node.getAddress().getPort()));
  }

  @AfterEach
  void stop() {
    web3j.shutdown();
    node.stop(0);
  }

  @Test
  void aTokenCallingItselfEthDoesNotReadAsEther() {
    Address fake = Address.fromHex("0x" + "66".repeat(20));
    TokenUnits units = TokenUnits.of(new TokenProbe(web3j), fake);
    assertThat(units.decimals()).isEqualTo(18); // the node answered as the token
    BigInteger hundred = BigInteger.TEN.pow(20);
    assertThat(units.label())
        .as("the label a table shows beside the amount")
        .isNotEqualTo(TokenUnits.ETH.label());
    assertThat(units.format(hundred))
        .as("what 'send' and 'deposit' print")
        .isNotEqualTo(TokenUnits.ETH.format(hundred));
    assertThat(units.format(hundred)).isEqualTo("100 ETH?(0x6666\u20266666)");
  }

  @Test
  void anyCaseOfEthIsMarked() {
    symbol = "eTh";
    assertThat(TokenUnits.of(new TokenProbe(web3j), Address.fromHex("0x" + "66".repeat(20)))
            .label())
        .isEqualTo("eTh?(0x6666\u20266666)");
  }

  @Test
  void aSymbolAnotherKnownTokenShowsIsMarkedButTheTokenItselfIsNot() {
    symbol = "PDT";
    Address devToken = Address.fromHex("0x" + "12".repeat(20));
    Address copy = Address.fromHex("0x" + "34".repeat(20));
    java.util.Map<String, Address> known = java.util.Map.of("PDT", devToken);
    assertThat(TokenUnits.of(new TokenProbe(web3j), devToken, known).label()).isEqualTo("PDT");
    assertThat(TokenUnits.of(new TokenProbe(web3j), copy, known).label())
        .isEqualTo("PDT?(0x3434\u20263434)");
    assertThat(TokenUnits.of(new TokenProbe(web3j), copy).label())
        .as("nothing else reads as PDT")
        .isEqualTo("PDT");
  }
}
