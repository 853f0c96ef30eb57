package org.plasma4j.wallet;

import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.types.Address;

/**
 * An output owner's permission for {@code initiator}, and nobody else, to include output
 * {@code position} in a mass exit started no later than {@code deadline} (root-chain seconds) whose
 * outputs are all of blocks up to {@code maxBlock}: an EIP-712 signature under the framework's
 * domain over {@code MassExitConsent(position, initiator, deadline, maxBlock)}
 * ({@code core.exit.MassExitBatch#consentDigest}). The payout still goes to the owner; the consent
 * only lets the initiator pay the gas and the bond. A copy of it is of no use to anyone else, once
 * the deadline has passed the initiator cannot tie the output up in a batch any more, and the
 * initiator cannot put the output beside an output of a later block than the owner holds valid (a
 * forgery that would leave the batch's escrow short).
 */
public record MassExitConsent(
    long position, Address initiator, long deadline, long maxBlock, Signature signature) {}
