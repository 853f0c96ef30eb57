package org.plasma4j.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;

/**
 * Reads an operator's answer into its {@link OperatorRpc} record by the record's own component
 * names, so a result's wire shape is written down once, in the record. Every component must be
 * present and not null; a {@code long} or {@code int} may come as a JSON number, a decimal string
 * or a 0x-hex quantity (an {@code int} is the quantity's low 32 bits, as a client that casts reads
 * it); a {@code String} is the field's text. Only records of {@code long}, {@code int} and
 * {@code String} components are read: a client of a result with optional or nested fields reads it
 * itself.
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
        case "long" -> inRange(value, Long.MIN_VALUE, Long.MAX_VALUE);
        case "int" -> (int) inRange(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
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

  /** A JSON number, a decimal string or a 0x-hex quantity. */
  public static BigInteger quantity(JsonNode n) {
    try {
      if (n.isIntegralNumber()) {
        return n.bigIntegerValue();
      }
      String text = n.asText();
      BigInteger value = text.startsWith("0x") || text.startsWith("0X")
          ? new BigInteger(text.substring(2), 16)
          : new BigInteger(text);
      return value;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new Malformed("not a quantity: " + n, e);
    }
  }
}
