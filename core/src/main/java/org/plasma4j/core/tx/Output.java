package org.plasma4j.core.tx;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Uint256;

/**
 * A fungible payment output (outputType 1). The record only enforces what every output must be
 * representable as; protocol rules (non-zero owner, amount &gt; 0) are checked by the decoder, so
 * tests can still encode invalid outputs.
 */
public record Output(Address owner, Address token, BigInteger amount) {
  public static final int OUTPUT_TYPE_PAYMENT = 1;
  /**
   * Amounts are below 2^192 (docs/protocol.md 2.1): beyond any real supply, and what every exit
   * game can store and pay; the contracts refuse larger outputs and deposits with AmountTooLarge.
   */
  public static final BigInteger AMOUNT_LIMIT = BigInteger.ONE.shiftLeft(192);

  public Output {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(token, "token");
    Uint256.check(amount);
  }

  /** Whether an output may hold {@code amount}: positive and below {@link #AMOUNT_LIMIT}. */
  public static boolean isPayable(BigInteger amount) {
    return amount.signum() > 0 && amount.compareTo(AMOUNT_LIMIT) < 0;
  }

  public static Output of(Address owner, Address token, long amount) {
    return new Output(owner, token, BigInteger.valueOf(amount));
  }

  /** RLP([outputType, owner, token, amount]). */
  public byte[] encode() {
    return Rlp.encodeList(List.of(
        Rlp.encodeUint(OUTPUT_TYPE_PAYMENT),
        Rlp.encodeBytes(owner.value()),
        Rlp.encodeBytes(token.value()),
        Rlp.encodeUint(amount)));
  }
}
