package org.plasma4j.core.types;

/** Strict 0x-prefixed hex: the one textual form for bytes on the wire, in vectors and in logs. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Lower-case, 0x-prefixed. */
  public static String encode(byte[] bytes) {
    char[] out = new char[2 + bytes.length * 2];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[3 + 2 * i] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes hex with or without 0x; rejects odd length and non-hex characters, because a silently
   * truncated or padded value would name a different transaction or key.
   */
  public static byte[] decode(String hex) {
    int start = hex.startsWith("0x") || hex.startsWith("0X") ? 2 : 0;
    int len = hex.length() - start;
    if ((len & 1) != 0) {
      throw new IllegalArgumentException("odd-length hex string");
    }
    byte[] out = digits(hex, start);
    if (out == null) {
      throw new IllegalArgumentException("not a hex digit in " + hex);
    }
    return out;
  }

  /** Values of the hex digits, either case; -1 for every other char below 128. */
  private static final byte[] DIGIT = new byte[128];

  static {
    java.util.Arrays.fill(DIGIT, (byte) -1);
    for (int c = 0; c < 10; c++) {
      DIGIT['0' + c] = (byte) c;
    }
    for (int c = 0; c < 6; c++) {
      DIGIT['a' + c] = (byte) (10 + c);
      DIGIT['A' + c] = (byte) (10 + c);
    }
  }

  /**
   * The bytes of the even number of digits from {@code start} on, or null if any is not an ASCII
   * hex digit (other scripts' digits, which {@link Character#digit} would take, are refused).
   */
  public static byte[] digits(String text, int start) {
    byte[] out = new byte[(text.length() - start) >>> 1];
    int bad = 0;
    for (int i = 0, at = start; i < out.length; i++, at += 2) {
      char hi = text.charAt(at);
      char lo = text.charAt(at + 1);
      if ((hi | lo) >= 128) {
        return null;
      }
      int h = DIGIT[hi];
      int l = DIGIT[lo];
      bad |= h | l;
      out[i] = (byte) ((h << 4) | l);
    }
    return bad < 0 ? null : out;
  }
}
