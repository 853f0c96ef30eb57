package org.plasma4j.devnet.bench.gas;

import java.util.Locale;

/**
 * Reads the compiler version solc appends to deployed code (CBOR map entry {@code "solc": bytes3}).
 */
final class SolcMetadata {

  /** CBOR text "solc" (0x64 's' 'o' 'l' 'c') followed by a 3-byte string header (0x43). */
  private static final String MARKER = "64736f6c6343";

  private SolcMetadata() {}

  /**
   * {@code "solc 0.8.30"} from hex runtime code, or {@code "unknown"} if it carries no such entry.
   */
  static String version(String codeHex) {
    String code = codeHex.toLowerCase(Locale.ROOT);
    int at = code.lastIndexOf(MARKER);
    if (at < 0 || at + MARKER.length() + 6 > code.length()) {
      return "unknown";
    }
    String v = code.substring(at + MARKER.length(), at + MARKER.length() + 6);
    return "solc "
        + Integer.parseInt(v.substring(0, 2), 16)
        + "."
        + Integer.parseInt(v.substring(2, 4), 16)
        + "."
        + Integer.parseInt(v.substring(4, 6), 16);
  }
}
