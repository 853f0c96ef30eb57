package org.plasma4j.devnet.demo;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Renders 18-decimal amounts for people; the checks themselves compare exact wei. */
final class Money {

  private Money() {}

  static String eth(BigInteger wei) {
    return new BigDecimal(wei, 18).stripTrailingZeros().toPlainString();
  }

  static BigInteger units(String decimal) {
    return new BigDecimal(decimal).movePointRight(18).toBigIntegerExact();
  }
}
