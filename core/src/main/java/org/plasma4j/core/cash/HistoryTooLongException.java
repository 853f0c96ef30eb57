package org.plasma4j.core.cash;

/**
 * An encoded history that claims to cover more child blocks than its reader allows (more than exist
 * on the root chain, for a received one). Refused from the header, before a single entry is built:
 * empty blocks cost no bytes, so a few bytes could otherwise ask for millions of entries.
 */
public final class HistoryTooLongException extends MalformedCoinDataException {
  public HistoryTooLongException(String message) {
    super(message);
  }
}
