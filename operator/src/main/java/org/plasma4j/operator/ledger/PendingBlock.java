package org.plasma4j.operator.ledger;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Address;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.WriteBatch;

/**
 * The acknowledged transactions not yet in a formed block, in acceptance order. Entries appended by
 * the current group stay tentative until its batch is durable. Only the writer thread touches it.
 */
final class PendingBlock {

  record Entry(long seq, SignedTransaction tx, Address feeToken, BigInteger fee) {}

  private final List<Entry> entries = new ArrayList<>();
  private int committed;
  private long nextSeq;

  /** Reloads what was acknowledged before a restart. */
  static PendingBlock load(KeyValueStore store) {
    PendingBlock p = new PendingBlock();
    store.scan(Columns.PENDING_TX, new byte[0], (seq, rec) -> {
      SignedTransaction tx = TransactionDecoder.decodeSigned(rec.signedTx()).orElseThrow();
      p.entries.add(new Entry(seq, tx, rec.feeToken(), rec.fee()));
      p.nextSeq = seq + 1;
      return true;
    });
    p.committed = p.entries.size();
    return p;
  }

  int size() {
    return entries.size();
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  void add(SignedTransaction tx, Address feeToken, BigInteger fee, WriteBatch batch) {
    long seq = nextSeq++;
    entries.add(new Entry(seq, tx, feeToken, fee));
    batch.put(Columns.PENDING_TX, seq, new PendingRecord(tx.encode(), feeToken, fee));
    batch.put(Columns.TX_LOCATION, tx.txHash(), TxLocation.pending(seq));
  }

  void committed() {
    committed = entries.size();
  }

  void rolledBack() {
    entries.subList(committed, entries.size()).clear();
    nextSeq = entries.isEmpty() ? nextSeq : entries.getLast().seq() + 1;
  }

  /** The committed entries, to be formed into a block. */
  List<Entry> snapshot() {
    return List.copyOf(entries.subList(0, committed));
  }

  /** Fees collected by the committed entries, per token. */
  Map<Address, BigInteger> fees() {
    Map<Address, BigInteger> fees = new TreeMap<>();
    for (Entry e : entries.subList(0, committed)) {
      if (e.fee().signum() > 0) {
        fees.merge(e.feeToken(), e.fee(), BigInteger::add);
      }
    }
    return fees;
  }

  /** The committed entries are now in a formed block; their pending records go in {@code batch}. */
  void removeFormed(List<Entry> formed, WriteBatch batch) {
    formed.forEach(e -> batch.delete(Columns.PENDING_TX, e.seq()));
  }

  void formedCommitted(int count) {
    entries.subList(0, count).clear();
    committed -= count;
  }
}
