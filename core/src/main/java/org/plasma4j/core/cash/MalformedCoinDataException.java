package org.plasma4j.core.cash;

/** Coin bytes (transfer, signed transfer, proof, stored history) that do not parse; nothing is kept. */
public final class MalformedCoinDataException extends IllegalArgumentException {
    public MalformedCoinDataException(String message) {
        super(message);
    }
}
