package org.plasma4j.core.rlp;

/**
 * Valid RLP, but not the shape the caller expected (a list where a string belongs, too many bytes).
 */
public final class RlpShapeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RlpShapeException(String message) {
    super(
        message, null, false, false); // no stack trace: thrown for every bad input on the hot path
  }
}
