package org.plasma4j.wallet;

import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.plasma4j.core.types.Address;

/**
 * An owner's unspent outputs as the operator listed them, oldest first. {@code complete} is false
 * when the read stopped at its pages bound with the last page full: the owner may hold more outputs
 * than were read, every sum of these is then a lower bound, and a payment can still be made from
 * them.
 *
 * @param outputs the outputs read, in increasing positions
 * @param complete whether the operator's last page ended the listing
 */
public record UtxoListing(List<Utxo> outputs, boolean complete) {

  public UtxoListing {
    outputs = List.copyOf(outputs);
  }

  /** The sum of the listed outputs per token: the balance, or at least it if incomplete. */
  public Map<Address, BigInteger> balances() {
    Map<Address, BigInteger> sums = new TreeMap<>();
    for (Utxo u : outputs) {
      sums.merge(u.token(), u.amount(), BigInteger::add);
    }
    return Collections.unmodifiableMap(sums);
  }
}
