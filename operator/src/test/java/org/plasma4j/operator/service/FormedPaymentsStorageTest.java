package org.plasma4j.operator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.pay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.DataDirLayout;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.RocksDbStore;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.operator.ledger.BlockAssembly;
import org.plasma4j.operator.ledger.Columns;
import org.plasma4j.operator.ledger.LedgerQueries;
import org.plasma4j.operator.ledger.PaymentRange;
import org.plasma4j.operator.ledger.PendingRecord;
import org.plasma4j.operator.ledger.TxLocation;
import org.plasma4j.operator.testing.FakeExitGames;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.TestChain;
import org.plasma4j.operator.testing.ThrowingStore;

/**
 * Accepted payments stay under their sequence numbers once formed: every body, place, page, exit
 * and challenge the node serves must still be what the root it committed says, across crashes,
 * hostile block assembly, withholding and the upgrade of a first-layout directory.
 */
class FormedPaymentsStorageTest {

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

  private static NodeHarness open(InMemoryRootChain chain, Path dir, int maxBlockSize) {
    return NodeHarness.start(
        chain, new RocksDbStore(dir), NodeHarness.config(dir, maxBlockSize, 0), b -> b);
  }

  /**
   * Block {@code blkNum} as served is exactly {@code expected}, its tree is the root the contract
   * holds, and each transaction's place, page, exit data and proof agree with that tree.
   */
  private static void servedAsCommitted(
      NodeHarness h, long blkNum, List<SignedTransaction> expected) {
    LedgerQueries q = h.node.queries();
    List<byte[]> body = q.block(blkNum).orElseThrow().signedTxs();
    assertThat(body).as("body of %d", blkNum).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(body.get(i))
          .as("tx %d of %d", i, blkNum)
          .isEqualTo(expected.get(i).encode());
    }
    List<byte[]> leaves = expected.stream().map(SignedTransaction::txBytes).toList();
    MerkleTree tree = MerkleTree.build(leaves);
    assertThat(h.chain.submittedRoots().get(blkNum))
        .as("root of %d", blkNum)
        .isEqualTo(tree.root());
    for (int i = 0; i < expected.size(); i++) {
      SignedTransaction tx = expected.get(i);
      assertThat(q.blockPage(blkNum, i, 1_000, 1 << 24).orElseThrow().signedTxs())
          .as("page of %d from %d", blkNum, i)
          .hasSize(expected.size() - i)
          .first()
          .isEqualTo(tx.encode());
      if (expected.indexOf(tx) == expected.lastIndexOf(tx)) {
        assertThat(q.transaction(tx.txHash()).orElseThrow().location())
            .as("place of tx %d of %d", i, blkNum)
            .isEqualTo(new TxLocation(blkNum, i));
        assertThat(q.transaction(tx.txHash()).orElseThrow().signedTx()).isEqualTo(tx.encode());
      }
      if (!tx.tx().outputs().isEmpty()) {
        var exit = q.exitData(OutputPosition.of(blkNum, i, 0)).value();
        assertThat(exit.txBytes()).isEqualTo(Bytes.wrap(tx.txBytes()));
        assertThat(exit.proof()).as("proof of %d/%d", blkNum, i).isEqualTo(tree.proof(i));
      }
    }
  }

  private static List<SignedTransaction> decoded(NodeHarness h, long blkNum) {
    return h.node.queries().block(blkNum).orElseThrow().signedTxs().stream()
        .map(b -> TransactionDecoder.decodeSigned(b).orElseThrow())
        .toList();
  }

  private static List<OutputPosition> deposits(InMemoryRootChain chain, int n) {
    List<OutputPosition> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(chain.deposit(ALICE.address(), ETH, 1000));
    }
    return out;
  }

  @Test
  void paymentsOfFullBlocksFormedAcrossCrashesKeepTheirBodiesPlacesPagesAndProofs() {
    InMemoryRootChain chain = TestChain.rootChain(0);
    List<OutputPosition> deps = deposits(chain, 8);
    List<SignedTransaction> paid = new ArrayList<>();
    for (OutputPosition d : deps) {
      paid.add(pay(ALICE, d, 1000, BOB.address(), 100 + paid.size()));
    }
    Path live = tmp.resolve("live");
    // blocks of exactly the maximum size (3 payments and the fee transaction) form when the pending
    // block is full: 1000 and 2000 form on
    // intake, the 7th and 8th stay pending at the first crash
    try (NodeHarness first = open(chain, live, 4)) {
      first.node.pollRootChain();
      for (int i = 0; i < 7; i++) {
        assertThat(first.send(paid.get(i)).isOk()).isTrue();
      }
      crashImage(live, tmp.resolve("a"));
    }
    try (NodeHarness second = open(chain, tmp.resolve("a"), 4)) {
      assertThat(second.node.queries().lastFormedBlock()).isEqualTo(2000);
      assertThat(second.node.writer().call(l -> l.pendingCount()).join()).isEqualTo(1);
      assertThat(second.send(paid.get(7)).isOk()).isTrue();
      // the boundary of two ranges: the 7th waited through a crash, the 8th came after it
      assertThat(second.formBlock().blkNum()).isEqualTo(3000);
      // a crash after forming, before the block reaches the root chain
      crashImage(tmp.resolve("a"), tmp.resolve("b"));
    }
    try (NodeHarness third = open(chain, tmp.resolve("b"), 4)) {
      for (int i = 0; i < 6 && chain.submittedRoots().size() < 3; i++) {
        third.node.pollRootChain();
      }
      assertThat(chain.submittedRoots()).containsOnlyKeys(1000L, 2000L, 3000L);
      assertThat(third.node.writer().call(l -> l.pendingCount()).join()).isZero();
      List<SignedTransaction> b1 = decoded(third, 1000);
      List<SignedTransaction> b2 = decoded(third, 2000);
      List<SignedTransaction> b3 = decoded(third, 3000);
      assertThat(b1.subList(0, 3)).containsExactlyElementsOf(paid.subList(0, 3));
      assertThat(b2.subList(0, 3)).containsExactlyElementsOf(paid.subList(3, 6));
      assertThat(b3.subList(0, 2)).containsExactlyElementsOf(paid.subList(6, 8));
      // each block ends with its fee transaction and nothing else
      assertThat(b1).hasSize(4);
      assertThat(b2).hasSize(4);
      assertThat(b3).hasSize(3);
      servedAsCommitted(third, 1000, b1);
      servedAsCommitted(third, 2000, b2);
      servedAsCommitted(third, 3000, b3);
      // spends of formed outputs are refused and challenged with the payment that spent them
      for (int i = 0; i < 8; i++) {
        assertThat(third.send(pay(ALICE, deps.get(i), 1000, ALICE.address(), 1)).rejection())
            .isEqualTo(TxRejection.SPENT_INPUT);
        assertThat(third.node.queries().challengeData(deps.get(i)).value().spendingTxBytes())
            .isEqualTo(Bytes.wrap(paid.get(i).txBytes()));
      }
    }
  }

  @Test
  void hostileAssemblyBlocksWithExtrasDoubleInclusionAndInflatedFeesServeWhatTheRootCommits() {
    InMemoryRootChain chain = TestChain.rootChain(0);
    List<OutputPosition> deps = deposits(chain, 3);
    SignedTransaction p0 = pay(ALICE, deps.get(0), 1000, BOB.address(), 100);
    SignedTransaction p1 = pay(ALICE, deps.get(1), 1000, BOB.address(), 200);
    // spends an output that does not exist: only a hostile assembly would carry it
    SignedTransaction forged =
        pay(BOB, OutputPosition.of(9_000, 0, 0), 5_000, BOB.address(), 4_000);
    SignedTransaction forgedAlone =
        pay(BOB, OutputPosition.of(9_000, 1, 0), 5_000, BOB.address(), 4_000);
    SignedTransaction p2 = pay(ALICE, deps.get(2), 1000, BOB.address(), 300);
    BlockAssembly hostile = new BlockAssembly() {
      @Override
      public boolean wantsBlock() {
        return true;
      }

      @Override
      public List<SignedTransaction> extraTransactions(long blkNum) {
        // block 1000 carries p0 twice (accepted, then again) and the forged one; block 2000 has
        // no accepted payment at all
        return blkNum == 1000
            ? List.of(p0, forged)
            : blkNum == 2000 ? List.of(forgedAlone) : List.of();
      }

      @Override
      public Map<Address, BigInteger> feesClaimed(long blkNum, Map<Address, BigInteger> paid) {
        return Map.of(ETH, BigInteger.valueOf(1_000_000));
      }
    };
    Path live = tmp.resolve("live");
    try (NodeHarness first = NodeHarness.start(
        chain,
        new RocksDbStore(live),
        NodeHarness.config(live, 100, 0),
        b -> b.blockAssembly(hostile))) {
      first.node.pollRootChain();
      assertThat(first.send(p0).isOk()).isTrue();
      assertThat(first.send(p1).isOk()).isTrue();
      assertThat(first.formBlock().txCount()).isEqualTo(5);
      assertThat(first.formBlock().txCount()).isEqualTo(2);
      assertThat(first.send(p2).isOk()).isTrue();
      assertThat(first.formBlock().txCount()).isEqualTo(2);
      first.node.pollRootChain();
      crashImage(live, tmp.resolve("image"));
    }
    try (NodeHarness second = NodeHarness.start(
        chain,
        new RocksDbStore(tmp.resolve("image")),
        NodeHarness.config(tmp.resolve("image"), 100, 0),
        b -> b)) {
      List<SignedTransaction> b1 = decoded(second, 1000);
      assertThat(b1.subList(0, 4)).containsExactly(p0, p1, p0, forged);
      servedAsCommitted(second, 1000, b1);
      List<SignedTransaction> b2 = decoded(second, 2000);
      assertThat(b2.getFirst()).isEqualTo(forgedAlone);
      servedAsCommitted(second, 2000, b2);
      List<SignedTransaction> b3 = decoded(second, 3000);
      assertThat(b3.getFirst()).isEqualTo(p2);
      servedAsCommitted(second, 3000, b3);
      // the twice-included payment is placed where the block holds it, never outside it
      TxLocation twice =
          second.node.queries().transaction(p0.txHash()).orElseThrow().location();
      assertThat(Set.of(new TxLocation(1000, 0), new TxLocation(1000, 2))).contains(twice);
    }
  }

  @Test
  void aReorgedSubmissionIsResubmittedWithTheRootOfTheBodyServed() {
    InMemoryRootChain chain = TestChain.rootChain(0);
    List<OutputPosition> deps = deposits(chain, 2);
    Path live = tmp.resolve("live");
    try (NodeHarness h = open(chain, live, 100)) {
      h.node.pollRootChain();
      SignedTransaction p0 = pay(ALICE, deps.get(0), 1000, BOB.address(), 100);
      assertThat(h.send(p0).isOk()).isTrue();
      h.formBlock();
      h.node.pollRootChain();
      SignedTransaction p1 = pay(ALICE, deps.get(1), 1000, BOB.address(), 200);
      assertThat(h.send(p1).isOk()).isTrue();
      h.formBlock();
      h.node.pollRootChain();
      assertThat(chain.submittedRoots()).containsOnlyKeys(1000L, 2000L);
      chain.reorg(1);
      assertThat(chain.submittedRoots()).doesNotContainKey(2000L);
      for (int i = 0; i < 4 && !chain.submittedRoots().containsKey(2000L); i++) {
        h.node.pollRootChain();
      }
      servedAsCommitted(h, 1000, decoded(h, 1000));
      servedAsCommitted(h, 2000, decoded(h, 2000));
      assertThat(decoded(h, 2000).getFirst()).isEqualTo(p1);
    }
  }

  @Test
  void withheldBlocksHideTheirFormedPaymentsInEveryReader() {
    InMemoryRootChain chain = TestChain.rootChain(0);
    List<OutputPosition> deps = deposits(chain, 1);
    Path live = tmp.resolve("live");
    QueryFilter hide2000 = new QueryFilter() {
      @Override
      public boolean hidden(long blkNum) {
        return blkNum == 2000;
      }
    };
    try (NodeHarness h = NodeHarness.start(
        chain,
        new RocksDbStore(live),
        NodeHarness.config(live, 100, 0),
        b -> b.queryFilter(hide2000))) {
      h.node.pollRootChain();
      SignedTransaction p0 = pay(ALICE, deps.get(0), 1000, BOB.address(), 500);
      assertThat(h.send(p0).isOk()).isTrue();
      h.formBlock();
      SignedTransaction p1 = pay(BOB, OutputPosition.of(1000, 0, 0), 500, ALICE.address(), 100);
      assertThat(h.send(p1).isOk()).isTrue();
      // pending: served as pending
      assertThat(
              h.node.queries().transaction(p1.txHash()).orElseThrow().location().isPending())
          .isTrue();
      h.formBlock();
      h.node.pollRootChain();
      LedgerQueries q = h.node.queries();
      assertThat(q.transaction(p0.txHash()).orElseThrow().location())
          .isEqualTo(new TxLocation(1000, 0));
      assertThat(q.transaction(p1.txHash())).isEmpty();
      assertThat(q.block(2000)).isEmpty();
      assertThat(q.blockPage(2000, 0, 10, 1 << 20)).isEmpty();
      assertThat(q.exitData(OutputPosition.of(2000, 0, 0)).rejection())
          .isEqualTo(TxRejection.NOT_FOUND);
      assertThat(q.challengeData(OutputPosition.of(1000, 0, 0)).rejection())
          .isEqualTo(TxRejection.NOT_FOUND);
      assertThat(q.challengeData(deps.get(0)).value().spendingTxBytes())
          .isEqualTo(Bytes.wrap(p0.txBytes()));
    }
  }

  /**
   * What the first layout's release left: every transaction of a formed block in block-tx with its
   * block place, and a pending block renumbered from 0 (that release restarted its numbers on every
   * start).
   */
  private static void rewriteAsFirstLayout(Path dir) {
    try (KeyValueStore store = new RocksDbStore(dir)) {
      WriteBatch b = new WriteBatch();
      List<PaymentRange> ranges = new ArrayList<>();
      store.scan(Columns.PAYMENT_RANGE, new byte[0], (k, r) -> ranges.add(r));
      long firstUnformed =
          store.get(Columns.META, Columns.Meta.FIRST_UNFORMED_SEQ).orElseThrow();
      for (PaymentRange r : ranges) {
        for (int i = 0; i < r.count(); i++) {
          PendingRecord rec = store.get(Columns.PENDING_TX, r.firstSeq() + i).orElseThrow();
          SignedTransaction tx = TransactionDecoder.decodeSigned(rec.signedTx()).orElseThrow();
          b.put(Columns.BLOCK_TX, new Columns.BlockTxKey(r.blkNum(), i), rec.signedTx());
          b.put(Columns.TX_LOCATION, tx.txHash(), new TxLocation(r.blkNum(), i));
          b.delete(Columns.PENDING_TX, r.firstSeq() + i);
        }
        b.delete(Columns.PAYMENT_RANGE, r.blkNum());
        b.delete(Columns.PAYMENT_RANGE_END, r.lastSeq());
      }
      List<Long> pendingSeqs = new ArrayList<>();
      store.scanFrom(
          Columns.PENDING_TX,
          new byte[0],
          org.plasma4j.node.storage.Codec.LONG.encode(firstUnformed),
          (seq, rec) -> pendingSeqs.add(seq));
      long renumbered = 0;
      for (long seq : pendingSeqs) {
        PendingRecord rec = store.get(Columns.PENDING_TX, seq).orElseThrow();
        SignedTransaction tx = TransactionDecoder.decodeSigned(rec.signedTx()).orElseThrow();
        b.delete(Columns.PENDING_TX, seq);
        b.put(Columns.PENDING_TX, renumbered, rec);
        b.put(Columns.TX_LOCATION, tx.txHash(), TxLocation.pending(renumbered));
        renumbered++;
      }
      b.delete(Columns.META, Columns.Meta.FIRST_UNFORMED_SEQ);
      b.put(
          DataDirLayout.MARKER, 1L, "operator/1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      store.commit(b);
    }
  }

  @Test
  void aFirstLayoutDirectoryIsServedAsBeforeAndItsPendingPaymentsFormAfterTheUpgrade() {
    InMemoryRootChain chain = TestChain.rootChain(0);
    List<OutputPosition> deps = deposits(chain, 4);
    List<SignedTransaction> paid = new ArrayList<>();
    for (OutputPosition d : deps) {
      paid.add(pay(ALICE, d, 1000, BOB.address(), 100 + paid.size()));
    }
    Path dir = tmp.resolve("dir");
    try (NodeHarness first = open(chain, dir, 100)) {
      first.node.pollRootChain();
      assertThat(first.send(paid.get(0)).isOk()).isTrue();
      assertThat(first.send(paid.get(1)).isOk()).isTrue();
      first.formBlock();
      first.node.pollRootChain();
      assertThat(first.send(paid.get(2)).isOk()).isTrue();
    }
    rewriteAsFirstLayout(dir);
    try (KeyValueStore store = new RocksDbStore(dir)) {
      assertThat(store.get(Columns.PENDING_TX, 0L).map(PendingRecord::signedTx).orElseThrow())
          .as("the first layout numbered its pending block from 0 again")
          .isEqualTo(paid.get(2).encode());
    }
    try (NodeHarness second = open(chain, dir, 100)) {
      servedAsCommitted(second, 1000, decoded(second, 1000));
      assertThat(decoded(second, 1000).subList(0, 2)).containsExactlyElementsOf(paid.subList(0, 2));
      assertThat(second
              .node
              .queries()
              .transaction(paid.get(2).txHash())
              .orElseThrow()
              .location()
              .isPending())
          .isTrue();
      assertThat(second.send(paid.get(3)).isOk()).isTrue();
      second.formBlock();
      second.node.pollRootChain();
      assertThat(decoded(second, 2000).subList(0, 2)).containsExactlyElementsOf(paid.subList(2, 4));
      servedAsCommitted(second, 1000, decoded(second, 1000));
      servedAsCommitted(second, 2000, decoded(second, 2000));
    }
    try (KeyValueStore store = new RocksDbStore(dir)) {
      assertThatThrownBy(() -> new DataDirLayout("operator", 1).open(store))
          .as("the first layout's release refuses the directory now")
          .isInstanceOf(DataDirLayout.NewerLayout.class);
    }
    try (NodeHarness third = open(chain, dir, 100)) {
      assertThat(third.node.writer().call(l -> l.pendingCount()).join()).isZero();
      servedAsCommitted(third, 1000, decoded(third, 1000));
      servedAsCommitted(third, 2000, decoded(third, 2000));
    }
  }

  @Test
  void aPiggybackOnAFormedPaymentAfterARestartClaimsItsOutputAtItsPlaceInTheBlock() {
    InMemoryRootChain chain = TestChain.rootChain(0);
    FakeExitGames games = new FakeExitGames(chain);
    List<OutputPosition> deps = deposits(chain, 4);
    List<SignedTransaction> paid = new ArrayList<>();
    for (OutputPosition d : deps) {
      paid.add(pay(ALICE, d, 1000, BOB.address(), 100 + paid.size()));
    }
    Path dir = tmp.resolve("dir");
    try (NodeHarness first = open(chain, dir, 100)) {
      first.node.pollRootChain();
      assertThat(first.send(paid.get(0)).isOk()).isTrue();
      assertThat(first.send(paid.get(1)).isOk()).isTrue();
      first.formBlock();
      assertThat(first.send(paid.get(2)).isOk()).isTrue();
      assertThat(first.send(paid.get(3)).isOk()).isTrue();
      first.formBlock();
      first.node.pollRootChain();
    }
    // the 4th payment (sequence number 3) is transaction 1 of block 2000
    try (NodeHarness second = open(chain, dir, 100)) {
      BigInteger ifeId = games.startInFlightExit(paid.get(3).tx(), BOB.address());
      games.piggyback(ifeId, BOB.address(), true, 0);
      second.node.pollRootChain();
      OutputPosition claimed = OutputPosition.of(2000, 1, 0);
      assertThat(second.send(pay(BOB, claimed, 103, ALICE.address(), 50)).rejection())
          .isEqualTo(TxRejection.SPENT_INPUT);
      assertThat(
              second.node.queries().utxos(BOB.address()).stream().map(LedgerQueries.Utxo::position))
          .as("only the piggybacked output left the child chain")
          .containsExactlyInAnyOrder(
              OutputPosition.of(1000, 0, 0),
              OutputPosition.of(1000, 1, 0),
              OutputPosition.of(2000, 0, 0));
    }
  }

  @Test
  void aFailedGroupCommitAfterAFormedBlockReusesNoFormedSequenceNumber() {
    InMemoryRootChain chain = TestChain.rootChain(0);
    List<OutputPosition> deps = deposits(chain, 4);
    List<SignedTransaction> paid = new ArrayList<>();
    for (OutputPosition d : deps) {
      paid.add(pay(ALICE, d, 1000, BOB.address(), 100 + paid.size()));
    }
    ThrowingStore store = new ThrowingStore();
    try (NodeHarness h =
        NodeHarness.start(chain, store, NodeHarness.config(Path.of("unused"), 100, 0), b -> b)) {
      h.node.pollRootChain();
      assertThat(h.send(paid.get(0)).isOk()).isTrue();
      assertThat(h.send(paid.get(1)).isOk()).isTrue();
      h.formBlock();
      // the pending block is empty: the failed group's number is the next one, never a formed one
      store.failNextCommit(b -> true, new AssertionError("disk gone for one write"));
      assertThatThrownBy(() -> h.send(paid.get(2))).hasRootCauseInstanceOf(AssertionError.class);
      assertThat(h.node.queries().transaction(paid.get(2).txHash())).isEmpty();
      assertThat(h.send(paid.get(3)).isOk()).isTrue();
      h.formBlock();
      assertThat(h.send(paid.get(2)).isOk())
          .as("the failed payment was never taken")
          .isTrue();
      h.formBlock();
      for (int i = 0; i < 6 && chain.submittedRoots().size() < 3; i++) {
        h.node.pollRootChain();
      }
      assertThat(decoded(h, 1000).subList(0, 2)).containsExactlyElementsOf(paid.subList(0, 2));
      assertThat(decoded(h, 2000).getFirst()).isEqualTo(paid.get(3));
      assertThat(decoded(h, 3000).getFirst()).isEqualTo(paid.get(2));
      servedAsCommitted(h, 1000, decoded(h, 1000));
      servedAsCommitted(h, 2000, decoded(h, 2000));
      servedAsCommitted(h, 3000, decoded(h, 3000));
    }
  }
}
