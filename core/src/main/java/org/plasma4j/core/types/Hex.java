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
    byte[] out = new byte[len / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          (byte) ((nibble(hex.charAt(start + 2 * i)) << 4) | nibble(hex.charAt(start + 2 * i + 1)));
    }
    return out;
  }

  private static int nibble(char c) {
    int d = Character.digit(c, 16);
    if (d < 0) {
      throw new IllegalArgumentException("not a hex digit: " + c);
    }
    return d;
  }
}
