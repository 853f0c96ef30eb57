package org.plasma4j.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.TokenUnits;
import org.web3j.protocol.Service;
import org.web3j.protocol.Web3j;

/**
 * Token units as the explorer reads them at its confirmed view, against a node whose answers the
 * tests craft: one that fails a call once, and one whose chain reorganises under the newest view.
 */
class L1ViewUnitsTest {

  private static final Address FRAMEWORK = Address.fromHex("0x" + "f0".repeat(20));
  private static final Address TOKEN = Address.fromHex("0x" + "aa".repeat(20));
  private static final Address TWIN = Address.fromHex("0x" + "bb".repeat(20));
  private static final String SYMBOL = "0x95d89b41";
  private static final String DECIMALS = "0x313ce567";

  /**
   * A node whose blocks 0..head are hashed by their number and the fork they belong to; a reorg
   * changes the fork of every block from 2 up. Reads named by a hash no longer canonical fail, as
   * EIP-1898's requireCanonical makes them. The token answers symbol "USD" and 6 decimals, except
   * that the first {@code failDecimals} decimals calls fail as a busy node's do.
   */
  static final class FakeNode extends Service {
    private final ObjectMapper json = new ObjectMapper();
    long head = 5;
    int fork = 0;
    int failDecimals = 0;
    int decimalsCalls = 0;

    FakeNode() {
      super(false);
    }

    String hash(long n) {
      int f = n >= 2 ? fork : 0;
      return String.format("0x%02x%062x", f + 1, n);
    }

    boolean canonical(String blockHash) {
      for (long n = 0; n <= head; n++) {
        if (hash(n).equals(blockHash)) {
          return true;
        }
      }
      return false;
    }

    @Override
    protected InputStream performIO(String payload) throws java.io.IOException {
      JsonNode req = json.readTree(payload);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.put("jsonrpc", "2.0");
      out.set("id", req.get("id"));
      JsonNode p = req.path("params");
      switch (req.path("method").asText()) {
        case "eth_chainId" -> out.put("result", "0x7a69");
        case "eth_blockNumber" -> out.put("result", "0x" + Long.toHexString(head));
        case "eth_getBlockByNumber" -> {
          long n = Long.decode(p.get(0).asText());
          if (n > head) {
            out.putNull("result");
          } else {
            out.putObject("result")
                .put("number", "0x" + Long.toHexString(n))
                .put("hash", hash(n))
                .put("parentHash", n == 0 ? "0x" + "00".repeat(32) : hash(n - 1))
                .put("timestamp", "0x" + Long.toHexString(1_000 + n));
          }
        }
        case "eth_getLogs" -> out.putArray("result");
        case "eth_getCode" -> {
          // web3j sends this block as the bare hash (no requireCanonical): a node answers it from
          // any block it still has, replaced or not
          if (p.get(1).isObject() && !canonical(p.get(1).path("blockHash").asText())) {
            out.putObject("error").put("code", -32000).put("message", "block not canonical");
          } else {
            String at = p.get(0).asText();
            boolean token = at.equals(TOKEN.toHex()) || at.equals(TWIN.toHex());
            out.put("result", token ? "0x6000" : "0x");
          }
        }
        case "eth_call" -> call(p, out);
        default -> out.putObject("error").put("code", -32601).put("message", "no such method");
      }
      return new ByteArrayInputStream(json.writeValueAsBytes(out));
    }

    private void call(JsonNode p, ObjectNode out) {
      String to = p.get(0).path("to").asText();
      String data = p.get(0).path("data").asText(p.get(0).path("input").asText());
      JsonNode block = p.get(1);
      if (block.isObject() && !canonical(block.path("blockHash").asText())) {
        out.putObject("error").put("code", -32000).put("message", "block not canonical");
        return;
      }
      if (to.equals(FRAMEWORK.toHex())) {
        out.put("result", "0x" + "00".repeat(32)); // no game registered
      } else if (data.startsWith(DECIMALS)) {
        if (decimalsCalls++ < failDecimals) {
          out.putObject("error").put("code", -32005).put("message", "request rate exceeded");
        } else {
          out.put("result", String.format("0x%064x", 6));
        }
      } else if (data.startsWith(SYMBOL)) {
        String usd = "555344" + "00".repeat(29);
        out.put("result", String.format("0x%064x%064x", 32, 3) + usd);
      } else {
        out.putObject("error").put("code", 3).put("message", "execution reverted");
      }
    }

