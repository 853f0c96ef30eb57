package org.plasma4j.rootchain;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The gas limit a root-chain transaction is sent with: the node's estimate with a margin, never
 * above the block's gas limit. A fixed limit either wastes nothing and fails large calls (a mass
 * exit of a hundred outputs needs several million) or must be set so high that no block takes it;
 * the estimate fits each call.
 */
public final class GasLimit {

  /**
   * A quarter more than the estimate: storage the call reads may turn cold, or grow, before it is
   * mined.
   */
  static final int MARGIN_PERCENT = 25;

  /** What every call needs beyond the estimate's binary search granularity. */
  static final BigInteger MARGIN_FLOOR = BigInteger.valueOf(21_000);

  private GasLimit() {}

  /**
   * The limit to send with: {@code estimate} plus the margin, but never below {@code floor}, capped
   * at {@code blockGasLimit}; without an estimate (the node could not simulate the call, e.g.
   * because it reverts now) the floor, so the chain itself decides and the revert is reported with
   * its reason.
   *
   * <p>The floor stays because an estimate is the least gas with which the call does not revert,
   * and a call that pushes payouts with a gas cap (contracts/src/lib/BoundedPush.sol) does not
   * revert when a push runs short: it credits the payee instead. Unused gas is not charged.
   */
  public static BigInteger choose(
      Optional<BigInteger> estimate, BigInteger blockGasLimit, BigInteger floor) {
    BigInteger wanted = estimate
        .map(e -> e.add(e.multiply(BigInteger.valueOf(MARGIN_PERCENT))
            .divide(BigInteger.valueOf(100))
            .max(MARGIN_FLOOR)))
        .map(e -> e.max(floor))
        .orElse(floor);
    return blockGasLimit.signum() > 0 ? wanted.min(blockGasLimit) : wanted;
  }
}
