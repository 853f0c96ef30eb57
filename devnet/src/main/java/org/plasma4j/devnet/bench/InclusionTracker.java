package org.plasma4j.devnet.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.wallet.OperatorClient;

/**
 * Finds when and where each of a set of transactions was included by polling plasma_getBlockNumber
 * and reading the Merkle leaves of every new child block: a transaction's inclusion time is when
 * its block was first seen formed (polled every 20 ms).
 */
final class InclusionTracker {

  private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();

  private final OperatorClient client;
  private final BlockReader blocksReader;
  /** Each tracked transaction's Merkle leaf as the operator writes it (lower-case 0x hex). */
  private final Map<String, Integer> index;

  final long[] includedAt;
  final long[] blkNum;
  final int[] txIndex;
  private final AtomicInteger givenUp = new AtomicInteger();
  private volatile int included;
  private long nextBlock;
  private int blocks;

  InclusionTracker(OperatorClient client, BlockReader blocksReader, List<SignedTransaction> txs) {
    this.client = client;
    this.blocksReader = blocksReader;
    this.index = new HashMap<>(txs.size() * 2);
    for (int i = 0; i < txs.size(); i++) {
      index.put(MerkleTree.leafHash32(txs.get(i).txBytes()).toHex(), i);
    }
    this.includedAt = new long[txs.size()];
    this.blkNum = new long[txs.size()];
    this.txIndex = new int[txs.size()];
    this.nextBlock = BlockNumbers.nextChildBlock(client.getBlockNumber());
  }

  /** Marks transactions the operator rejected: they are not waited for. */
  void giveUp(int count) {
    givenUp.addAndGet(count);
  }

  int included() {
    return included;
  }

  /** Child blocks that held at least one tracked transaction. */
  int blocks() {
    return blocks;
  }

  /** Polls until every transaction not given up is included; fails after {@code timeout}. */
  void awaitAll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (included + givenUp.get() < includedAt.length) {
      long latest = client.getBlockNumber();
      long seen = System.nanoTime();
      for (; nextBlock <= latest; nextBlock += BlockNumbers.CHILD_BLOCK_INTERVAL) {
        readBlock(nextBlock, seen);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + included + " of " + includedAt.length
            + " transactions included within " + timeout);
      }
      if (included + givenUp.get() < includedAt.length) {
        java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
      }
    }
  }

  private void readBlock(long number, long seen) {
    int[] found = {0};
    blocksReader.leaves(number, (hex, i) -> {
      Integer k = index.get(hex);
      if (k != null && includedAt[k] == 0) {
        includedAt[k] = seen;
        blkNum[k] = number;
        txIndex[k] = i;
        found[0]++;
      }
    });
    if (found[0] > 0) {
      blocks++;
      included += found[0];
    }
  }
}
