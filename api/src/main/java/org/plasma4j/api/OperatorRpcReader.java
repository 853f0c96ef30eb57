package org.plasma4j.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads an operator's answer into its {@link OperatorRpc} record by the record's own component
 * names, so a result's wire shape is written down once, in the record. Every component must be
 * present and not null; a {@code long} or {@code int} may come as a JSON number, a decimal string
 * or a 0x-hex quantity, and must be non-negative and fit its type (every number an answer holds is
 * a position, block number, index, timestamp or chain parameter); a {@code String} is the field's
 * text. Only records of {@code long}, {@code int} and {@code String} components are read: a client
 * of a result with optional or nested fields reads it itself.
 */
public final class OperatorRpcReader {

  private OperatorRpcReader() {}

  /** An answer that is not the record: a field missing or null, or not a quantity. */
  public static final class Malformed extends IllegalArgumentException {
    public Malformed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * @throws Malformed naming the missing field ({@code no 'name' in {...}}) or the value that is
   *     not a quantity ({@code not a quantity: ...})
   */
  public static <R extends Record> R read(JsonNode answer, Class<R> type) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      JsonNode value = field(answer, components[i].getName());
      values[i] = switch (types[i].getName()) {
        case "long" -> inRange(value, 0, Long.MAX_VALUE);
        case "int" -> (int) inRange(value, 0, Integer.MAX_VALUE);
        case "java.lang.String" -> value.asText();
        default ->
          throw new IllegalArgumentException(
              type.getSimpleName() + "." + components[i].getName() + " is not read here");
      };
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new Malformed("no '" + name + "' in " + node, null);
    }
    return value;
  }

  /**
   * A quantity that fits its Java type; one beyond it is malformed rather than wrapped or thrown as
   * an arithmetic error, so a hostile answer cannot turn into another number.
   */
  public static long inRange(JsonNode n, long min, long max) {
    BigInteger value = quantity(n);
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new Malformed("out of range: " + n, null);
    }
    return value.longValue();
  }

  /**
   * An unsigned integer of at most {@code bits} bits (an amount: 256; a coin slot: 64, returned as
   * the long of the same 64 bits).
   */
  public static BigInteger unsigned(JsonNode n, int bits) {
    BigInteger value = quantity(n);
    if (value.bitLength() > bits) {
      throw new Malformed("out of range: " + n, null);
    }
    return value;
  }

  /**
   * A non-negative JSON integer, a string of ASCII decimal digits or a 0x-hex quantity. Anything
   * else, a sign, a fraction, an exponent or a digit of another script included, is malformed: a
   * number an answer holds has one spelling per value class, so no reader finds another in it. A
   * string with more significant digits than 2^256 - 1 has is out of range unread.
   */
  public static BigInteger quantity(JsonNode n) {
    BigInteger value;
    if (n.isIntegralNumber()) {
      value = n.bigIntegerValue();
    } else if (n.isTextual() && DECIMAL.matcher(n.asText()).matches()) {
      value = new BigInteger(significant(n.asText(), 0, MAX_DECIMAL_DIGITS));
    } else if (n.isTextual() && HEX.matcher(n.asText()).matches()) {
      value = new BigInteger(significant(n.asText(), 2, MAX_HEX_DIGITS), 16);
    } else {
      throw new Malformed("not a quantity: " + n, null);
    }
    if (value.signum() < 0) {
      throw new Malformed("not a quantity: " + n, null);
    }
    return value;
  }

  /**
   * The digits of {@code text} from {@code from} on, leading zeros dropped, refused past
   * {@code max}: parsing a string of digits takes time quadratic in its length, so a number of
   * megabytes would hold a reader for minutes, while no field holds more than 256 bits.
   */
  private static String significant(String text, int from, int max) {
    int first = from;
    while (first < text.length() - 1 && text.charAt(first) == '0') {
      first++;
    }
    if (text.length() - first > max) {
      throw new Malformed(
          "out of range: a quantity of " + (text.length() - first) + " digits", null);
    }
    return text.substring(first);
  }

  /** Digits of 2^256 - 1, the widest field, in decimal and hex. */
  private static final int MAX_DECIMAL_DIGITS = 78;

  private static final int MAX_HEX_DIGITS = 64;

  private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
  private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
}
