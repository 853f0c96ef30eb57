package org.plasma4j.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * Positional JSON-RPC params with typed accessors. Every accessor fails with INVALID_PARAMS and a
 * message naming the parameter, so methods never signal bad input in a second way.
 */
public final class Params {

  private final JsonNode array;

  Params(JsonNode array) {
    this.array = array;
  }

  public static Params of(JsonNode array) {
    return new Params(array);
  }

  public void requireCount(int expected) {
    if (array.size() != expected) {
      throw invalid("expected " + expected + " param(s), got " + array.size());
    }
  }

  /** Between {@code min} and {@code max} params: the ones after {@code min} are optional. */
  public void requireCount(int min, int max) {
    if (array.size() < min || array.size() > max) {
      throw invalid("expected " + min + " to " + max + " params, got " + array.size());
    }
  }

  public int size() {
    return array.size();
  }

  /** An optional count param: {@code fallback} if absent, else a number in 1..{@code max}. */
  public int limit(int index, int fallback, int max) {
    if (index >= array.size()) {
      return fallback;
    }
    long n = nonNegativeLong(index);
    if (n < 1 || n > max) {
      throw invalid("param " + index + " (limit) must be in 1.." + max);
    }
    return (int) n;
  }

  public long nonNegativeLong(int index) {
    JsonNode n = array.get(index);
    if (n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0) {
      return n.asLong();
    }
    if (n.isTextual() && n.asText().startsWith("0x")) {
      long v = hexQuantity(index, n.asText());
      if (v >= 0) {
        return v;
      }
      // 2^63 and above: as a long it would be negative, an offset before a block's first entry
      throw invalid("param " + index + " must be below 2^63");
    }
    throw invalid("param " + index + " must be a non-negative integer");
  }

  /** A 0x hex quantity of up to 64 bits; those of 2^63 and above come back negative. */
  private static long hexQuantity(int index, String text) {
    try {
      return Long.parseUnsignedLong(text.substring(2), 16);
    } catch (NumberFormatException e) {
      throw invalid("param " + index + " is not a valid hex quantity");
    }
  }

  /**
   * A uint64 (a coin's slot) as a JSON number or a 0x hex quantity; values above 2^63 - 1 come back
   * as the negative long with the same 64 bits, as slots are carried everywhere.
   */
  public long uint64(int index) {
    JsonNode n = array.get(index);
    if (n.isIntegralNumber()
        && n.bigIntegerValue().signum() >= 0
        && n.bigIntegerValue().bitLength() <= 64) {
      return n.bigIntegerValue().longValue();
    }
    if (n.isIntegralNumber()) {
      throw invalid("param " + index + " must be a uint64");
    }
    if (n.isTextual() && n.asText().startsWith("0x")) {
      return hexQuantity(index, n.asText());
    }
    return nonNegativeLong(index);
  }

  public String text(int index) {
    JsonNode n = array.get(index);
    if (!n.isTextual()) {
      throw invalid("param " + index + " must be a string");
    }
    return n.asText();
  }

  /** A 0x-prefixed hex string; {@code exactLength} of -1 accepts any length. */
  public byte[] hex(int index, int exactLength) {
    return Hex.decode(text(index), exactLength, "param " + index);
  }

  /** A JSON array of strings (the batch form of plasma_sendTransactions). */
  public List<String> stringArray(int index) {
    JsonNode n = array.get(index);
    if (!n.isArray()) {
      throw invalid("param " + index + " must be an array of hex strings");
    }
    List<String> out = new ArrayList<>(n.size());
    for (JsonNode item : n) {
      if (!item.isTextual()) {
        throw invalid("param " + index + " must contain only hex strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  /** An output position as a JSON number or hex quantity; it must name a possible output. */
  public OutputPosition position(int index) {
    long raw = nonNegativeLong(index);
    if (!OutputPosition.isValid(raw)) {
      throw invalid("param " + index + " is not an output position: " + raw);
    }
    return OutputPosition.decode(raw);
  }

  public Address address(int index) {
    return new Address(hex(index, Address.LENGTH));
  }

  public Bytes32 bytes32(int index) {
    return new Bytes32(hex(index, Bytes32.LENGTH));
  }

  public static RpcException invalid(String message) {
    return new RpcException(RpcError.INVALID_PARAMS, message);
  }
}
