package org.plasma4j.operator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.pay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.operator.ledger.TxLocation;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.TestChain;

/**
 * kill -9 is simulated by copying the live RocksDB directory (what the disk holds at that instant:
 * synced WAL included) and starting a second node on the copy, without any shutdown of the first.
 */
class CrashRecoveryTest {

  @TempDir
  Path tmp;

  private static void crashImage(Path live, Path image) {
    try (Stream<Path> files = Files.list(live)) {
      Files.createDirectories(image);
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals("LOCK")) {
          Files.copy(f, image.resolve(f.getFileName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void acknowledgedTransactionsSurviveACrashAndStillBlockDoubleSpends() {
    InMemoryRootChain chain = TestChain.rootChain(0);
    Path live = tmp.resolve("live");
    SignedTransaction tx;
    OutputPosition dep;
    try (NodeHarness first = NodeHarness.rocksDb(chain, live, 0)) {
      dep = chain.deposit(ALICE.address(), ETH, 1000);
      first.node.pollRootChain();
      tx = pay(ALICE, dep, 1000, BOB.address(), 500);
      assertThat(first.send(tx).isOk()).isTrue();
      crashImage(live, tmp.resolve("image"));
    }
    try (NodeHarness second = NodeHarness.rocksDb(chain, tmp.resolve("image"), 0)) {
      assertThat(second.node.queries().transaction(tx.txHash())).isPresent();
      assertThat(second.send(pay(ALICE, dep, 1000, BOB.address(), 400)).rejection())
          .isEqualTo(TxRejection.SPENT_INPUT);
      assertThat(second.formBlock().txCount()).isEqualTo(2);
      second.node.pollRootChain();
      assertThat(chain.submittedCount()).isEqualTo(1);
      assertThat(second.node.queries().utxos(BOB.address())).hasSize(1);
    }
  }

  @Test
  void aBlockSentBeforeTheCrashIsNotSentAgainOnceMined() {
    InMemoryRootChain chain = TestChain.rootChain(3);
    chain.autoMine = false;
    Path live = tmp.resolve("live");
    try (NodeHarness first = NodeHarness.rocksDb(chain, live, 0)) {
      OutputPosition dep = chain.deposit(ALICE.address(), ETH, 1000);
      first.node.pollRootChain();
      first.send(pay(ALICE, dep, 1000, BOB.address(), 500));
      first.formBlock();
      first.node.pollRootChain(); // sent with nonce 3, not mined
      crashImage(live, tmp.resolve("image"));
    }
    chain.mine(); // mined while the operator was down
    try (NodeHarness second = NodeHarness.rocksDb(chain, tmp.resolve("image"), 0)) {
      second.node.pollRootChain();
      assertThat(chain.sentNonces).containsExactly(BigInteger.valueOf(3));
      assertThat(chain.submittedCount()).isEqualTo(1);
      assertThat(second.node.submitter().lastSubmitted()).isEqualTo(1000);
      assertThat(second.node.queries().exitData(OutputPosition.of(1000, 0, 0)).isOk())
          .isTrue();
    }
  }

  @Test
  void formedButUnsubmittedBlocksAreResubmittedWithTheirOwnNonces() {
    InMemoryRootChain chain = TestChain.rootChain(5);
    chain.autoMine = false;
    Path live = tmp.resolve("live");
    try (NodeHarness first = NodeHarness.rocksDb(chain, live, 0)) {
      for (int i = 0; i < 2; i++) {
        OutputPosition dep = chain.deposit(ALICE.address(), ETH, 1000);
        first.node.pollRootChain();
        first.send(pay(ALICE, dep, 1000, BOB.address(), 500));
        first.formBlock();
      }
      first.node
          .pollRootChain(); // block 1000 sent with nonce 5, lost from the mempool in the crash
      crashImage(live, tmp.resolve("image"));
    }
    chain.autoMine = true;
    try (NodeHarness second = NodeHarness.rocksDb(chain, tmp.resolve("image"), 0)) {
      second.node.pollRootChain();
      assertThat(chain.sentNonces)
          .containsExactly(BigInteger.valueOf(5), BigInteger.valueOf(5), BigInteger.valueOf(6));
      assertThat(chain.submittedCount()).isEqualTo(2);
      assertThat(second.node.submitter().lastSubmitted()).isEqualTo(2000);
    }
  }

  @Test
  void formedPaymentsKeepTheirBytesAndPlacesAndNewAcceptancesNeverReuseTheirRecords() {
    InMemoryRootChain chain = TestChain.rootChain(0);
    Path live = tmp.resolve("live");
    SignedTransaction formed;
    SignedTransaction pendingAtCrash;
    OutputPosition firstDeposit;
    try (NodeHarness first = NodeHarness.rocksDb(chain, live, 0)) {
      firstDeposit = chain.deposit(ALICE.address(), ETH, 1000);
      OutputPosition second = chain.deposit(ALICE.address(), ETH, 1000);
      first.node.pollRootChain();
      formed = pay(ALICE, firstDeposit, 1000, BOB.address(), 500);
      assertThat(first.send(formed).isOk()).isTrue();
      assertThat(first.formBlock().blkNum()).isEqualTo(1000);
      pendingAtCrash = pay(ALICE, second, 1000, BOB.address(), 300);
      assertThat(first.send(pendingAtCrash).isOk()).isTrue();
      crashImage(live, tmp.resolve("image"));
    }
    try (NodeHarness second = NodeHarness.rocksDb(chain, tmp.resolve("image"), 0)) {
      var q = second.node.queries();
      assertThat(q.transaction(formed.txHash()).orElseThrow().location())
          .isEqualTo(new TxLocation(1000, 0));
      assertThat(q.transaction(pendingAtCrash.txHash()).orElseThrow().location().isPending())
          .isTrue();
      assertThat(q.block(1000).orElseThrow().signedTxs().getFirst()).isEqualTo(formed.encode());
      assertThat(second.send(pay(ALICE, firstDeposit, 1000, BOB.address(), 400)).rejection())
          .isEqualTo(TxRejection.SPENT_INPUT);

      // a payment accepted after the restart takes a fresh record: block 1000 keeps its own
      SignedTransaction spendOfFormed =
          pay(BOB, OutputPosition.of(1000, 0, 0), 500, ALICE.address(), 100);
      assertThat(second.send(spendOfFormed).isOk()).isTrue();
      assertThat(second.formBlock().txCount()).isEqualTo(3);
      assertThat(q.block(1000).orElseThrow().signedTxs().getFirst()).isEqualTo(formed.encode());
      assertThat(q.block(2000).orElseThrow().signedTxs().subList(0, 2))
          .containsExactly(pendingAtCrash.encode(), spendOfFormed.encode());
      assertThat(q.transaction(pendingAtCrash.txHash()).orElseThrow().location())
          .isEqualTo(new TxLocation(2000, 0));
      assertThat(q.transaction(spendOfFormed.txHash()).orElseThrow().location())
          .isEqualTo(new TxLocation(2000, 1));
      assertThat(q.blockPage(2000, 1, 10, 1 << 20).orElseThrow().signedTxs())
          .hasSize(2)
          .first()
          .isEqualTo(spendOfFormed.encode());
      second.node.pollRootChain();
      assertThat(q.exitData(OutputPosition.of(2000, 1, 0)).isOk()).isTrue();
      assertThat(q.challengeData(OutputPosition.of(1000, 0, 0)).value().spendingTxBytes())
          .isEqualTo(Bytes.wrap(spendOfFormed.txBytes()));
    }
    try (NodeHarness third = NodeHarness.rocksDb(chain, tmp.resolve("image"), 0)) {
      assertThat(third.node.writer().call(l -> l.pendingCount()).join())
          .as("formed payments are not pending again after a restart")
          .isZero();
    }
  }
}
