package org.plasma4j.operator.ledger;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Address;
import org.plasma4j.node.storage.Codec;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.WriteBatch;

/**
 * The acknowledged transactions not yet in a formed block, in acceptance order. Entries appended by
 * the current group stay tentative until its batch is durable. Only the writer thread touches it.
 *
 * <p>Sequence numbers are never reused: a formed block keeps its payments' records and names them
 * by their range of sequence numbers ({@link PaymentRange}), so the pending block's entries always
 * carry consecutive numbers from {@link Columns.Meta#FIRST_UNFORMED_SEQ} on.
 */
final class PendingBlock {

  record Entry(long seq, SignedTransaction tx, Address feeToken, BigInteger fee) {}

  private final List<Entry> entries = new ArrayList<>();
  private int committed;
  private long nextSeq;

  /** Reloads what was acknowledged before a restart. */
  static PendingBlock load(KeyValueStore store) {
    PendingBlock p = new PendingBlock();
    p.nextSeq = store.get(Columns.META, Columns.Meta.FIRST_UNFORMED_SEQ).orElse(0L);
    store.scanFrom(Columns.PENDING_TX, new byte[0], Codec.LONG.encode(p.nextSeq), (seq, rec) -> {
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
    if (committed < entries.size()) {
      nextSeq = entries.get(committed).seq();
      entries.subList(committed, entries.size()).clear();
    }
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

  /**
   * The committed entries {@code formed} (the oldest ones) are now carried by block {@code blkNum}:
   * their records stay as the block's first transactions, and the pending block starts after them.
   */
  Optional<PaymentRange> formInto(long blkNum, List<Entry> formed, WriteBatch batch) {
    if (formed.isEmpty()) {
      return Optional.empty();
    }
    PaymentRange range = new PaymentRange(blkNum, formed.getFirst().seq(), formed.size());
    batch.put(Columns.PAYMENT_RANGE, blkNum, range);
    batch.put(Columns.PAYMENT_RANGE_END, range.lastSeq(), range);
    batch.put(Columns.META, Columns.Meta.FIRST_UNFORMED_SEQ, range.lastSeq() + 1);
    return Optional.of(range);
  }

  void formedCommitted(int count) {
    entries.subList(0, count).clear();
    committed -= count;
  }
}
