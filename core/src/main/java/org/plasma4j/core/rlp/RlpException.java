package org.plasma4j.core.rlp;

/**
 * The bytes are not strict, canonical RLP (truncated, trailing bytes, non-shortest lengths, ...).
 */
public final class RlpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RlpException(String message) {
    super(
        message, null, false, false); // no stack trace: thrown for every bad input on the hot path
  }
}
