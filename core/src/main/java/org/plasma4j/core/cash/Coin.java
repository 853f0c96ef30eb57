package org.plasma4j.core.cash;

import java.math.BigInteger;
import java.util.Objects;
import org.plasma4j.core.types.Address;

/**
 * A deposited coin: its slot and what it holds. {@code value} is the amount (ETH, ERC20) or the
 * token id (ERC721); {@code token} is the zero address for ETH.
 */
public record Coin(long slot, Address token, CoinKind kind, BigInteger value) {
  public Coin {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(kind, "kind");
    if (value.signum() < 0) {
      throw new IllegalArgumentException("negative coin value");
    }
    if (kind == CoinKind.ETH && !token.isZero()) {
      throw new IllegalArgumentException("an ETH coin has the zero token");
    }
  }
}
