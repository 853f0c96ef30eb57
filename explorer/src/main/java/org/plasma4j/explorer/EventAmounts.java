package org.plasma4j.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.TokenUnits;

/**
 * A byzantine event's amounts as people read them: the watcher reports base units (wei) and token
 * addresses (docs/watcher.md), the pages show whole units with the token's symbol. Pure: the token
 * units come from the caller.
 */
public final class EventAmounts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventAmounts() {}

  /**
   * The readable form of each amount-bearing field of {@code details}: {@code amount} in the units
   * of its {@code token}, {@code token} as its symbol, {@code atRisk}
   * ({@code <token>:<amount>,...}) as amounts with symbols. Fields it cannot read are left out (the
   * page shows them raw).
   */
  public static ObjectNode readable(JsonNode details, Function<Address, TokenUnits> units) {
    ObjectNode out = JSON.createObjectNode();
    Address token = address(details.path("token").asText(""));
    if (token != null) {
      out.put("token", units.apply(token).label());
      BigInteger amount = quantity(details.path("amount").asText(""));
      if (amount != null) {
        out.put("amount", units.apply(token).format(amount));
      }
    }
    String atRisk = details.path("atRisk").asText(null);
    if (atRisk != null) {
      String readable = atRisk(atRisk, units);
      if (readable != null) {
        out.put("atRisk", readable);
      }
    }
    return out;
  }

  private static String atRisk(String text, Function<Address, TokenUnits> units) {
    if (text.isBlank()) {
      return "nothing";
    }
    List<String> parts = new ArrayList<>();
    for (String part : text.split(",")) {
      int colon = part.indexOf(':');
      Address token = colon < 0 ? null : address(part.substring(0, colon).trim());
      BigInteger amount = colon < 0 ? null : quantity(part.substring(colon + 1).trim());
      if (token == null || amount == null) {
        return null;
      }
      parts.add(units.apply(token).format(amount));
    }
    return String.join(", ", parts);
  }

  private static Address address(String text) {
    return text.matches("0x[0-9a-fA-F]{40}") ? Address.fromHex(text) : null;
  }

  private static BigInteger quantity(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return ChainViews.quantity(com.fasterxml.jackson.databind.node.TextNode.valueOf(text));
    } catch (org.plasma4j.api.OperatorRpcReader.Malformed e) {
      return null;
    }
  }
}
