package org.plasma4j.core.cash;

import java.util.Objects;
import org.plasma4j.core.types.Bytes;

/**
 * The {@code CoinClaim} calldata struct of startExit and startCheckpoint (docs/protocol.md §9.5).
 */
public record CoinClaimArgs(
    Bytes prevTx, Bytes prevProof, Bytes exitTx, Bytes exitSig, Bytes exitProof, long exitBlock) {
  public CoinClaimArgs {
    Objects.requireNonNull(prevTx, "prevTx");
    Objects.requireNonNull(prevProof, "prevProof");
    Objects.requireNonNull(exitTx, "exitTx");
    Objects.requireNonNull(exitSig, "exitSig");
    Objects.requireNonNull(exitProof, "exitProof");
  }

  /** The claim of the origin itself: empty transfers, exitBlock = originBlock. */
  public static CoinClaimArgs origin(long originBlock) {
    return new CoinClaimArgs(
        Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, originBlock);
  }
}
