package org.plasma4j.watcher;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.plasma4j.core.block.Block;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.watcher.challenge.ExitChallenger;

/**
 * A scripted child chain on the shared {@link InMemoryRootChain} and a {@link FakeOperator}, and
 * watchers over them.
 */
final class TestChain {

  static final BigInteger FEE = BigInteger.TEN;
  static final FeeSchedule FEES = FeeSchedule.of(Address.ETH, FEE);

  /** The framework's exit period, in seconds. */
  static final long MEP = 3600;

  final InMemoryRootChain l1 = new InMemoryRootChain(
      new RootChain.ChainInfo(
          Fixtures.CHAIN_ID,
          Fixtures.FRAMEWORK,
          Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
          MEP),
      1,
      1_000_000,
      0);
  final FakeOperator operator = new FakeOperator(FEES);
  final InMemoryStore store = new InMemoryStore();
  final AtomicLong clock = new AtomicLong(1_000_000);
  final RecordingChallenger challenger = new RecordingChallenger(
      Address.fromHex("0x00000000000000000000000000000000000000aa"),
      () -> l1.headBlockNumber() + 1);
  private long nextChild = 1000;
  private long depositOffset;

  /** A deposit of {@code amount} wei for {@code owner}, in a new L1 block. */
  OutputPosition deposit(KeyPair owner, long amount) {
    return deposit(owner, Address.ETH, BigInteger.valueOf(amount));
  }

  /** A deposit of {@code amount} of {@code token} for {@code owner}, in a new L1 block. */
  OutputPosition deposit(KeyPair owner, Address token, BigInteger amount) {
    long blkNum = nextChild - 1000 + ++depositOffset;
    l1.append(new DepositEvent(
        blkNum,
        owner.address(),
        token,
        amount,
        Deposit.root(owner.address(), token, amount),
        l1.headTimestamp(),
        LogPlace.inBlock(l1.mine())));
    return OutputPosition.of(blkNum, 0, 0);
  }

  /** Submits a block of these transactions (root over them) and lets the operator serve it. */
  long submit(SignedTransaction... txs) {
    long blkNum = nextChild;
    Block block = new Block(blkNum, List.of(txs));
    List<Bytes> body = new ArrayList<>();
    for (SignedTransaction t : txs) {
      body.add(t.encoded());
    }
    return submit(block.root(), body);
  }

  /** Submits {@code root} while the operator serves {@code body} (which may not match it). */
  long submit(Bytes32 root, List<Bytes> body) {
    long blkNum = nextChild;
    nextChild += 1000;
    depositOffset = 0;
    l1.append(
        new BlockSubmittedEvent(blkNum, root, l1.headTimestamp(), LogPlace.inBlock(l1.mine())));
    operator.blocks.put(blkNum, body);
    return blkNum;
  }

  static Bytes32 rootOf(byte[]... txBytes) {
    return MerkleTree.build(List.of(txBytes)).root();
  }

  WatcherConfig config() {
    return WatcherConfig.defaults(
            java.net.URI.create("http://127.0.0.1:1"), java.nio.file.Path.of("unused"))
        .withRpc("127.0.0.1", 0)
        .withFollowing(0, Duration.ofSeconds(1), 0)
        .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(600), Duration.ofSeconds(2));
  }

  WatcherNode watcher() {
    return watcher(config());
  }

  WatcherNode watcher(WatcherConfig config) {
    return watcher(config, operator);
  }

  WatcherNode watcher(
      WatcherConfig config, org.plasma4j.watcher.childchain.OperatorBlocks operator) {
    return watcher(config, operator, List.of());
  }

  /** A watcher with a store of its own, as one started later on another machine. */
  WatcherNode watcherOn(InMemoryStore own) {
    WatcherNode node = new WatcherNode(
        config(),
        l1,
        operator,
        List.of(),
        Optional.<ExitChallenger>of(challenger),
        own,
        clock::get,
        org.plasma4j.node.supervision.Fatal.exitProcess());
    node.startWithoutPolling();
    return node;
  }

  /** A watcher that asks {@code mirrors} again for a body not matching its root. */
  WatcherNode watcher(
      WatcherConfig config,
      org.plasma4j.watcher.childchain.OperatorBlocks operator,
      List<org.plasma4j.watcher.childchain.OperatorBlocks> mirrors) {
    WatcherNode node = new WatcherNode(
        config,
        l1,
        operator,
        mirrors,
        Optional.<ExitChallenger>of(challenger),
        store,
        clock::get,
        org.plasma4j.node.supervision.Fatal.exitProcess());
    node.startWithoutPolling();
    return node;
  }

  static Address addr(KeyPair k) {
    return k.address();
  }

  static final BigInteger ETH = Fixtures.ONE_ETHER;

  /**
   * {@code blk} is the one block reported withheld, on {@code evidence}, and {@code deposit}, from
   * before it, is still advised for a standard exit by its owner.
   */
  static void assertWithheld(
      WatcherNode w, long blk, String evidence, KeyPair owner, long deposit) {
    org.assertj.core.api.Assertions.assertThat(w.byzantineEvents(0))
        .singleElement()
        .satisfies(e -> {
          org.assertj.core.api.Assertions.assertThat(e.type()).isEqualTo("block_withholding");
          org.assertj.core.api.Assertions.assertThat(e.details())
              .containsEntry("blkNum", Long.toString(blk))
              .containsEntry("evidence", evidence);
        });
    org.assertj.core.api.Assertions.assertThat(w.status().withheldBlocks()).containsExactly(blk);
    org.assertj.core.api.Assertions.assertThat(w.exitAdvice(owner.address()).standardExits())
        .extracting(org.plasma4j.watcher.advice.ExitAdvice.StandardExit::position)
        .containsExactly(deposit);
  }
}
