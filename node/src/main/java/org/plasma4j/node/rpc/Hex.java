package org.plasma4j.node.rpc;

import java.util.HexFormat;

/** 0x-prefixed lower-case hex as the wire format uses it. */
public final class Hex {

  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  public static String encode(byte[] bytes) {
    return "0x" + HEX.formatHex(bytes);
  }

  /** Decodes strictly; {@code exactLength} of -1 accepts any byte length. */
  public static byte[] decode(String text, int exactLength, String what) {
    if (!text.startsWith("0x") || (text.length() & 1) != 0) {
      throw Params.invalid(what + " must be 0x-prefixed hex with an even number of digits");
    }
    byte[] bytes = digits(text);
    if (bytes == null) {
      throw Params.invalid(what + " is not valid hex");
    }
    if (exactLength >= 0 && bytes.length != exactLength) {
      throw Params.invalid(what + " must be " + exactLength + " bytes, got " + bytes.length);
    }
    return bytes;
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
   * The bytes of the digits after "0x", or null if any is not a hex digit. Every signed transaction
   * of a batch passes here; {@link HexFormat#parseHex(CharSequence, int, int)} copies the digits
   * into a new string first and looks each one up through a call.
   */
  private static byte[] digits(String text) {
    byte[] out = new byte[(text.length() - 2) >>> 1];
    int bad = 0;
    for (int i = 0, at = 2; i < out.length; i++, at += 2) {
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
