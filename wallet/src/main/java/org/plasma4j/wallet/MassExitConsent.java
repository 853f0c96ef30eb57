package org.plasma4j.wallet;

import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Abi;
import org.plasma4j.core.types.Bytes32;

/**
 * An output owner's permission for someone else to include output {@code position} in a mass exit:
 * an EIP-712 signature under the framework's domain over {@code MassExitConsent(uint256 position)}.
 * The payout still goes to the owner; the consent only lets another account pay the gas and bond.
 */
public record MassExitConsent(long position, Signature signature) {

  static final Bytes32 TYPEHASH = Keccak256.hash32("MassExitConsent(uint256 position)".getBytes());

  /** keccak256(0x1901 ‖ domainSeparator ‖ keccak256(abi.encode(TYPEHASH, position))). */
  public static byte[] digest(Domain domain, long position) {
    byte[] structHash = Keccak256.hashConcat(Abi.word(TYPEHASH), Abi.word(position));
    return Keccak256.hashConcat(new byte[] {0x19, 0x01}, domain.separator().value(), structHash);
  }
}
