package org.plasma4j.operator.cash;

import org.plasma4j.core.types.Address;

/**
 * One exit of a coin pending on the root chain, as its CoinExitStarted named it: the game keeps one
 * exit per claimant, and {@code claimId} tells a restarted exit from the one cancelled before it.
 * {@code l1Block} is the root-chain block of its start.
 */
public record PendingCoinExit(Address claimant, long claimId, long l1Block) {}
