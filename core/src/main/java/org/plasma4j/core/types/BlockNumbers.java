package org.plasma4j.core.types;

/**
 * Child blocks are multiples of {@link #CHILD_BLOCK_INTERVAL}; deposit blocks take the numbers
 * between them, so deposits never wait for the operator and never collide with child blocks.
 */
public final class BlockNumbers {
  public static final long CHILD_BLOCK_INTERVAL = 1000;
  public static final long FIRST_CHILD_BLOCK = CHILD_BLOCK_INTERVAL;
  /**
   * The last child block (BlockController.LAST_CHILD_BLOCK): it and the 999 deposit blocks after it
   * still name every tx and output index below 2^63, so each of their outputs has a position. The
   * framework refuses any later child block (PositionSpaceExhausted).
   */
  public static final long LAST_CHILD_BLOCK =
      (OutputPosition.MAX_BLKNUM - (CHILD_BLOCK_INTERVAL - 1))
          / CHILD_BLOCK_INTERVAL
          * CHILD_BLOCK_INTERVAL;

  private BlockNumbers() {}

  public static boolean isChildBlock(long blkNum) {
    return blkNum > 0 && blkNum % CHILD_BLOCK_INTERVAL == 0;
  }

  public static boolean isDepositBlock(long blkNum) {
    return blkNum > 0 && blkNum % CHILD_BLOCK_INTERVAL != 0;
  }

  /**
   * Whether the framework still takes child block {@code blkNum}, i.e. it is not past the last one.
   */
  public static boolean isWithinPositionSpace(long blkNum) {
    return blkNum <= LAST_CHILD_BLOCK;
  }

  /** The child block that follows {@code blkNum} (child or deposit). */
  public static long nextChildBlock(long blkNum) {
    return (blkNum / CHILD_BLOCK_INTERVAL + 1) * CHILD_BLOCK_INTERVAL;
  }
}
