package org.plasma4j.wallet;

import org.plasma4j.core.crypto.Signature;

/**
 * An output owner's permission for someone else to include output {@code position} in a mass exit:
 * an EIP-712 signature under the framework's domain over {@code MassExitConsent(uint256 position)}
 * ({@code core.exit.MassExitBatch#consentDigest}). The payout still goes to the owner; the consent
 * only lets another account pay the gas and the bond.
 */
public record MassExitConsent(long position, Signature signature) {}
