package org.plasma4j.wallet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Bytes32;

/**
 * What the wallet keeps of every transaction it sends, so that it can start an in-flight exit
 * without the operator if the transaction is then withheld: the signed transaction and, for each
 * input, the creating transaction with its proof and block timestamp, fetched before sending.
 *
 * <p>In memory only: the wallet has no store of its own, so a restarted wallet can exit in flight
 * only what the operator still serves the inputs of, or what the caller hands back to it.
 */
final class InFlightBook {

  /** A sent transaction and the exit data of those of its inputs that could be fetched. */
  record Entry(SignedTransaction tx, List<StandardExitData> inputs) {}

  private final Map<Bytes32, Entry> byHash = new ConcurrentHashMap<>();

  void remember(SignedTransaction tx, List<StandardExitData> inputs) {
    byHash.put(tx.txHash(), new Entry(tx, List.copyOf(inputs)));
  }

  Optional<Entry> get(Bytes32 txHash) {
    return Optional.ofNullable(byHash.get(txHash));
  }

  List<Entry> all() {
    return List.copyOf(byHash.values());
  }
}
