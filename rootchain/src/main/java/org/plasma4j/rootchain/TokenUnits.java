package org.plasma4j.rootchain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.core.types.Address;

/**
 * How a token's amounts read to a person: whole units by its {@code decimals()} and its
 * {@code symbol()} ("1.5 DEV"), ETH for the zero address, and base units with the address for a
 * token that names neither. A token names itself, so a symbol that another token already reads as
 * (ETH above all, whatever its case) is never shown plain: such a token is {@code collides} and
 * reads as {@code ETH?(0x1234…abcd)}.
 */
public record TokenUnits(Address token, Optional<String> symbol, int decimals, boolean collides) {

  public static final TokenUnits ETH = new TokenUnits(Address.ETH, Optional.of("ETH"), 18, false);

  public TokenUnits(Address token, Optional<String> symbol, int decimals) {
    this(token, symbol, decimals, false);
  }

  /** A token that tells nothing of itself: amounts in base units, named by address. */
  public static TokenUnits unknown(Address token) {
    return new TokenUnits(token, Optional.empty(), 0);
  }

  /** The token's units as its contract states them; its symbol may not pass for ETH's. */
  public static TokenUnits of(TokenProbe probe, Address token) {
    return of(probe, token, Map.of());
  }

  /**
   * The token's units as its contract states them ({@code decimals()} above 77 is not believed).
   * {@code known} maps the symbols already read as other tokens (any case) to those tokens; ETH's
   * is always taken.
   */
  public static TokenUnits of(TokenProbe probe, Address token, Map<String, Address> known) {
    if (token.isZero()) {
      return ETH;
    }
    Optional<String> symbol = probe
        .symbol(token)
        .map(s -> s.replaceAll("[^\\p{Alnum}._-]", ""))
        .filter(s -> !s.isEmpty());
    Optional<Integer> decimals = probe.decimals(token).filter(d -> d >= 0 && d <= 77);
    if (symbol.isEmpty() || decimals.isEmpty()) {
      return unknown(token);
    }
    String key = key(symbol.get());
    boolean collides = key.equals(key(ETH.symbol.get()))
        || Optional.ofNullable(known.get(key))
            .filter(other -> !other.equals(token))
            .isPresent();
    return new TokenUnits(token, symbol, decimals.get(), collides);
  }

  /** How symbols compare: case-insensitively ("eth" passes for "ETH" in a table). */
  public static String key(String symbol) {
    return symbol.toUpperCase(Locale.ROOT);
  }

  /** Whether the token stated its symbol and decimals: else whole-token amounts mean nothing. */
  public boolean known() {
    return symbol.isPresent();
  }

  /**
   * The name to show: the symbol, marked with the address when another token reads as it; else the
   * address.
   */
  public String label() {
    if (symbol.isEmpty()) {
      return token.toHex();
    }
    if (!collides) {
      return symbol.get();
    }
    String hex = token.toHex();
    return symbol.get() + "?(" + hex.substring(0, 6) + "\u2026" + hex.substring(hex.length() - 4)
        + ")";
  }

  /** {@code amount} base units in whole units, no trailing zeros: 1500000000000000000 is "1.5". */
  public String number(BigInteger amount) {
    BigDecimal units = new BigDecimal(amount).movePointLeft(decimals).stripTrailingZeros();
    return units.signum() == 0 ? "0" : units.toPlainString();
  }

  /** "1.5 DEV", "0.01 ETH", "1 ETH?(0x6666…6666)", or "42 base units of 0x..". */
  public String format(BigInteger amount) {
    return symbol.isPresent()
        ? number(amount) + " " + label()
        : amount + " base units of " + token.toHex();
  }
}
