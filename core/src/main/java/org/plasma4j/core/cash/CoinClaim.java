package org.plasma4j.core.cash;

import java.util.Objects;
import org.plasma4j.core.types.Address;

/**
 * An exit or checkpoint as the cash game records it (exitOf / checkpointOf): {@code owner} held the
 * coin from {@code exitBlock}, having received it from {@code prevOwner}, whose own transfer is at
 * {@code prevBlock}. A claim of the origin itself has exitBlock = originBlock and a zero prevOwner.
 */
public record CoinClaim(
    long slot,
    Address owner,
    Address prevOwner,
    long prevBlock,
    long exitBlock,
    boolean checkpoint) {
  public CoinClaim {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(prevOwner, "prevOwner");
  }
}
