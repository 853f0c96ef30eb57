package org.plasma4j.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.DOMAIN;
import static org.plasma4j.operator.testing.TestChain.ETH;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.RocksDbStore;
import org.plasma4j.operator.cash.CoinQueries;
import org.plasma4j.operator.testing.FakeCashGame;
import org.plasma4j.operator.testing.HostileHooks;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.TestChain;

/**
 * The rebuilt-tree check against the root forming recorded never refuses an honest block: blocks of
 * payments, of coin transfers, of both, a coin block with no transfer, deposits, the block after a
 * withheld one, all read after a restart from a cache of one tree that evicts and rebuilds, on a
 * real RocksDB operator. Every proof served verifies on the root the root chain holds.
 */
class FormedRootCheckHonestBlocksTest {

  @TempDir
  Path dir;

  private final InMemoryRootChain chain = TestChain.rootChain(0);
  private final FakeCashGame game = new FakeCashGame(chain);
  private final HostileHooks hooks = new HostileHooks();
  private final Set<Long> hidden = hooks.hiddenBlocks;
  private NodeHarness h;
  private RocksDbStore store;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private void startNode() {
    store = new RocksDbStore(dir.resolve("db"));
    h = NodeHarness.start(
        chain,
        store,
        NodeHarness.config(dir, 100, 0).withCoinBlockPeriod(Duration.ZERO),
        hooks::wire);
  }

  private void restart() {
    h.close();
    h = null;
    startNode();
  }

  private static SignedCoinTransfer coinTransfer(long slot, long prevBlock) {
    return SignedCoinTransfer.sign(new CoinTransfer(slot, prevBlock, BOB.address()), ALICE, DOMAIN);
  }

  @Test
  void everyHonestBlockKindProvesOnItsL1RootAfterARestartThroughEvictionsAndRebuilds() {
    startNode();
    List<OutputPosition> deposits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      deposits.add(chain.deposit(ALICE.address(), ETH, 1000));
    }
    long coinA = game.depositEth(ALICE.address(), 1000);
    long coinB = game.depositEth(ALICE.address(), 1000);
    h.node.pollRootChain();

    // 1000: payments and a coin transfer; 2000: payments, no coin transfer; 3000: coins only
    List<List<SignedTransaction>> sent = new ArrayList<>();
    assertThat(h.send(TestChain.pay(ALICE, deposits.get(0), 1000, BOB.address(), 100))
            .isOk())
        .isTrue();
    assertThat(h.send(TestChain.pay(ALICE, deposits.get(1), 1000, BOB.address(), 200))
            .isOk())
        .isTrue();
    assertThat(h.sendCoin(coinTransfer(coinA, 0)).isOk()).isTrue();
    assertThat(h.formBlock().blkNum()).isEqualTo(1000);
    assertThat(h.send(TestChain.pay(ALICE, deposits.get(2), 1000, BOB.address(), 300))
            .isOk())
        .isTrue();
    assertThat(h.formBlock().blkNum()).isEqualTo(2000);
    assertThat(h.sendCoin(coinTransfer(coinB, 0)).isOk()).isTrue();
    assertThat(h.formBlock().blkNum()).isEqualTo(3000);
    h.node.pollRootChain();
    Map<Long, Bytes32> l1Roots = chain.submittedRoots();
    assertThat(l1Roots).containsKeys(1000L, 2000L, 3000L);

    restart();
    ProofCache one = new ProofCache(1, 1);
    LedgerQueries queries = new LedgerQueries(store, one);
    CoinQueries coins = new CoinQueries(store, one, hidden::contains);
    for (int round = 0; round < 2; round++) {
      for (long blk : List.of(1000L, 2000L, 3000L)) {
        BlockRecord header = store.get(Columns.BLOCK, blk).orElseThrow();
        for (int i = 0; i < header.txCount(); i++) {
          TxResult<LedgerQueries.ExitData> exit = queries.exitData(OutputPosition.of(blk, i, 0));
          assertThat(exit.isOk()).as("exit %d.%d: %s", blk, i, exit).isTrue();
          LedgerQueries.ExitData d = exit.value();
          assertThat(MerkleTree.verify(
                  MerkleTree.leafHash32(d.txBytes().toArray()), i, d.proof(), l1Roots.get(blk)))
              .as("block %d tx %d", blk, i)
              .isTrue();
        }
      }
      for (long slot : List.of(coinA, coinB)) {
        var proofs = coins.proofs(slot, 1000, 3000);
        assertThat(proofs.isOk()).as("%s", proofs).isTrue();
        for (CoinQueries.ProofEntry e : proofs.value().entries()) {
          assertThat(e.coinRoot()).isEqualTo(chain.coinRoot(e.blkNum()));
          if (e.kind() == CoinQueries.EntryKind.EMPTY) {
            continue;
          }
          Bytes32 leaf = e.transfer().map(t -> t.transfer().leafHash()).orElse(Bytes32.ZERO);
          assertThat(CoinTree.rootFromProof(slot, leaf, e.proof().orElseThrow()))
              .as("slot %d block %d %s", slot, e.blkNum(), e.kind())
              .isEqualTo(e.coinRoot());
        }
        assertThat(proofs.value().entries())
            .extracting(CoinQueries.ProofEntry::kind)
            .containsExactly(
                slot == coinA ? CoinQueries.EntryKind.INCLUDED : CoinQueries.EntryKind.EXCLUDED,
                CoinQueries.EntryKind.EMPTY,
                slot == coinB ? CoinQueries.EntryKind.INCLUDED : CoinQueries.EntryKind.EXCLUDED);
      }
    }
    assertThat(one.builds()).as("a cache of one rebuilt on every switch").isGreaterThan(6);
    // a deposit's exit data needs no block tree
    assertThat(queries.exitData(deposits.get(3)).isOk()).isTrue();
  }

  @Test
  void theBlockAfterAWithheldOneProvesAndTheWithheldOneBuildsNothing() {
    startNode();
    List<OutputPosition> deposits = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      deposits.add(chain.deposit(ALICE.address(), ETH, 1000));
    }
    h.node.pollRootChain();
    h.send(TestChain.pay(ALICE, deposits.get(0), 1000, BOB.address(), 100));
    h.formBlock();
    h.send(TestChain.pay(ALICE, deposits.get(1), 1000, BOB.address(), 100));
    h.formBlock();
    h.node.pollRootChain();
    hidden.add(1000L);
    restart();
    ProofCache cold = new ProofCache(4);
    LedgerQueries queries = new LedgerQueries(store, cold, hidden::contains);
    var withheld = queries.exitData(OutputPosition.of(1000, 0, 0));
    assertThat(withheld.rejection()).isEqualTo(TxRejection.NOT_FOUND);
    assertThat(cold.builds()).isZero();
    LedgerQueries.ExitData d = queries.exitData(OutputPosition.of(2000, 0, 1)).value();
    assertThat(MerkleTree.verify(
            MerkleTree.leafHash32(d.txBytes().toArray()),
            0,
            d.proof(),
            chain.submittedRoots().get(2000L)))
        .isTrue();
  }
}
