package org.plasma4j.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import org.plasma4j.wallet.WalletException.InvalidInput;

/**
 * Amounts on the command line. A plain number is in whole units of 18 decimals (ether for ETH), so
 * {@code 1.5} is 1.5 ETH; a {@code wei} or {@code gwei} suffix gives the smallest units, and an
 * {@code eth}/{@code ether} suffix is accepted for clarity.
 */
public final class Amounts {

  public static final int DECIMALS = 18;
  private static final BigDecimal ONE_ETHER = BigDecimal.TEN.pow(DECIMALS);

  private Amounts() {}

  /** Parses an amount into wei; it must be positive and a whole number of wei. */
  public static BigInteger parse(String text) {
    return parse(text, DECIMALS);
  }

  /**
   * Parses an amount of a token with {@code decimals}: a plain number is in whole tokens, a
   * {@code wei} suffix gives base units ({@code gwei} 10^9 of them).
   */
  public static BigInteger parse(String text, int decimals) {
    String s = text.strip().toLowerCase(Locale.ROOT).replace("_", "");
    int scale;
    if (s.endsWith("gwei")) {
      scale = 9;
      s = s.substring(0, s.length() - 4);
    } else if (s.endsWith("wei")) {
      scale = 0;
      s = s.substring(0, s.length() - 3);
    } else if (s.endsWith("ether")) {
      scale = decimals;
      s = s.substring(0, s.length() - 5);
    } else if (s.endsWith("eth")) {
      scale = decimals;
      s = s.substring(0, s.length() - 3);
    } else {
      scale = decimals;
    }
    s = s.strip();
    if (!s.matches("\\d+(\\.\\d+)?|\\.\\d+")) {
      throw new InvalidInput("bad amount '" + text
          + "': expected e.g. 1.5 (ether/token units), 1500000000gwei or 42wei");
    }
    BigDecimal value = new BigDecimal(s).movePointRight(scale);
    if (value.signum() <= 0) {
      throw new InvalidInput("bad amount '" + text + "': must be more than zero");
    }
    try {
      return value.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new InvalidInput("bad amount '" + text + "': finer than 1 base unit (the token has "
          + decimals + " decimals)");
    }
  }

  /** wei as whole units with no trailing zeros: 1500000000000000000 is "1.5". */
  public static String format(BigInteger wei) {
    BigDecimal units = new BigDecimal(wei).divide(ONE_ETHER).stripTrailingZeros();
    return units.signum() == 0 ? "0" : units.toPlainString();
  }
}
