package org.plasma4j.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.operator.ledger.Columns.OwnerKey;

/**
 * A spent output leaves the cache when its spend commits: no later read may return the spendable
 * record the cache held before, whether the spend commits, fails, is followed by an exit, or the
 * operator restarts. A stale spendable record would let the output be spent twice.
 */
class UtxoSetSpentOutputsTest {

  private static final Address OWNER = Address.fromHex("0x" + "aa".repeat(20));
  private static final Output OUT = Output.of(OWNER, Address.ETH, 5);
  private static final long P = 1_000_000_000L;
  private static final long OTHER = 2_000_000_000L;
  private static final Bytes32 SPEND = Bytes32.fromHex("0x" + "01".repeat(32));

  private final InMemoryStore store = new InMemoryStore();

  /** A set with {@code P} committed unspent and held in the cache. */
  private UtxoSet withCachedUnspent(int cacheSize) {
    UtxoSet set = new UtxoSet(store, cacheSize);
    WriteBatch b = new WriteBatch();
    set.put(P, UtxoRecord.unspent(OUT), b);
    store.commit(b);
    set.committed();
    assertThat(set.get(P).orElseThrow().status()).isEqualTo(OutputStatus.UNSPENT);
    return set;
  }

  private void commitSpend(UtxoSet set) {
    WriteBatch b = new WriteBatch();
    set.put(P, set.get(P).orElseThrow().spentBy(SPEND), b);
    store.commit(b);
    set.committed();
  }

  @Test
  void aCachedSpendableRecordIsNeverReadOnceItsSpendCommits() {
    UtxoSet set = withCachedUnspent(16);
    commitSpend(set);
    assertThat(set.get(P)).contains(new UtxoRecord(OUT, OutputStatus.SPENT, SPEND));
    assertThat(store.get(Columns.OWNER_INDEX, new OwnerKey(OWNER, P))).isEmpty();
    // read again through the store-to-cache path, and after the entry was pushed out by another
    set.get(P);
    WriteBatch b = new WriteBatch();
    set.put(OTHER, UtxoRecord.unspent(OUT), b);
    store.commit(b);
    set.committed();
    assertThat(set.get(P).orElseThrow().status()).isEqualTo(OutputStatus.SPENT);
    assertThat(new UtxoSet(store, 16).get(P).orElseThrow().spentBy()).isEqualTo(SPEND);
  }

  @Test
  void aSpendWhoseCommitFailsLeavesTheOutputSpendableInMemoryAndOnDisk() {
    UtxoSet set = withCachedUnspent(16);
    WriteBatch failed = new WriteBatch();
    set.put(P, set.get(P).orElseThrow().spentBy(SPEND), failed);
    assertThat(set.get(P).orElseThrow().status()).isEqualTo(OutputStatus.SPENT);
    set.rolledBack();
    assertThat(set.get(P)).contains(UtxoRecord.unspent(OUT));
    assertThat(store.get(Columns.UTXO, P)).contains(UtxoRecord.unspent(OUT));
    commitSpend(set);
    assertThat(set.get(P).orElseThrow().status()).isEqualTo(OutputStatus.SPENT);
  }

  @Test
  void aSpendThenAnExitInOneGroupLeavesTheExitedRecordCached() {
    UtxoSet set = withCachedUnspent(1);
    WriteBatch b = new WriteBatch();
    set.put(P, set.get(P).orElseThrow().spentBy(SPEND), b);
    set.put(P, set.get(P).orElseThrow().withStatus(OutputStatus.EXITED), b);
    store.commit(b);
    set.committed();
    assertThat(set.get(P)).contains(new UtxoRecord(OUT, OutputStatus.EXITED, SPEND));
    assertThat(store.get(Columns.UTXO, P))
        .contains(new UtxoRecord(OUT, OutputStatus.EXITED, SPEND));
    assertThat(store.get(Columns.OWNER_INDEX, new OwnerKey(OWNER, P))).isEmpty();
  }

  /**
   * A spent record read from the store (a resend or a double spend of it) takes no place in the
   * cache: the spendable output cached before stays cached, and the spent one is read from the
   * store each time. Each is shown by changing the store behind the set: a cached record does not
   * see it, an uncached one does.
   */
  @Test
  void aSpentRecordReadFromTheStoreIsNotCachedNorPushesOutASpendableOne() {
    UtxoSet writer = withCachedUnspent(16);
    commitSpend(writer);
    UtxoSet set = new UtxoSet(store, 1);
    WriteBatch b = new WriteBatch();
    set.put(OTHER, UtxoRecord.unspent(OUT), b);
    store.commit(b);
    set.committed();

    assertThat(set.get(P)).contains(new UtxoRecord(OUT, OutputStatus.SPENT, SPEND));

    WriteBatch behind = new WriteBatch();
    behind.put(Columns.UTXO, OTHER, UtxoRecord.unspent(OUT).withStatus(OutputStatus.EXITING));
    behind.put(Columns.UTXO, P, new UtxoRecord(OUT, OutputStatus.EXITED, SPEND));
    store.commit(behind);
    assertThat(set.get(OTHER)).as("still cached").contains(UtxoRecord.unspent(OUT));
    assertThat(set.get(P))
        .as("read from the store again")
        .contains(new UtxoRecord(OUT, OutputStatus.EXITED, SPEND));
  }
}
