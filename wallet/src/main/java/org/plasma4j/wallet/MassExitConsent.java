package org.plasma4j.wallet;

import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.types.Address;

/**
 * An output owner's permission for {@code initiator}, and nobody else, to include output {@code position}
 * in a mass exit started no later than {@code deadline} (root-chain seconds): an EIP-712 signature under the
 * framework's domain over {@code MassExitConsent(position, initiator, deadline)}
 * ({@code core.exit.MassExitBatch#consentDigest}). The payout still goes to the owner; the consent only
 * lets the initiator pay the gas and the bond. A copy of it is of no use to anyone else, and once the
 * deadline has passed the initiator cannot tie the output up in a batch any more.
 */
public record MassExitConsent(long position, Address initiator, long deadline, Signature signature) {}
