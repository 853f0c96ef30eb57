package org.plasma4j.operator.testing;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.node.storage.KeyValueStore;
import org.plasma4j.node.storage.RocksDbStore;
import org.plasma4j.operator.ledger.BlockRecord;
import org.plasma4j.operator.service.OperatorConfig;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.operator.service.QueryFilter;

/**
 * An operator node on a fake root chain with timers effectively off (1 h), so that tests form
 * blocks and poll the root chain explicitly and deterministically.
 */
public final class NodeHarness implements AutoCloseable {

  public final InMemoryRootChain chain;
  public final OperatorNode node;

  private NodeHarness(InMemoryRootChain chain, OperatorNode node) {
    this.chain = chain;
    this.node = node;
  }

  public static OperatorConfig config(Path dataDir, int maxBlockSize, int confirmations) {
    return OperatorConfig.devnet(
            dataDir, TestChain.FEES, TestChain.FEE_BENEFICIARY, TestChain.OPERATOR)
        .with(c -> {
          c.rpcPort = 0;
          c.rpcThreads = 4;
          c.blockInterval = Duration.ofHours(1);
          c.maxBlockSize = maxBlockSize;
          c.depositConfirmations = confirmations;
          c.pollInterval = Duration.ofHours(1);
          c.maxFeePerGasCap = BigInteger.valueOf(100_000_000_000L);
        });
  }

  public static NodeHarness inMemory(int maxBlockSize) {
    return start(
        TestChain.rootChain(7),
        new InMemoryStore(),
        config(Path.of("unused"), maxBlockSize, 0),
        b -> b);
  }

  public static NodeHarness rocksDb(InMemoryRootChain chain, Path dir, int confirmations) {
    return start(chain, new RocksDbStore(dir), config(dir, 100, confirmations), b -> b);
  }

  /**
   * A node on {@code chain}, on the harness's clock (1,000 ms), that {@code wiring} completes (or
   * {@code b -> b}): hooks (block assembly, submission port, query filter), another clock. It
   * follows the framework's events and those of the exit and cash game doubles that append to the
   * same root chain.
   */
  /** A query filter serving the blocks in {@code hidden} (read at each query) as if not formed. */
  public static QueryFilter hiding(Set<Long> hidden) {
    return new QueryFilter() {
      @Override
      public boolean hidden(long blkNum) {
        return hidden.contains(blkNum);
      }
    };
  }

  public static NodeHarness start(
      InMemoryRootChain chain,
      KeyValueStore store,
      OperatorConfig config,
      UnaryOperator<OperatorNode.Builder> wiring) {
    OperatorNode node = wiring
        .apply(OperatorNode.builder(config, chain, chain).store(store).clock(() -> 1_000L))
        .build();
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
