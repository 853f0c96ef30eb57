package org.plasma4j.rootchain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import org.plasma4j.core.types.Address;

/**
 * How a token's amounts read to a person: whole units by its {@code decimals()} and its {@code symbol()}
 * ("1.5 DEV"), ETH for the zero address, and base units with the address for a token that names neither.
 */
public record TokenUnits(Address token, Optional<String> symbol, int decimals) {

  public static final TokenUnits ETH = new TokenUnits(Address.ETH, Optional.of("ETH"), 18);

  /** A token that tells nothing of itself: amounts in base units, named by address. */
  public static TokenUnits unknown(Address token) {
    return new TokenUnits(token, Optional.empty(), 0);
  }

  /** The token's units as its contract states them ({@code decimals()} above 77 is not believed). */
  public static TokenUnits of(TokenProbe probe, Address token) {
    if (token.isZero()) {
      return ETH;
    }
    Optional<String> symbol = probe.symbol(token).map(s -> s.replaceAll("[^\\p{Alnum}._-]", ""))
        .filter(s -> !s.isEmpty());
    Optional<Integer> decimals = probe.decimals(token).filter(d -> d >= 0 && d <= 77);
    return symbol.isEmpty() || decimals.isEmpty() ? unknown(token) : new TokenUnits(token, symbol, decimals.get());
  }

  /** Whether the token stated its symbol and decimals: else whole-token amounts mean nothing. */
  public boolean known() {
    return symbol.isPresent();
  }

  /** The name to show: the symbol, else the address. */
  public String label() {
    return symbol.orElse(token.toHex());
  }

  /** {@code amount} base units in whole units, no trailing zeros: 1500000000000000000 is "1.5". */
  public String number(BigInteger amount) {
    BigDecimal units = new BigDecimal(amount).movePointLeft(decimals).stripTrailingZeros();
    return units.signum() == 0 ? "0" : units.toPlainString();
  }

  /** "1.5 DEV", "0.01 ETH", or "42 base units of 0x..". */
  public String format(BigInteger amount) {
    return symbol.isPresent() ? number(amount) + " " + symbol.get() : amount + " base units of " + token.toHex();
  }
}
