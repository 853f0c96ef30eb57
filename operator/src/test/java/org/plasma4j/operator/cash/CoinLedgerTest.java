package org.plasma4j.operator.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.DOMAIN;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.cash.CoinProof;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.node.storage.RocksDbStore;
import org.plasma4j.operator.cash.CoinQueries.EntryKind;
import org.plasma4j.operator.cash.CoinQueries.ProofEntry;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.operator.testing.FakeCashGame;
import org.plasma4j.operator.testing.HostileHooks;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.TestChain;

/** Coins in the operator: crediting, transfers into blocks, coin roots on chain, proofs, exits. */
class CoinLedgerTest {

  private static final PrivateKey CAROL = PrivateKey.fromHex("0x" + "44".repeat(32));

  private final InMemoryRootChain chain = TestChain.rootChain(0);
  private final FakeCashGame game = new FakeCashGame(chain);

  private NodeHarness start(int confirmations) {
    return start(new InMemoryStore(), confirmations, b -> b);
  }

  private NodeHarness start(
      org.plasma4j.node.storage.KeyValueStore store,
      int confirmations,
      UnaryOperator<OperatorNode.Builder> hooks) {
    return NodeHarness.start(
        chain,
        store,
        NodeHarness.config(Path.of("unused"), 100, confirmations),
        b -> hooks.apply(b));
  }

  private static SignedCoinTransfer transfer(
      PrivateKey from, long slot, long prevBlock, Address to) {
    return SignedCoinTransfer.sign(new CoinTransfer(slot, prevBlock, to), from, DOMAIN);
  }

  private static CoinRecord coin(NodeHarness h, long slot) {
    return h.node.coinQueries().coin(slot).value().coin();
  }

  @Test
  void aCoinIsCreditedOnlyAfterTheConfirmationDepth() {
    try (NodeHarness h = start(3)) {
      long slot = game.depositEth(ALICE.address(), 1_000);
      h.node.pollRootChain();
      assertThat(h.node.coinQueries().coin(slot).rejection()).isEqualTo(TxRejection.UNKNOWN_COIN);
      assertThat(h.sendCoin(transfer(ALICE, slot, 0, BOB.address())).rejection())
          .isEqualTo(TxRejection.UNKNOWN_COIN);
      chain.advance(3);
      h.node.pollRootChain();
      CoinRecord credited = coin(h, slot);
      assertThat(credited.owner()).isEqualTo(ALICE.address());
      assertThat(credited.block()).isZero();
      assertThat(credited.status()).isEqualTo(CoinStatus.DEPOSITED);
    }
  }

  @Test
  void transfersGoIntoBlocksWhoseCoinRootsReachTheRootChainAndProveTheHistory() {
    try (NodeHarness h = start(0)) {
      long slot = game.depositEth(ALICE.address(), 1_000);
      long other = game.depositEth(BOB.address(), 5);
      h.node.pollRootChain();

      SignedCoinTransfer toBob = transfer(ALICE, slot, 0, BOB.address());
      assertThat(h.sendCoin(toBob).value()).isEqualTo(toBob.transfer().hash());
      assertThat(h.sendCoin(toBob).value())
          .as("a retry gets the same answer")
          .isEqualTo(toBob.transfer().hash());
      assertThat(h.sendCoin(transfer(BOB, other, 0, ALICE.address())).isOk()).isTrue();
      assertThat(h.formBlock().blkNum()).isEqualTo(1000);
      h.node.pollRootChain();
      assertThat(chain.sentWithCoins).containsExactly(true);
      Bytes32 root1000 = chain.coinRoot(1000);
      assertThat(root1000)
          .isEqualTo(CoinTree.ofTransfers(
                  java.util.List.of(toBob, transfer(BOB, other, 0, ALICE.address())))
              .root());

      assertThat(coin(h, slot).owner()).isEqualTo(BOB.address());
      assertThat(coin(h, slot).block()).isEqualTo(1000);
      assertThat(h.sendCoin(transfer(ALICE, slot, 1000, ALICE.address())).rejection())
          .as("the old owner")
          .isEqualTo(TxRejection.NOT_COIN_OWNER);
      assertThat(h.sendCoin(transfer(BOB, slot, 0, CAROL.address())).rejection())
          .as("a stale prevBlock")
          .isEqualTo(TxRejection.WRONG_PREV_BLOCK);

      // block 2000 carries only a UTXO payment: its coin root is zero
      var utxo = chain.deposit(ALICE.address(), TestChain.ETH, 100);
      h.node.pollRootChain();
      assertThat(h.send(TestChain.pay(ALICE, utxo, 100, BOB.address(), 50)).isOk())
          .isTrue();
      h.formBlock();
      SignedCoinTransfer toCarol = transfer(BOB, slot, 1000, CAROL.address());
      assertThat(h.sendCoin(toCarol).isOk()).isTrue();
      h.formBlock();
      h.node.pollRootChain();
      assertThat(chain.sentWithCoins).containsExactly(true, false, true);

      var proofs = h.node.coinQueries().proofs(slot, 1000, 3000).value().entries();
      assertThat(proofs)
          .extracting(ProofEntry::kind)
          .containsExactly(EntryKind.INCLUDED, EntryKind.EMPTY, EntryKind.INCLUDED);
      for (ProofEntry e : proofs) {
        Bytes32 onChain = chain.coinRoot(e.blkNum());
        assertThat(e.coinRoot()).isEqualTo(onChain);
        if (e.kind() == EntryKind.INCLUDED) {
          CoinProof proof = CoinProof.decode(e.proof().orElseThrow().encode());
          assertThat(CoinTree.includes(onChain, e.transfer().orElseThrow().transfer(), proof))
              .isTrue();
        }
      }
      assertThat(proofs.get(2).transfer()).contains(toCarol);
      ProofEntry excluded =
          h.node.coinQueries().proofs(other, 3000, 3000).value().entries().getFirst();
      assertThat(excluded.kind()).isEqualTo(EntryKind.EXCLUDED);
      assertThat(CoinTree.excludes(chain.coinRoot(3000), other, excluded.proof().orElseThrow()))
          .isTrue();
    }
  }