    @Override
    public void close() {}
  }

  private static L1View view(FakeNode node) {
    return new L1View(Web3j.build(node), FRAMEWORK, 1, 2);
  }

  /**
   * A node that fails the decimals call once (busy, rate-limited) at a block that stays canonical
   * must not make the token unknown for good: while it is, every page shows its amounts in base
   * units and the wallet takes what the user types as base units. The next view reads it again.
   */
  @Test
  void aTokenWhoseDecimalsCallFailedOnceIsReadAgainOnTheNextView() {
    FakeNode node = new FakeNode();
    node.failDecimals = 1;
    L1View l1 = view(node);
    l1.asOf();
    TokenUnits first = l1.units(TOKEN);
    assertThat(first.known()).isFalse();
    assertThat(first.format(java.math.BigInteger.valueOf(1_500_000)))
        .isEqualTo("1500000 base units of " + TOKEN.toHex());

    node.head = 6;
    l1.asOf();
    TokenUnits second = l1.units(TOKEN);
    assertThat(second.symbol()).contains("USD");
    assertThat(second.decimals()).isEqualTo(6);
    assertThat(second.format(java.math.BigInteger.valueOf(1_500_000))).isEqualTo("1.5 USD");
    assertThat(node.decimalsCalls).isEqualTo(2);
  }

  /**
   * The wallet's routes read token units without taking a view of their own: after a reorg replaced
   * the newest view's block, each attempt used to read at that same stale view, so every retry
   * failed and the route answered l1_reorging until some other page took a new view. The retry must
   * take a new view and answer.
   */
  @Test
  void unitsAfterAReorgReplacedTheNewestViewAreAnsweredFromANewView() {
    FakeNode node = new FakeNode();
    L1View l1 = view(node);
    L1View.AsOf before = l1.asOf();
    assertThat(before.block()).isEqualTo(3);

    node.fork = 1; // blocks 2.. replaced
    ApiRoutes.Request request = new ApiRoutes.Request("GET", "", Map.of(), null);
    ApiRoutes.Route walletTokens = r -> {
      TokenUnits u = l1.units(TOKEN);
      return JsonNodeFactory.instance
          .objectNode()
          .put("symbol", u.label())
          .put("decimals", u.decimals());
    };
    JsonNode answer = ApiRoutes.answer(walletTokens, request, ApiRoutes.REORG_ATTEMPTS);
    assertThat(answer.path("symbol").asText()).isEqualTo("USD");
    assertThat(answer.path("decimals").asInt()).isEqualTo(6);
  }

  /**
   * Anyone can deploy a token whose symbol() is another token's ("USD") and deposit and pay it: the
   * explorer must not show both plain, or a payee reads a worthless token's balance as the real
   * one's. Whichever is read first, both are marked with their address.
   */
  @Test
  void twoTokensStatingTheSameSymbolAreBothMarkedWithTheirAddress() {
    FakeNode node = new FakeNode();
    L1View l1 = view(node);
    l1.asOf();
    assertThat(l1.units(TOKEN).label()).isEqualTo("USD");
    assertThat(l1.units(TWIN).label()).isEqualTo("USD?(0xbbbb\u2026bbbb)");
    assertThat(l1.units(TOKEN).label()).isEqualTo("USD?(0xaaaa\u2026aaaa)");
    assertThat(l1.units(TOKEN).format(java.math.BigInteger.valueOf(2_500_000)))
        .isEqualTo("2.5 USD?(0xaaaa\u2026aaaa)");
  }
}
