package org.plasma4j.operator.cash;

import java.util.Optional;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.types.Address;

/**
 * A decoded coin transfer whose signer was recovered off the writer thread; empty when the
 * signature is not canonical or recovers to no key.
 */
public record VerifiedCoinTransfer(SignedCoinTransfer transfer, Optional<Address> signer) {}
