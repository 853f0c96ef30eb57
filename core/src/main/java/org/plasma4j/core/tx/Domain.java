package org.plasma4j.core.tx;

import java.util.Objects;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * The EIP-712 domain a transaction is signed for: the root chain id and the PlasmaFramework
 * contract. Carried in every signed transaction so a node can name a wrong chain or contract
 * precisely.
 */
public record Domain(long chainId, Address verifyingContract) {
  public Domain {
    if (chainId < 0) {
      throw new IllegalArgumentException("chainId must be a uint");
    }
    Objects.requireNonNull(verifyingContract, "verifyingContract");
  }

  /** The EIP-712 domain separator. */
  public Bytes32 separator() {
    return Eip712.domainSeparator(this);
  }
}
