package org.plasma4j.guardian;

import java.math.BigInteger;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.types.Address;

/** An unspent output of one of the guardian's keys, in a block the watcher found valid. */
public record OwnedOutput(
    Address owner, Address token, BigInteger amount, StandardExitData exitData) {

  public long position() {
    return exitData.position().encode();
  }
}
