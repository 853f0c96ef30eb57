package org.plasma4j.core.cash;

/**
 * Coin bytes (transfer, signed transfer, proof, stored history) that do not parse; nothing is kept.
 */
public sealed class MalformedCoinDataException extends IllegalArgumentException
    permits HistoryTooLongException {
  public MalformedCoinDataException(String message) {
    super(message);
  }
}
