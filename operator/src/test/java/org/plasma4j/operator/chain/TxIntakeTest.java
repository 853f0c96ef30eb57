package org.plasma4j.operator.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.pay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.operator.ledger.Ledger;
import org.plasma4j.operator.testing.NodeHarness;

/**
 * Decoding, recovery and hashing run on the request threads, in parallel; only the state check runs
 * on the single writer. So however the conflicting spends arrive (in one batch, or in batches
 * racing each other), each output is spent by exactly one of them.
 */
class TxIntakeTest {

  private static final int DEPOSITS = 8;
  private static final int RACING_BATCHES = 12;

  private NodeHarness h;
  private final List<OutputPosition> deposits = new ArrayList<>();

  @BeforeEach
  void start() {
    h = NodeHarness.inMemory(1000);
    for (int i = 0; i < DEPOSITS; i++) {
      deposits.add(h.chain.deposit(ALICE.address(), ETH, 1000));
    }
    h.node.pollRootChain();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private int pending() {
    return h.node.writer().call(Ledger::pendingCount).join();
  }

  /** The hash of the transaction the node stored as the spend of {@code position}. */
  private Bytes32 spentBy(OutputPosition position) {
    byte[] txBytes =
        h.node.queries().challengeData(position).value().spendingTxBytes().toArray();
    return new Bytes32(Keccak256.hash(txBytes));
  }

  @Test
  void aDoubleSpendInsideOneBatchIsRefusedOnce() {
    // more than the intake's parallel threshold, so the batch is prepared on several threads
    List<SignedTransaction> txs = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (OutputPosition d : deposits) {
        txs.add(pay(ALICE, d, 1000, BOB.address(), 100 + round));
      }
    }
    List<TxResult<Bytes32>> results = h.node.intake().submit(encoded(txs)).join();

    assertThat(results).hasSize(txs.size());
    for (int i = 0; i < txs.size(); i++) {
      if (i < DEPOSITS) {
        assertThat(results.get(i).value()).isEqualTo(txs.get(i).txHash());
        assertThat(spentBy(deposits.get(i))).isEqualTo(txs.get(i).txHash());
      } else {
        assertThat(results.get(i).isOk()).as("transaction " + i).isFalse();
        assertThat(results.get(i).rejection()).isEqualTo(TxRejection.SPENT_INPUT);
      }
    }
    assertThat(pending()).isEqualTo(DEPOSITS);
  }

  @Test
  void conflictingSpendsInRacingBatchesAreAcceptedExactlyOnceEach() throws Exception {
    List<List<SignedTransaction>> batches = new ArrayList<>();
    for (int b = 0; b < RACING_BATCHES; b++) {
      List<SignedTransaction> batch = new ArrayList<>();
      for (OutputPosition d : deposits) {
        batch.add(pay(ALICE, d, 1000, BOB.address(), 200 + b)); // a different body per batch
      }
      batch.addAll(List.copyOf(batch)); // each resent later in the same batch
      batches.add(batch);
    }
    ExecutorService pool = Executors.newFixedThreadPool(RACING_BATCHES);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<CompletableFuture<List<TxResult<Bytes32>>>>> sent = new ArrayList<>();
    try {
      for (List<SignedTransaction> batch : batches) {
        sent.add(pool.submit(() -> {
          go.await();
          return h.node.intake().submit(encoded(batch));
        }));
      }
      go.countDown();
      Map<OutputPosition, Bytes32> winners = new HashMap<>();
      int accepted = 0;
      int refused = 0;
      for (int b = 0; b < RACING_BATCHES; b++) {
        List<SignedTransaction> batch = batches.get(b);
        List<TxResult<Bytes32>> results = sent.get(b).get().join();
        for (int i = 0; i < DEPOSITS; i++) {
          TxResult<Bytes32> r = results.get(i);
          if (r.isOk()) {
            accepted++;
            assertThat(winners.put(deposits.get(i), r.value()))
                .as("a second spend of " + deposits.get(i) + " was accepted")
                .isNull();
          } else {
            refused++;
            assertThat(r.rejection()).isEqualTo(TxRejection.SPENT_INPUT);
          }
        }
        for (int i = DEPOSITS; i < batch.size(); i++) {
          // a transaction repeated later in its batch gets its first answer again
          assertThat(results.get(i).isOk()).isEqualTo(results.get(i - DEPOSITS).isOk());
        }
      }
      assertThat(accepted).isEqualTo(DEPOSITS);
      assertThat(refused).isEqualTo(DEPOSITS * (RACING_BATCHES - 1));
      for (OutputPosition d : deposits) {
        assertThat(spentBy(d)).isEqualTo(winners.get(d));
      }
      assertThat(pending()).isEqualTo(DEPOSITS);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<byte[]> encoded(List<SignedTransaction> txs) {
    return txs.stream().map(SignedTransaction::encode).toList();
  }
}
