package org.plasma4j.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads an operator's answer into its {@link OperatorRpc} record by the record's own component
 * names, so a result's wire shape is written down once, in the record. Every component must be
 * present and not null unless it is marked {@link OperatorRpc.MayBeAbsent} (then it is null). Each
 * value must have its component's JSON type: a {@code long}, {@code int}, {@code Long} or
 * {@code Integer} may come as a JSON number, a decimal string or a 0x-hex quantity, and must be
 * non-negative and fit its type (every number an answer holds is a position, block number, index,
 * timestamp or chain parameter); a {@code boolean} is a JSON boolean; a {@code String} is a JSON
 * string, never another value's text; a {@code List} is a JSON array of its element type; a record
 * is a JSON object read by these same rules. A refusal names the field by its path in the answer
 * ({@code transactions[3]: not text: 5}) and quotes at most {@value #QUOTED} characters of it.
 */
public final class OperatorRpcReader {

  private OperatorRpcReader() {}

  /**
   * An answer that is not the record: a field missing or null, of another type, or out of range.
   */
  public static final class Malformed extends IllegalArgumentException {
    public Malformed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The most JSON tokens (each value, field name, and start and end of an object or array) an
   * answer is parsed into. The largest honest answers hold a few hundred thousand (a page of 10,000
   * outputs, a block of 65,536 transactions, 10,000 coin proofs); without a bound an answer under
   * the size cap that is nearly all structure ({@code [{},{},...]}) becomes a tree of millions of
   * nodes, some forty times its bytes in memory.
   */
  public static final int MAX_TOKENS = 1 << 20;

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(
          StreamReadConstraints.builder().maxTokenCount(MAX_TOKENS).build())
      .build());

  /**
   * An operator's answer parsed, at most {@link #MAX_TOKENS} tokens of it: past them it is refused
   * before the rest is read.
   *
   * @throws Malformed if the answer holds more tokens, or nests or spells a value past Jackson's
   *     default limits
   * @throws IOException if it is not JSON
   */
  public static JsonNode parse(byte[] answer) throws IOException {
    try {
      return JSON.readTree(answer);
    } catch (StreamConstraintsException e) {
      throw new Malformed("beyond what an answer holds: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * An answer parsed as {@link #parse} parses it, but for the string {@code result.<field>}, which
   * is left unread in the answer's bytes [{@code from}, {@code to}) (both -1 if there is no such
   * string), for a reader that decodes a long string in place rather than through a String of it.
   * The bytes are the string's as sent: an escape in it is left as its backslash.
   */
  public record Spliced(JsonNode response, int from, int to) {}

  /**
   * @throws Malformed as {@link #parse}
   * @throws IOException if it is not JSON
   */
  public static Spliced parseLeaving(byte[] answer, String field) throws IOException {
    try (JsonParser p = JSON.createParser(answer)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new Spliced(null, -1, -1);
      }
      ObjectNode response = JSON.createObjectNode();
      int from = -1;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (name.equals("result")) {
          from = -1; // a repeated result replaces the first, string and all
        }
        if (p.nextToken() != JsonToken.START_OBJECT || !name.equals("result")) {
          response.set(name, p.readValueAsTree());
          continue;
        }
        ObjectNode result = response.putObject(name);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String inner = p.currentName();
          if (p.nextToken() == JsonToken.VALUE_STRING && inner.equals(field)) {
            long at = p.currentTokenLocation().getByteOffset();
            if (at < 0 || answer[(int) at] != '"') { // UTF-16 or -32: no byte offsets to take
              throw new Malformed("not UTF-8", null);
            }
            from = (int) at + 1;
            result.remove(inner); // the last of repeated fields counts, as in a tree
          } else {
            if (inner.equals(field)) {
              from = -1;
            }
            result.set(inner, p.readValueAsTree());
          }
        }
      }
      // the parser has read past the string, so it ends at a quote within the answer
      int to = from;
      while (from >= 0 && answer[to] != '"') {
        to++;
      }
      return new Spliced(response, from, to);
    } catch (StreamConstraintsException e) {
      throw new Malformed("beyond what an answer holds: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * @throws Malformed naming the missing field ({@code no 'name' in {...}}) or the field whose
   *     value is not of its type ({@code name: not a quantity: ...})
   */
  public static <R extends Record> R read(JsonNode answer, Class<R> type) {
    return record(answer, type, "");
  }

  private static <R extends Record> R record(JsonNode answer, Class<R> type, String path) {
    if (!answer.isObject()) {
      throw new Malformed(at(path) + "not an object: " + quote(answer), null);
    }
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      JsonNode value = answer.get(c.getName());
      String name = path.isEmpty() ? c.getName() : path + "." + c.getName();
      if (value == null || value.isNull()) {
        if (!c.isAnnotationPresent(OperatorRpc.MayBeAbsent.class)) {
          throw new Malformed(
              "no '" + c.getName() + "' in " + (path.isEmpty() ? "" : path + " ") + quote(answer),
              null);
        }
        if (types[i].isPrimitive()) {
          throw new IllegalArgumentException(
              type.getSimpleName() + "." + c.getName() + " may be absent but is primitive");
        }
        continue;
      }
      values[i] = value(value, c.getGenericType(), type.getSimpleName() + "." + c.getName(), name);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }

  /**
   * {@code value} as {@code type}; {@code component} names the declaration, {@code path} the value.
   */
  private static Object value(JsonNode value, Type type, String component, String path) {
    if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
      if (!value.isArray()) {
        throw new Malformed(path + ": not an array: " + quote(value), null);
      }
      List<Object> items = new ArrayList<>(value.size());
      for (int i = 0; i < value.size(); i++) {
        items.add(
            value(value.get(i), list.getActualTypeArguments()[0], component, path + "[" + i + "]"));
      }
      return List.copyOf(items);
    }
    if (type instanceof Class<?> c && c.isRecord()) {
      return record(value, c.asSubclass(Record.class), path);
    }
    try {
      return switch (type.getTypeName()) {
        case "long", "java.lang.Long" -> inRange(value, 0, Long.MAX_VALUE);
        case "int", "java.lang.Integer" -> (int) inRange(value, 0, Integer.MAX_VALUE);
        case "boolean" -> {
          if (!value.isBoolean()) {
            throw new Malformed("not a boolean: " + quote(value), null);
          }
          yield value.booleanValue();
        }
        case "java.lang.String" -> {
          if (!value.isTextual()) {
            throw new Malformed("not text: " + quote(value), null);
          }
          yield value.textValue();
        }
        default -> throw new IllegalArgumentException(component + " is not read here");
      };
    } catch (Malformed e) {
      throw new Malformed(path + ": " + e.getMessage(), e);
    }
  }

  /** The most characters of a value a refusal quotes: an answer may be megabytes long. */
  private static final int QUOTED = 120;

  /** {@code n} as JSON, cut to {@value #QUOTED} characters. */
  public static String quote(JsonNode n) {
    String text = n.toString();
    return text.length() <= QUOTED
        ? text
        : text.substring(0, QUOTED) + "... (" + text.length() + " characters)";
  }

  private static String at(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }

  /**
   * A quantity that fits its Java type; one beyond it is malformed rather than wrapped or thrown as
   * an arithmetic error, so a hostile answer cannot turn into another number.
   */
  public static long inRange(JsonNode n, long min, long max) {
    BigInteger value = quantity(n);
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new Malformed("out of range: " + quote(n), null);
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
      throw new Malformed("out of range: " + quote(n), null);
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
      throw new Malformed("not a quantity: " + quote(n), null);
    }
    if (value.signum() < 0) {
      throw new Malformed("not a quantity: " + quote(n), null);
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
