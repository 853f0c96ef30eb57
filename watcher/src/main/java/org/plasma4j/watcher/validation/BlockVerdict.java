package org.plasma4j.watcher.validation;

/**
 * The outcome of re-validating a verified child block: valid, or the first broken rule with the
 * index of the transaction that broke it. {@code error} is the invalid_block error type
 * (docs/watcher.md).
 */
public record BlockVerdict(long blkNum, String error, int txIndex, String detail) {

  public static BlockVerdict valid(long blkNum) {
    return new BlockVerdict(blkNum, null, -1, null);
  }

  public boolean isValid() {
    return error == null;
  }
}
