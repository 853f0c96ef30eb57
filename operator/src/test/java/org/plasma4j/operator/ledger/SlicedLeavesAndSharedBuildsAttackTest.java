package org.plasma4j.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.DOMAIN;
import static org.plasma4j.operator.testing.TestChain.ETH;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.RocksDbStore;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.operator.testing.HostileHooks;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.TestChain;

/**
 * Leaves and trees that a cold proof cache rebuilds from the stored signed encodings (txBytes
 * sliced, not decoded) against a real operator on RocksDB: every transaction a block can hold,
 * honest or stored by a hostile block assembly, hashes to the leaf forming hashed and the block's
 * tree to the root on the root chain; callers that miss one block together share one build, its
 * failure is shared and not cached, and withheld blocks are refused before anything is read.
 */
class SlicedLeavesAndSharedBuildsAttackTest {

  private static final long BLK = 1000;

  @TempDir
  Path dir;

  private final InMemoryRootChain chain = TestChain.rootChain(0);
  private final HostileHooks hooks = new HostileHooks();
  private NodeHarness h;
  private RocksDbStore store;
  /** Block {@link #BLK}'s transactions in order, but for its fee transaction. */
  private List<SignedTransaction> sent;
  /** Block {@link #BLK}'s root on the root chain. */
  private Bytes32 l1Root;

  @BeforeEach
  void startNodeAndFormMixedBlock() {
    store = new RocksDbStore(dir.resolve("db"));
    h = NodeHarness.start(chain, store, NodeHarness.config(dir, 200, 0), hooks::wire);
    sent = formMixedBlock();
    l1Root = chain.submittedRoots().get(BLK);
  }

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  /** {@code n} honest payments of 1..4 inputs and outputs, with and without metadata. */
  private List<SignedTransaction> honestPayments(int n) {
    List<SignedTransaction> payments = new ArrayList<>();
    List<OutputPosition> deposits = new ArrayList<>();
    for (int i = 0; i < n * 4; i++) {
      deposits.add(chain.deposit(ALICE.address(), ETH, 1000));
    }
    h.node.pollRootChain();
    for (int i = 0; i < n; i++) {
      int ins = i % 4 + 1;
      int outs = (i + 1) % 4 + 1;
      List<OutputPosition> inputs = deposits.subList(i * 4, i * 4 + ins);
      List<Output> outputs = new ArrayList<>();
      long total = 1000L * ins - TestChain.FEE.longValue();
      for (int o = 0; o < outs; o++) {
        long amount = o == outs - 1 ? total - (total / outs) * (outs - 1) : total / outs;
        outputs.add(Output.of(o % 2 == 0 ? BOB.address() : ALICE.address(), ETH, amount));
      }
      Bytes32 metadata = i % 2 == 0 ? Bytes32.ZERO : new Bytes32(repeat((byte) (i + 1), 32));
      SignedTransaction tx = TestChain.sign(
          Transaction.payment(inputs, outputs, metadata),
          java.util.Collections.nCopies(ins, ALICE).toArray(new PrivateKey[0]));
      payments.add(tx);
    }
    return payments;
  }

