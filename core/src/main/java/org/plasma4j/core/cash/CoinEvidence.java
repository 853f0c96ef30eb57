package org.plasma4j.core.cash;

import org.plasma4j.core.cash.CoinHistory.Included;
import org.plasma4j.core.types.Bytes;

/** The arguments (txBytes, sig, proof, blk) every cash-game challenge and response takes. */
public record CoinEvidence(Bytes txBytes, Bytes sig, Bytes proof, long blk) {
  public static CoinEvidence of(Included transfer) {
    return new CoinEvidence(
        Bytes.wrap(transfer.transfer().transfer().encode()),
        transfer.transfer().signature().bytes(),
        transfer.proof(),
        transfer.block());
  }

  public CoinTransfer transfer() {
    return CoinTransfer.decode(txBytes.toArray());
  }
}
