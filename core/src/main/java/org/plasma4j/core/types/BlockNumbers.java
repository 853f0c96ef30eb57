package org.plasma4j.core.types;

/**
 * Child blocks are multiples of {@link #CHILD_BLOCK_INTERVAL}; deposit blocks take the numbers between
 * them, so deposits never wait for the operator and never collide with child blocks.
 */
public final class BlockNumbers {
    public static final long CHILD_BLOCK_INTERVAL = 1000;
    public static final long FIRST_CHILD_BLOCK = CHILD_BLOCK_INTERVAL;

    private BlockNumbers() {}

    public static boolean isChildBlock(long blkNum) {
        return blkNum > 0 && blkNum % CHILD_BLOCK_INTERVAL == 0;
    }

    public static boolean isDepositBlock(long blkNum) {
        return blkNum > 0 && blkNum % CHILD_BLOCK_INTERVAL != 0;
    }

    /** The child block that follows {@code blkNum} (child or deposit). */
    public static long nextChildBlock(long blkNum) {
        return (blkNum / CHILD_BLOCK_INTERVAL + 1) * CHILD_BLOCK_INTERVAL;
    }
}
