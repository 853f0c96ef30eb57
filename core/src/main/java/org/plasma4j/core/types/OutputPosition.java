package org.plasma4j.core.types;

import java.math.BigInteger;

/**
 * Names an output: {@code position = blkNum * 1e6 + txIndex * 10 + outputIndex}. The ranges make
 * the encoding one-to-one, so a position is both a key in storage and the uint256 input on chain.
 */
public record OutputPosition(long blkNum, int txIndex, int outputIndex)
    implements Comparable<OutputPosition> {
  /**
   * Each offset is the smallest power of ten above everything below it (output index at most 3; tx
   * and output index together at most 655_353): positions stay readable in decimal and as many
   * blocks as possible fit 63 bits (Position.sol).
   */
  public static final long BLOCK_OFFSET = 1_000_000L;

  public static final long TX_OFFSET = 10L;
  public static final int MAX_TX_INDEX = 65_535;
  public static final int MAX_OUTPUT_INDEX = 3;
  /**
   * Largest blkNum whose positions (up to txIndex 65535, outputIndex 3) still fit a signed long.
   */
  public static final long MAX_BLKNUM = Long.MAX_VALUE / BLOCK_OFFSET;

  public OutputPosition {
    if (blkNum < 1 || blkNum > MAX_BLKNUM) {
      throw new IllegalArgumentException("blkNum out of range: " + blkNum);
    }
    if (txIndex < 0 || txIndex > MAX_TX_INDEX) {
      throw new IllegalArgumentException("txIndex out of range: " + txIndex);
    }
    if (outputIndex < 0 || outputIndex > MAX_OUTPUT_INDEX) {
      throw new IllegalArgumentException("outputIndex out of range: " + outputIndex);
    }
  }

  public static OutputPosition of(long blkNum, int txIndex, int outputIndex) {
    return new OutputPosition(blkNum, txIndex, outputIndex);
  }

  /**
   * Decodes a position; throws if it names no valid output (e.g. txIndex or outputIndex too big).
   */
  public static OutputPosition decode(long position) {
    if (position <= 0) {
      throw new IllegalArgumentException("position must be positive: " + position);
    }
    long rest = position % BLOCK_OFFSET;
    long txIndex = rest / TX_OFFSET;
    long outputIndex = rest % TX_OFFSET;
    if (txIndex > MAX_TX_INDEX || outputIndex > MAX_OUTPUT_INDEX) {
      throw new IllegalArgumentException("not an output position: " + position);
    }
    return new OutputPosition(position / BLOCK_OFFSET, (int) txIndex, (int) outputIndex);
  }

  public static OutputPosition decode(BigInteger position) {
    if (position.signum() <= 0 || position.bitLength() > 63) {
      throw new IllegalArgumentException("position out of range: " + position);
    }
    return decode(position.longValueExact());
  }

  /** Whether {@code position} is well-formed, without throwing (for the transaction decoder). */
  public static boolean isValid(long position) {
    if (position <= 0) {
      return false;
    }
    long rest = position % BLOCK_OFFSET;
    long blkNum = position / BLOCK_OFFSET;
    return blkNum >= 1
        && blkNum <= MAX_BLKNUM
        && rest / TX_OFFSET <= MAX_TX_INDEX
        && rest % TX_OFFSET <= MAX_OUTPUT_INDEX;
  }

  public long encode() {
    return blkNum * BLOCK_OFFSET + txIndex * TX_OFFSET + outputIndex;
  }

  public BigInteger toBigInteger() {
    return BigInteger.valueOf(encode());
  }

  public boolean isDeposit() {
    return BlockNumbers.isDepositBlock(blkNum);
  }

  @Override
  public int compareTo(OutputPosition o) {
    return Long.compare(encode(), o.encode());
  }

  /**
   * Mixes the encoding: the record's default hash of (blkNum, txIndex, outputIndex) repeats every
   * 31,000 transactions across blocks 1000 apart, so a large chain's positions shared hash buckets.
   */
  @Override
  public int hashCode() {
    long h = encode() * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public String toString() {
    return Long.toString(encode());
  }
}
