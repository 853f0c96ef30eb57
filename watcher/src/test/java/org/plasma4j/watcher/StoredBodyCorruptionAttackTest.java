package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.Codec;
import org.plasma4j.node.storage.Column;
import org.plasma4j.node.storage.WriteBatch;

/**
 * A block body the watcher stored is one that matched its committed root when it was written, so
 * one that no longer reads, or no longer matches, was damaged on this machine: it proves nothing
 * about the operator. On restart such a body is dropped and the block fetched again; it is never
 * reported as an invalid block, and it never keeps the watcher from starting.
 */
class StoredBodyCorruptionAttackTest {

  static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  static final KeyPair BOB = DevKeys.ACCOUNT_3;

  /** The child-block column read as raw bytes, as a damaged disk would hand them back. */
  static final Column<Long, byte[]> RAW_BLOCK =
      new Column<>(4, "child-block", Codec.LONG, Codec.RAW);

  final TestChain chain = new TestChain();

  /** A block validated and stored by one watcher, which is then stopped. */
  long validatedAndStopped() {
    OutputPosition a = chain.deposit(ALICE, 100);
    SignedTransaction pay =
        TxBuilder.payment().input(a, ALICE).output(BOB, Address.ETH, 90).sign();
    long blk = chain.submit(pay);
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(w.status().lastValidBlock()).isEqualTo(blk);
    }
    return blk;
  }

  byte[] storedRecord(long blk) {
    return chain.store.get(RAW_BLOCK, blk).orElseThrow();
  }

  void overwrite(long blk, byte[] record) {
    chain.store.commit(new WriteBatch().put(RAW_BLOCK, blk, record));
  }

  /** Restarts on the damaged store: the block is fetched again, judged valid, nothing reported. */
  void restartFetchesTheBodyAgain(long blk) {
    try (WatcherNode again = chain.watcher()) {
      again.pollOnce();

      assertThat(again.byzantineEvents(0)).isEmpty();
      assertThat(again.status().lastValidBlock()).isEqualTo(blk);
      assertThat(again.status().invalidBlocks()).isEmpty();
      assertThat(again.health()).allSatisfy(t -> assertThat(t.healthy()).isTrue());
    }
    assertThat(chain.operator.asked).filteredOn(s -> s.startsWith(blk + "@")).hasSize(2);
  }

  @Test
  void aStoredBodyWithOneBitFlippedIsFetchedAgainNotReportedAsAnInvalidBlock() {
    long blk = validatedAndStopped();
    byte[] record = storedRecord(blk);
    // version, block number, root, count, the transaction's length; then a bit inside its txBytes
    int inTxBytes = 1 + 8 + 32 + 4 + 4 + 8;
    record[inTxBytes] ^= 0x01;
    overwrite(blk, record);

    restartFetchesTheBodyAgain(blk);
  }

  @Test
  void aStoredBodyCutShortIsFetchedAgainAndTheWatcherStillStarts() {
    long blk = validatedAndStopped();
    byte[] record = storedRecord(blk);
    overwrite(blk, Arrays.copyOf(record, record.length - 3));

    restartFetchesTheBodyAgain(blk);
  }

  @Test
  void aStoredBodyOfAnEarlierVersionThatNoLongerParsesIsFetchedAgain() {
    long blk = validatedAndStopped();
    overwrite(
        blk, "{\"blkNum\":1000,\"root\":\"0x".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    restartFetchesTheBodyAgain(blk);
  }

  @Test
  void theStoredBodyIsTheOperatorsAgainAfterTheRestartFetchedIt() {
    long blk = validatedAndStopped();
    byte[] honest = storedRecord(blk);
    byte[] record = honest.clone();
    record[1 + 8 + 32 + 4 + 4 + 8] ^= 0x01;
    overwrite(blk, record);

    restartFetchesTheBodyAgain(blk);

    assertThat(Bytes.wrap(storedRecord(blk))).isEqualTo(Bytes.wrap(honest));
  }
}