  @Test
  void withACoinBlockPeriodTransfersWaitForTheNextCoinBlockAndTheBlocksBetweenHaveCoinRootZero() {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000);
    var config = NodeHarness.config(Path.of("unused"), 100, 0)
        .withCoinBlockPeriod(java.time.Duration.ofMinutes(1));
    try (NodeHarness h =
        NodeHarness.start(chain, new InMemoryStore(), config, b -> b.clock(now::get))) {
      long slot = game.depositEth(ALICE.address(), 1_000);
      var utxo = chain.deposit(ALICE.address(), TestChain.ETH, 100);
      h.node.pollRootChain();
      assertThat(h.sendCoin(transfer(ALICE, slot, 0, BOB.address())).isOk()).isTrue();
      assertThat(h.formBlock().blkNum())
          .as("the first coin block is due at once")
          .isEqualTo(1000);

      SignedCoinTransfer toCarol = transfer(BOB, slot, 1000, CAROL.address());
      assertThat(h.sendCoin(toCarol).isOk()).isTrue();
      now.addAndGet(1_000);
      assertThat(h.node.writer().formBlock().join())
          .as("only a coin transfer is pending and no coin block is due: no block")
          .isEmpty();
      assertThat(h.send(TestChain.pay(ALICE, utxo, 100, BOB.address(), 50)).isOk())
          .isTrue();
      assertThat(h.formBlock().blkNum()).isEqualTo(2000);
      assertThat(coin(h, slot).block()).as("the transfer still waits").isEqualTo(1000);

      now.addAndGet(60_000);
      assertThat(h.formBlock().blkNum()).isEqualTo(3000);
      h.node.pollRootChain();
      assertThat(chain.sentWithCoins).containsExactly(true, false, true);
      assertThat(chain.coinRoot(2000)).isEqualTo(Bytes32.ZERO);
      assertThat(coin(h, slot).owner()).isEqualTo(CAROL.address());
      assertThat(coin(h, slot).block()).isEqualTo(3000);
    }
  }

  @Test
  void anExitingCoinTakesNoTransfersUntilItsExitIsCancelledAndAnExitedOneNeverAgain() {
    try (NodeHarness h = start(0)) {
      long slot = game.depositEth(ALICE.address(), 1_000);
      h.node.pollRootChain();
      game.startExit(slot, ALICE.address(), 0);
      h.node.pollRootChain();
      assertThat(coin(h, slot).status()).isEqualTo(CoinStatus.EXITING);
      assertThat(h.sendCoin(transfer(ALICE, slot, 0, BOB.address())).rejection())
          .isEqualTo(TxRejection.COIN_EXITING);
      game.cancelExit(slot, ALICE.address());
      h.node.pollRootChain();
      assertThat(h.sendCoin(transfer(ALICE, slot, 0, BOB.address())).isOk()).isTrue();
      h.formBlock();
      game.startExit(slot, BOB.address(), 1000);
      game.finalizeExit(slot, BOB.address());
      game.withdraw(slot, BOB.address());
      h.node.pollRootChain();
      assertThat(coin(h, slot).status()).isEqualTo(CoinStatus.WITHDRAWN);
      assertThat(h.sendCoin(transfer(BOB, slot, 1000, ALICE.address())).rejection())
          .isEqualTo(TxRejection.COIN_EXITING);
    }
  }

  @Test
  void aCancelledExitLeavesTheCoinExitingWhileAnotherOwnersExitIsPending() {
    try (NodeHarness h = start(0)) {
      long slot = game.depositEth(ALICE.address(), 1_000);
      h.node.pollRootChain();
      game.startExit(slot, ALICE.address(), 0);
      game.startExit(slot, BOB.address(), 0);
      h.node.pollRootChain();
      assertThat(coin(h, slot).pendingExits()).isEqualTo(2);

      game.cancelExit(
          slot,
          ALICE.address()); // one of the two fails: the cash game still holds the coin as exiting
      h.node.pollRootChain();
      assertThat(coin(h, slot).status()).isEqualTo(CoinStatus.EXITING);
      assertThat(h.sendCoin(transfer(ALICE, slot, 0, BOB.address())).rejection())
          .isEqualTo(TxRejection.COIN_EXITING);

      game.cancelExit(
          slot, BOB.address()); // the last one fails: the coin is as it was before the exits
      h.node.pollRootChain();
      assertThat(coin(h, slot).status()).isEqualTo(CoinStatus.DEPOSITED);
      assertThat(coin(h, slot).pendingExits()).isZero();
      assertThat(h.sendCoin(transfer(ALICE, slot, 0, BOB.address())).isOk()).isTrue();
    }
  }

  @Test
  void aCancelAfterAnotherExitWonTheCoinLeavesItGone() {
    try (NodeHarness h = start(0)) {
      long slot = game.depositEth(ALICE.address(), 1_000);
      h.node.pollRootChain();
      game.startExit(slot, ALICE.address(), 0);
      game.startExit(slot, BOB.address(), 0);
      game.finalizeExit(slot, ALICE.address());
      h.node.pollRootChain();
      game.cancelExit(slot, BOB.address()); // BOB's exit closes because ALICE's won the coin
      h.node.pollRootChain();
      assertThat(coin(h, slot).status()).isEqualTo(CoinStatus.EXITED);
      assertThat(h.sendCoin(transfer(ALICE, slot, 0, BOB.address())).rejection())
          .isEqualTo(TxRejection.COIN_EXITING);
    }
  }

  @Test
  void aCoinStoredBeforeTheClaimantsWereKeptReadsItsExitsUnnamed() {
    CoinRecord exiting = CoinRecord.deposited(
            7, Address.ZERO, 0, BigInteger.TEN, ALICE.address(), 0, 1)
        .withStatus(CoinStatus.EXITING);
    byte[] current = CoinRecord.CODEC.encode(exiting);
    // the current form ends with the marker, the named exits (none here) and the unnamed count
    byte[] prefix = java.util.Arrays.copyOf(current, current.length - 12);
    assertThat(CoinRecord.CODEC.decode(prefix).pendingExits())
        .as("oldest form: exiting means one")
        .isEqualTo(1);
    byte[] counted =
        java.nio.ByteBuffer.allocate(prefix.length + 4).put(prefix).putInt(2).array();
    CoinRecord fromCount = CoinRecord.CODEC.decode(counted);
    assertThat(fromCount.unnamedExits()).isEqualTo(2);
    assertThat(fromCount.exits()).isEmpty();
    assertThat(fromCount.exitCancelled(BOB.address(), 9).status())
        .as("one of two left")
        .isEqualTo(CoinStatus.EXITING);
    assertThat(fromCount
            .exitCancelled(BOB.address(), 9)
            .exitCancelled(ALICE.address(), 10)
            .status())
        .isEqualTo(CoinStatus.DEPOSITED);
    assertThat(CoinRecord.CODEC.decode(current)).isEqualTo(exiting);
  }

  @Test
  void namedExitsRoundTripAndACancelSharingABlockWithARestartLeavesTheRestart() {
    CoinRecord coin = CoinRecord.deposited(
            7, Address.ZERO, 0, BigInteger.TEN, ALICE.address(), 0, 1)
        .exitStarted(new PendingCoinExit(ALICE.address(), 5, 20))
        .exitStarted(new PendingCoinExit(BOB.address(), 6, 21));
    assertThat(CoinRecord.CODEC.decode(CoinRecord.CODEC.encode(coin))).isEqualTo(coin);
    // ALICE's exit 5 is cancelled and her exit 7 starts in block 30: starts are applied first
    CoinRecord restarted = coin.exitStarted(new PendingCoinExit(ALICE.address(), 7, 30))
        .exitCancelled(ALICE.address(), 30);
    assertThat(restarted.exits())
        .extracting(PendingCoinExit::claimId)
        .containsExactlyInAnyOrder(6L, 7L);
    CoinRecord bobGone = restarted.exitCancelled(BOB.address(), 31);
    assertThat(bobGone.exitCancelled(BOB.address(), 31))
        .as("a cancel read twice")
        .isEqualTo(bobGone);
    assertThat(bobGone.pendingExits()).isEqualTo(1);
    assertThat(bobGone.status()).isEqualTo(CoinStatus.EXITING);
  }

  @Test
  void coinsAndAcknowledgedTransfersSurviveARestart(@TempDir Path dir) {
    long slot;
    SignedCoinTransfer toBob;
    try (NodeHarness h = start(new RocksDbStore(dir), 0, b -> b)) {
      slot = game.depositEth(ALICE.address(), 1_000);
      h.node.pollRootChain();
      toBob = transfer(ALICE, slot, 0, BOB.address());
      assertThat(h.sendCoin(toBob).isOk()).isTrue();
    }
    try (NodeHarness h = start(new RocksDbStore(dir), 0, b -> b)) {
      assertThat(h.node.coinQueries().coin(slot).value().pending()).contains(toBob);
      assertThat(h.sendCoin(transfer(ALICE, slot, 0, ALICE.address())).rejection())
          .isEqualTo(TxRejection.COIN_TRANSFER_PENDING);
      h.formBlock();
      assertThat(coin(h, slot).owner()).isEqualTo(BOB.address());
      assertThat(h.node
              .coinQueries()
              .proofs(slot, 1000, 1000)
              .value()
              .entries()
              .getFirst()
              .transfer())
          .contains(toBob);
    }
  }

  @Test
  void aBlockDroppedByAReorgIsSubmittedAgainWithItsCoinRoot() {
    try (NodeHarness h = start(0)) {
      long slot = game.depositEth(ALICE.address(), 1_000);
      h.node.pollRootChain();
      h.sendCoin(transfer(ALICE, slot, 0, BOB.address()));
      h.formBlock();
      h.node.pollRootChain();
      Bytes32 root = chain.coinRoot(1000);
      chain.reorg(1);
      assertThat(chain.coinRoot(1000)).isEqualTo(Bytes32.ZERO);
      h.node.pollRootChain();
      h.node.pollRootChain();
      assertThat(chain.sentWithCoins).containsExactly(true, true);
      assertThat(chain.coinRoot(1000)).isEqualTo(root);
    }
  }

  @Test
  void theBlockAssemblysCoinTransfersTakeTheirSlotAndHiddenCoinBlocksAreUnavailable() {
    HostileHooks hostile = new HostileHooks();
    try (NodeHarness h = start(new InMemoryStore(), 0, hostile::wire)) {
      long slot = game.depositEth(ALICE.address(), 1_000);
      h.node.pollRootChain();
      SignedCoinTransfer honest = transfer(ALICE, slot, 0, BOB.address());
      h.sendCoin(honest);
      SignedCoinTransfer forged =
          transfer(CAROL, slot, 0, CAROL.address()); // not the owner's signature
      hostile.queuedCoinTransfers.add(forged);
      h.formBlock();
      ProofEntry e =
          h.node.coinQueries().proofs(slot, 1000, 1000).value().entries().getFirst();
      assertThat(e.transfer()).contains(forged);
      assertThat(coin(h, slot).owner())
          .as("the operator follows the unvalidated transfer")
          .isEqualTo(CAROL.address());
      assertThat(h.node.coinQueries().coin(slot).value().pending())
          .as("displaced")
          .contains(honest);

      hostile.hiddenBlocks.add(2000L);
      h.formBlock(); // the displaced honest transfer, now in a hidden block
      assertThat(h.node.coinQueries().proofs(slot, 1000, 2000).rejection())
          .isEqualTo(TxRejection.BLOCK_UNAVAILABLE);
      assertThat(h.node.coinQueries().proofs(slot, 1000, 1000).isOk()).isTrue();
    }
  }
}
