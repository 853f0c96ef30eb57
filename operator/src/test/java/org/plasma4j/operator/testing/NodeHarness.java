package org.plasma4j.operator.testing;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.RocksDbStore;
import org.plasma4j.operator.hostile.Hostility;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.operator.service.OperatorConfig;
import org.plasma4j.operator.service.OperatorNode;

/**
 * An operator node on a fake root chain with timers effectively off (1 h), so that tests form
 * blocks and poll the root chain explicitly and deterministically.
 */
public final class NodeHarness implements AutoCloseable {

  public final FakeRootChain chain;
  public final OperatorNode node;

  private NodeHarness(FakeRootChain chain, OperatorNode node) {
    this.chain = chain;
    this.node = node;
  }

  public static OperatorConfig config(Path dataDir, int maxBlockSize, int confirmations) {
    return new OperatorConfig(
        "127.0.0.1",
        0,
        4,
        dataDir,
        Duration.ofHours(1),
        maxBlockSize,
        confirmations,
        TestChain.FEES,
        TestChain.FEE_BENEFICIARY,
        TestChain.OPERATOR,
        Duration.ofHours(1),
        BigInteger.valueOf(100_000_000_000L),
        0,
        Hostility.honest(),
        Duration.ZERO);
  }

  public static NodeHarness inMemory(int maxBlockSize) {
    return start(
        new FakeRootChain(TestChain.OPERATOR.address(), 7),
        new InMemoryStore(),
        config(Path.of("unused"), maxBlockSize, 0));
  }

  public static NodeHarness rocksDb(FakeRootChain chain, Path dir, int confirmations) {
    return start(chain, new RocksDbStore(dir), config(dir, 100, confirmations));
  }

  public static NodeHarness start(FakeRootChain chain, KeyValueStore store, OperatorConfig config) {
    return start(chain, Optional.empty(), store, config);
  }

  /** A node that also follows the exit games' events. */
  public static NodeHarness start(
      FakeRootChain chain,
      Optional<ExitGameEvents> exitGames,
      KeyValueStore store,
      OperatorConfig config) {
    OperatorNode node = new OperatorNode(config, chain, exitGames, store, () -> 1_000L);
    node.start();
    return new NodeHarness(chain, node);
  }

  /** A node that also follows the exit games' and the cash game's events. */
  public static NodeHarness start(
      FakeRootChain chain,
      Optional<ExitGameEvents> exitGames,
      Optional<CashGameEvents> cashGame,
      KeyValueStore store,
      OperatorConfig config) {
    return start(chain, exitGames, cashGame, store, config, () -> 1_000L);
  }

  /** The same, on a clock the test moves. */
  public static NodeHarness start(
      FakeRootChain chain,
      Optional<ExitGameEvents> exitGames,
      Optional<CashGameEvents> cashGame,
      KeyValueStore store,
      OperatorConfig config,
      java.util.function.LongSupplier clockMillis) {
    OperatorNode node = new OperatorNode(config, chain, exitGames, cashGame, store, clockMillis);
    node.start();
    return new NodeHarness(chain, node);
  }

  public TxResult<Bytes32> sendCoin(SignedCoinTransfer transfer) {
    return node.coinIntake().submit(transfer.encode()).join();
  }

  public TxResult<Bytes32> send(SignedTransaction tx) {
    return node.intake().submit(List.of(tx.encode())).join().getFirst();
  }

  public BlockRecord formBlock() {
    return node.writer().formBlock().join().orElseThrow();
  }

  @Override
  public void close() {
    node.close();
  }
}
