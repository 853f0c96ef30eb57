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
    byte[] bytes = org.plasma4j.core.types.Hex.digits(text, 2);
    if (bytes == null) {
      throw Params.invalid(what + " is not valid hex");
    }
    if (exactLength >= 0 && bytes.length != exactLength) {
      throw Params.invalid(what + " must be " + exactLength + " bytes, got " + bytes.length);
    }
    return bytes;
  }
}