  private static byte[] repeat(byte b, int n) {
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, b);
    return out;
  }

  private static Output out(long amount) {
    return new Output(BOB.address(), ETH, BigInteger.valueOf(amount));
  }

  /**
   * What a hostile operator may store: malformed transactions the decoder refuses (unknown type,
   * five inputs, no outputs, zero amount and owner, a fee with inputs, one larger than any accepted
   * signed transaction) and well-formed ones with fake signatures.
   */
  private static List<SignedTransaction> hostileExtras() {
    Signature fake = new Signature(repeat((byte) 7, Signature.LENGTH));
    List<OutputPosition> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(OutputPosition.of(9000 + i, 0, 0));
    }
    List<Transaction> txs = List.of(
        new Transaction(7, List.of(OutputPosition.of(9000, 0, 0)), List.of(out(5)), Bytes32.ZERO),
        Transaction.payment(five, List.of(out(1), out(2), out(3), out(4))),
        Transaction.payment(List.of(OutputPosition.of(9001, 0, 0)), List.of()),
        Transaction.payment(
            List.of(OutputPosition.of(9002, 0, 0)),
            List.of(new Output(Address.ZERO, ETH, BigInteger.ZERO))),
        new Transaction(
            Transaction.TYPE_FEE,
            List.of(OutputPosition.of(9003, 0, 0)),
            List.of(out(9)),
            Bytes32.ZERO),
        Transaction.payment(
            List.of(OutputPosition.of(9004, 0, 0)), List.of(out(1), out(2), out(3), out(4))),
        Transaction.payment(
            List.of(
                OutputPosition.of(9005, 0, 0),
                OutputPosition.of(9005, 0, 1),
                OutputPosition.of(9005, 0, 2),
                OutputPosition.of(9005, 0, 3)),
            List.of(out(1), out(2), out(3), out(4)),
            new Bytes32(repeat((byte) 0xab, 32))));
    List<SignedTransaction> out = new ArrayList<>();
    for (int i = 0; i < txs.size(); i++) {
      // the sixth carries 40 signatures: larger than any signed transaction the decoder accepts
      int signatures = i == 5 ? 40 : txs.get(i).inputs().size();
      out.add(SignedTransaction.of(
          txs.get(i), java.util.Collections.nCopies(signatures, fake), DOMAIN));
    }
    return out;
  }

  /** Forms block 1000 of honest payments and hostile extras, submitted; returns them in order. */
  private List<SignedTransaction> formMixedBlock() {
    List<SignedTransaction> honest = honestPayments(12);
    for (SignedTransaction tx : honest) {
      assertThat(h.send(tx).isOk()).as(tx.toString()).isTrue();
    }
    List<SignedTransaction> hostile = hostileExtras();
    hooks.queuedTransactions.addAll(hostile);
    BlockRecord formed = h.formBlock();
    assertThat(formed.blkNum()).isEqualTo(BLK);
    h.node.pollRootChain();
    assertThat(chain.submittedRoots()).containsEntry(BLK, formed.root());
    List<SignedTransaction> all = new ArrayList<>(honest);
    all.addAll(hostile);
    return all;
  }

  /**
   * {@code callers} calls, caller {@code c}'s made by {@code call.apply(c)}, released at once;
   * returned when all have ended.
   */
  private static <T> List<Future<T>> allAtOnce(int callers, IntFunction<Callable<T>> call)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<T>> results = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        Callable<T> each = call.apply(c);
        results.add(pool.submit(() -> {
          start.await();
          return each.call();
        }));
      }
      start.countDown();
      for (Future<T> f : results) {
        try {
          f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException ignored) {
          // the caller checks the outcome
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Stores {@code bytes} as block {@link #BLK}'s fee transaction; returns what was stored. */
  private byte[] storeAsFeeTransaction(byte[] bytes) {
    Columns.BlockTxKey feeKey = new Columns.BlockTxKey(BLK, sent.size());
    byte[] before = store.get(Columns.BLOCK_TX, feeKey).orElseThrow();
    store.commit(new WriteBatch().put(Columns.BLOCK_TX, feeKey, bytes));
    return before;
  }

  /** Exit data of output 0 of block {@link #BLK}'s transaction {@code txIndex} proves on L1. */
  private void assertExitDataProvesOnL1(LedgerQueries queries, int txIndex) {
    LedgerQueries.ExitData d =
        queries.exitData(OutputPosition.of(BLK, txIndex, 0)).value();
    assertThat(MerkleTree.verify(
            MerkleTree.leafHash32(d.txBytes().toArray()), txIndex, d.proof(), l1Root))
        .as("exit data of %d.0 proves on the root on L1", txIndex)
        .isTrue();
  }

  @Test
  void everyStoredTransactionKindSlicesToItsEncodingAndTheColdTreeHasTheRootOnL1()
      throws Exception {
    BlockRecord header = store.get(Columns.BLOCK, BLK).orElseThrow();
    assertThat(header.txCount()).as("payments, extras and the fee").isEqualTo(sent.size() + 1);
    List<SignedTransaction> hostile = hostileExtras();
    for (int i = 0; i < hostile.size(); i++) {
      assertThat(TransactionDecoder.decodeSigned(hostile.get(i).encode()).isOk())
          .as("a full decode refuses hostile extra %d", i)
          .isEqualTo(i == hostile.size() - 1);
    }
    assertThat(hostileExtras().get(5).encodedLength())
        .isGreaterThan(org.plasma4j.core.tx.SignedTransaction.MAX_ENCODED_SIZE);

    ProofCache cold = new ProofCache(16);
    LedgerQueries queries = new LedgerQueries(store, cold);
    List<Bytes32> leaves = queries
        .blockLeaves(BLK, 0, MerkleTree.CAPACITY, Integer.MAX_VALUE)
        .orElseThrow()
        .leaves();
    assertThat(cold.builds()).isZero();
    for (int i = 0; i < sent.size(); i++) {
      assertThat(leaves.get(i))
          .as("leaf %d", i)
          .isEqualTo(MerkleTree.leafHash32(sent.get(i).tx().encode()));
    }
    assertThat(MerkleTree.fromLeafHashes(leaves).root()).isEqualTo(l1Root);
    for (int offset = 0; offset < leaves.size(); offset += 5) {
      assertThat(queries.blockLeaves(BLK, offset, 5, 5).orElseThrow().leaves())
          .isEqualTo(leaves.subList(offset, Math.min(offset + 5, leaves.size())));
    }

    // exit data of every honest output, from the tree the cold cache builds, proves on the root
    for (int i = 0; i < 12; i++) {
      for (int o = 0; o < sent.get(i).tx().outputs().size(); o++) {
        TxResult<LedgerQueries.ExitData> exit = queries.exitData(OutputPosition.of(BLK, i, o));
        assertThat(exit.isOk()).as("exit %d.%d", i, o).isTrue();
        LedgerQueries.ExitData d = exit.value();
        assertThat(d.txBytes().toArray()).isEqualTo(sent.get(i).tx().encode());
        assertThat(MerkleTree.verify(
                MerkleTree.leafHash32(d.txBytes().toArray()), i, d.proof(), l1Root))
            .isTrue();
      }
    }
    assertThat(cold.builds()).isEqualTo(1);
    MerkleTree built = cold.cachedTree(BLK).orElseThrow();
    assertThat(built.root()).isEqualTo(l1Root);
    assertThat(built.leafCount()).isEqualTo(header.txCount());
    // the fee transaction's output too
    int fee = sent.size();
    assertThat(queries.exitData(OutputPosition.of(BLK, fee, 0)).isOk()).isTrue();
    // and a hostile extra's well-formed output
    assertThat(queries.exitData(OutputPosition.of(BLK, 12 + 6, 0)).isOk()).isTrue();
  }

  @Test
  void manyColdCallersOfOneBlockShareOneBuildAndAllProveOnTheRootOnL1() throws Exception {
    for (int round = 0; round < 5; round++) {
      ProofCache cold = new ProofCache(16);
      LedgerQueries queries = new LedgerQueries(store, cold);
      List<Future<Boolean>> results = allAtOnce(24, c -> () -> {
        int i = c % 12;
        if (c % 3 == 2) {
          List<Bytes32> page =
              queries.blockLeaves(BLK, i, 3, Integer.MAX_VALUE).orElseThrow().leaves();
          return page.getFirst().equals(MerkleTree.leafHash32(sent.get(i).tx().encode()));
        }
        LedgerQueries.ExitData d =
            queries.exitData(OutputPosition.of(BLK, i, 0)).value();
        return MerkleTree.verify(
            MerkleTree.leafHash32(d.txBytes().toArray()), i, d.proof(), l1Root);
      });
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
      assertThat(cold.builds()).as("round %d", round).isEqualTo(1);
      assertThat(cold.cachedTree(BLK).orElseThrow().root()).isEqualTo(l1Root);
    }
  }

  @Test
  void aCorruptRecordFailsEveryWaiterOfItsBuildAndIsBuiltAgainOnceRepaired() throws Exception {
    byte[] original = storeAsFeeTransaction(new byte[] {0x01, 0x02});

    ProofCache cold = new ProofCache(16);
    LedgerQueries queries = new LedgerQueries(store, cold);
    int callers = 16;
    List<Future<TxResult<LedgerQueries.ExitData>>> results =
        allAtOnce(callers, c -> () -> queries.exitData(OutputPosition.of(BLK, c % 12, 0)));
    for (Future<?> f : results) {
      assertThatThrownBy(f::get)
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(RuntimeException.class);
    }
    assertThat(cold.cachedTree(BLK)).as("a failed build is not cached").isEmpty();
    long failedBuilds = cold.builds();
    assertThat(failedBuilds).isBetween(1L, (long) callers);

    storeAsFeeTransaction(original);
    assertExitDataProvesOnL1(queries, 3);
    assertThat(cold.builds()).isEqualTo(failedBuilds + 1);
    assertThat(cold.cachedTree(BLK).orElseThrow().root()).isEqualTo(l1Root);
  }

  @Test
  void aWellFormedButDifferentStoredTransactionIsRefusedByTheFormedRootAndNeverServesAProof()
      throws Exception {
    // a damaged store that still decodes: the fee transaction's record holds another payment
    byte[] original = storeAsFeeTransaction(sent.get(0).encode());

    ProofCache cold = new ProofCache(16);
    LedgerQueries queries = new LedgerQueries(store, cold);
    assertThatThrownBy(() -> queries.exitData(OutputPosition.of(BLK, 3, 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not to the root");
    assertThat(cold.cachedTree(BLK))
        .as("a tree off the formed root is not cached")
        .isEmpty();

    storeAsFeeTransaction(original);
    assertExitDataProvesOnL1(queries, 3);
  }

  @Test
  void exitDataForAMalformedStoredTransactionIsANamedNotFoundAndHonestOutputsStillProve()
      throws Exception {
    LedgerQueries queries = new LedgerQueries(store, new ProofCache(16));
    int unknownType = 12; // the first hostile extra: txType 7, which the decoder refuses
    var refused = queries.exitData(OutputPosition.of(BLK, unknownType, 0));
    assertThat(refused.isOk()).isFalse();
    assertThat(refused.rejection()).isEqualTo(org.plasma4j.core.tx.TxRejection.NOT_FOUND);
    assertThat(refused.detail()).contains("is malformed").contains("no output to exit");
    assertExitDataProvesOnL1(queries, 11);
    assertThat(sent.get(unknownType).tx().txType()).isEqualTo(7);
  }

  @Test
  void anOutputWhoseOnlyFlawIsItsSignedEnvelopeIsServedWithAProofOnTheL1Root() throws Exception {
    int oversized = 12 + 5; // 40 signatures: no intake takes it, but its txBytes are a payment
    SignedTransaction tx = sent.get(oversized);
    assertThat(TransactionDecoder.decodeSigned(tx.encode()).isOk()).isFalse();
    assertThat(TransactionDecoder.decodeTransaction(tx.txBytes()).isOk())
        .as("what startStandardExit decodes")
        .isTrue();
    LedgerQueries queries = new LedgerQueries(store, new ProofCache(16));
    for (int o = 0; o < tx.tx().outputs().size(); o++) {
      TxResult<LedgerQueries.ExitData> exit =
          queries.exitData(OutputPosition.of(BLK, oversized, o));
      assertThat(exit.isOk()).as("output %d: %s", o, exit).isTrue();
      assertThat(exit.value().txBytes().toArray()).isEqualTo(tx.txBytes());
      assertThat(MerkleTree.verify(
              MerkleTree.leafHash32(tx.txBytes()), oversized, exit.value().proof(), l1Root))
          .isTrue();
    }
  }

  @Test
  void challengeDataForAHostileSpendThatGivesNoChallengeIsANamedNotFound() throws Exception {
    Signature fake = new Signature(repeat((byte) 7, Signature.LENGTH));
    OutputPosition undecodable = OutputPosition.of(BLK, 0, 0);
    OutputPosition unsigned = OutputPosition.of(BLK, 1, 0);
    OutputPosition malleable = OutputPosition.of(BLK, 1, 1);
    hooks.queuedTransactions.add(SignedTransaction.of(
        new Transaction(7, List.of(undecodable), List.of(out(5)), Bytes32.ZERO),
        List.of(fake),
        DOMAIN));
    hooks.queuedTransactions.add(SignedTransaction.of(
        Transaction.payment(List.of(unsigned), List.of(out(5))), List.of(), DOMAIN));
    // the input's signature is no canonical one (v is 7): the exit game refuses it
    hooks.queuedTransactions.add(SignedTransaction.of(
        Transaction.payment(List.of(malleable), List.of(out(5))),
        java.util.Collections.nCopies(40, fake),
        DOMAIN));
    assertThat(h.formBlock().blkNum()).isEqualTo(2 * BLK);
    h.node.pollRootChain();
    LedgerQueries queries = new LedgerQueries(store, new ProofCache(16));
    for (OutputPosition p : List.of(undecodable, unsigned, malleable)) {
      TxResult<LedgerQueries.ChallengeData> c = queries.challengeData(p);
      assertThat(c.isOk()).as("%s", p).isFalse();
      assertThat(c.rejection()).isEqualTo(org.plasma4j.core.tx.TxRejection.NOT_FOUND);
      assertThat(c.detail()).contains("no challenge");
    }
  }

  /**
   * The exit game reads a challenge's txBytes and the challenged input's signature only: a spend
   * whose envelope is flawed anywhere else (more signatures than inputs allow, a bad signature of
   * another input, a record larger than any accepted one) still proves the spend on the root chain,
   * so its challenge is served, signed by the input's owner over the spend's EIP-712 digest.
   */
  @Test
  void aSpendWithAFlawedEnvelopeStillYieldsItsChallenge() throws Exception {
    Signature fake = new Signature(repeat((byte) 7, Signature.LENGTH));
    OutputPosition extraSigs = OutputPosition.of(BLK, 3, 0);
    OutputPosition otherBad = OutputPosition.of(BLK, 4, 0);
    OutputPosition oversized = OutputPosition.of(BLK, 5, 0);
    List<Transaction> spends = List.of(
        Transaction.payment(List.of(extraSigs), List.of(out(5))),
        Transaction.payment(List.of(otherBad, OutputPosition.of(BLK, 4, 1)), List.of(out(5))),
        Transaction.payment(List.of(oversized), List.of(out(6))));
    int[] signatureCounts = {5, 2, 40};
    for (int i = 0; i < spends.size(); i++) {
      Signature owners = org.plasma4j.core.crypto.Secp256k1.sign(
          BOB, org.plasma4j.core.tx.Eip712.digest(spends.get(i), DOMAIN));
      List<Signature> sigs = new ArrayList<>();
      sigs.add(owners);
      sigs.addAll(java.util.Collections.nCopies(signatureCounts[i] - 1, fake));
      SignedTransaction flawed = SignedTransaction.of(spends.get(i), sigs, DOMAIN);
      assertThat(TransactionDecoder.decodeSigned(flawed.encode()).isOk()
              && org.plasma4j.core.state.SignatureCheck.recoverSigners(
                      TransactionDecoder.decodeSigned(flawed.encode()).value())
                  .isOk())
          .as("spend %d is no valid signed transaction", i)
          .isFalse();
      hooks.queuedTransactions.add(flawed);
    }
    assertThat(h.formBlock().blkNum()).isEqualTo(2 * BLK);
    h.node.pollRootChain();
    LedgerQueries queries = new LedgerQueries(store, new ProofCache(16));
    List<OutputPosition> challenged = List.of(extraSigs, otherBad, oversized);
    for (int i = 0; i < challenged.size(); i++) {
      OutputPosition p = challenged.get(i);
      LedgerQueries.ChallengeData c = queries.challengeData(p).value();
      assertThat(c.spendingTxBytes().toArray()).isEqualTo(spends.get(i).encode());
      assertThat(c.inputIndex()).isZero();
      assertThat(org.plasma4j.core.crypto.Secp256k1.recover(
              org.plasma4j.core.tx.Eip712.digest(spends.get(i), DOMAIN), c.signature()))
          .contains(BOB.address());
      assertThat(store.get(Columns.UTXO, p.encode()).orElseThrow().output().owner())
          .isEqualTo(BOB.address());
    }
  }

  @Test
  void aWithheldBlockIsRefusedBeforeAnyReadOnEveryPath() throws Exception {
    hooks.hiddenBlocks.add(BLK);
    ProofCache cold = new ProofCache(16);
    LedgerQueries queries = new LedgerQueries(store, cold, hooks::hidden);
    assertThat(queries.blockLeaves(BLK, 0, 10, 10)).isEmpty();
    assertThat(queries.block(BLK)).isEmpty();
    assertThat(queries.blockPage(BLK, 0, 10, 1 << 20)).isEmpty();
    assertThat(queries.exitData(OutputPosition.of(BLK, 0, 0)).isOk()).isFalse();
    assertThat(queries.transaction(sent.getFirst().txHash())).isEmpty();
    assertThat(cold.builds()).as("no tree built for a withheld block").isZero();
    assertThat(cold.cachedTree(BLK)).isEmpty();
    // the node's own cache holds the tree from forming: still refused
    assertThat(h.node.queries().blockLeaves(BLK, 0, 10, 10)).isEmpty();
    assertThat(h.node.queries().exitData(OutputPosition.of(BLK, 0, 0)).isOk()).isFalse();
    hooks.hiddenBlocks.clear();
    assertThat(queries.blockLeaves(BLK, 0, 10, 10).orElseThrow().leaves()).hasSize(10);
  }
}
