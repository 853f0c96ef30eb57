package org.plasma4j.operator.ledger;

import java.util.Optional;
import org.plasma4j.node.storage.Codec;
import org.plasma4j.node.storage.KeyValueStore;

/** Reads of where accepted payments went: which formed block carries a sequence number. */
final class FormedPayments {

  private FormedPayments() {}

  /**
   * The location a reader should see: a stored pending location whose payment a formed block now
   * carries becomes that block's position; anything else is returned as stored.
   */
  static TxLocation resolve(KeyValueStore store, TxLocation stored) {
    if (!stored.isPending()) {
      return stored;
    }
    return carrier(store, stored.index()).map(r -> r.locationOf(stored.index())).orElse(stored);
  }

  /** The range of the formed block that carries accepted payment {@code seq}, if one does. */
  static Optional<PaymentRange> carrier(KeyValueStore store, long seq) {
    PaymentRange[] found = {null};
    store.scanFrom(
        Columns.PAYMENT_RANGE_END, new byte[0], Codec.LONG.encode(seq), (lastSeq, range) -> {
          found[0] = range;
          return false;
        });
    return Optional.ofNullable(found[0]).filter(r -> r.holds(seq));
  }
}
