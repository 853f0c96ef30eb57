package org.plasma4j.wallet;

import java.math.BigInteger;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/** An unspent output as plasma_getUtxos reports it. */
public record Utxo(
    long position,
    long blkNum,
    int txIndex,
    int outputIndex,
    Address owner,
    Address token,
    BigInteger amount) {

  public static Utxo of(OutputPosition position, Address owner, Address token, BigInteger amount) {
    return new Utxo(
        position.encode(),
        position.blkNum(),
        position.txIndex(),
        position.outputIndex(),
        owner,
        token,
        amount);
  }

  public OutputPosition outputPosition() {
    return OutputPosition.decode(position);
  }
}
