package org.plasma4j.operator.service;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.node.config.RecordEdit;
import org.plasma4j.node.rpc.RpcLimits;
import org.plasma4j.node.supervision.Fatal;

/**
 * Everything an operator node is configured with. {@code operatorKey} may be null when the
 * root-chain adapter holds the key itself; when given, the node checks at start that it is the
 * contract's operator.
 *
 * @param rpcHost interface to bind, e.g. 127.0.0.1
 * @param rpcPort port to bind, 0 for any free port
 * @param rpcThreads request threads; signatures are recovered on them, and a send holds one until
 *     its group commit, so many threads (64) let many single sends share one fsync
 * @param dataDir RocksDB directory
 * @param blockInterval how often a block is formed when transactions are pending
 * @param maxBlockSize transactions per block including the fee transaction (at most 65,536)
 * @param depositConfirmations root-chain confirmations before deposits and exit events are applied
 * @param fees the fee per token (at most 4 tokens, the outputs of one fee transaction; a fee times
 *     the payments per block stays below 2^192, so a block's fee output is one every exit game can
 *     pay)
 * @param feeBeneficiary owner of the fee transaction's outputs
 * @param pollInterval how often the root chain is polled (events, submissions)
 * @param maxFeePerGasCap the highest max fee per gas a block submission may offer
 * @param startL1Block the root-chain block the contract was deployed in (where following starts)
 * @param coinBlockPeriod see {@link #withCoinBlockPeriod}
 * @param rpcLimits what one JSON-RPC client may take (connections, deadlines, bytes)
 * @param fatal what the node does when it cannot go on (out of memory): end the process, except in
 *     tests
 */
public record OperatorConfig(
    String rpcHost,
    int rpcPort,
    int rpcThreads,
    Path dataDir,
    Duration blockInterval,
    int maxBlockSize,
    int depositConfirmations,
    FeeSchedule fees,
    Address feeBeneficiary,
    PrivateKey operatorKey,
    Duration pollInterval,
    BigInteger maxFeePerGasCap,
    long startL1Block,
    Duration coinBlockPeriod,
    RpcLimits rpcLimits,
    Fatal fatal) {

  public OperatorConfig {
    Objects.requireNonNull(rpcLimits, "rpcLimits");
    Objects.requireNonNull(fatal, "fatal");
    Objects.requireNonNull(coinBlockPeriod, "coinBlockPeriod");
    if (coinBlockPeriod.isNegative()) {
      throw new IllegalArgumentException("coinBlockPeriod must not be negative");
    }
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(fees, "fees");
    Objects.requireNonNull(feeBeneficiary, "feeBeneficiary");
    if (feeBeneficiary.isZero()) {
      throw new IllegalArgumentException("the fee beneficiary cannot be the zero address");
    }
    if (maxBlockSize < 2 || maxBlockSize > MerkleTree.CAPACITY) {
      throw new IllegalArgumentException("maxBlockSize must be in 2.." + MerkleTree.CAPACITY);
    }
    if (fees.fees().isEmpty() || fees.fees().size() > Transaction.MAX_OUTPUTS) {
      throw new IllegalArgumentException(
          "the fee schedule needs 1.." + Transaction.MAX_OUTPUTS + " tokens");
    }
    // a block's fee output in a token is at most the fee times the payments in the block; it must
    // stay an output every exit game can pay, like every other
    BigInteger paymentsPerBlock = BigInteger.valueOf(maxBlockSize - 1L);
    fees.fees().forEach((token, fee) -> {
      if (fee.multiply(paymentsPerBlock).compareTo(Output.AMOUNT_LIMIT) >= 0) {
        throw new IllegalArgumentException(
            "the fee " + fee + " in " + token + " times " + paymentsPerBlock
                + " payments per block reaches 2^192, the largest amount an output may hold");
      }
    });
    if (depositConfirmations < 0 || rpcThreads < 1) {
      throw new IllegalArgumentException("depositConfirmations >= 0 and rpcThreads >= 1 required");
    }
  }

  /** Defaults for a local devnet: 1 s blocks, full-size blocks, 1 s polling, no confirmations. */
  public static OperatorConfig devnet(
      Path dataDir, FeeSchedule fees, Address feeBeneficiary, PrivateKey operatorKey) {
    return new OperatorConfig(
        "127.0.0.1",
        9656,
        64,
        dataDir,
        Duration.ofSeconds(1),
        MerkleTree.CAPACITY,
        0,
        fees,
        feeBeneficiary,
        operatorKey,
        Duration.ofSeconds(1),
        BigInteger.valueOf(500_000_000_000L),
        0,
        Duration.ZERO,
        RpcLimits.defaults(),
        Fatal.exitProcess());
  }

  public OperatorConfig withRpc(String host, int port) {
    return with(c -> {
      c.rpcHost = host;
      c.rpcPort = port;
    });
  }

  public OperatorConfig withBlocks(Duration interval, int maxSize) {
    return with(c -> {
      c.blockInterval = interval;
      c.maxBlockSize = maxSize;
    });
  }

  public OperatorConfig withRootChainFollowing(int confirmations, Duration poll, long fromL1Block) {
    return with(c -> {
      c.depositConfirmations = confirmations;
      c.pollInterval = poll;
      c.startL1Block = fromL1Block;
    });
  }

  /** The same node with other limits on what JSON-RPC clients may take. */
  public OperatorConfig withRpcLimits(RpcLimits limits) {
    return with(c -> c.rpcLimits = limits);
  }

  /**
   * The same node ending the process differently on a fatal error: tests record the call instead.
   */
  public OperatorConfig withFatal(Fatal onFatal) {
    return with(c -> c.fatal = onFatal);
  }

  /**
   * Coin transfers ride only in a block formed at least {@code period} after the last block that
   * carried some; the blocks in between have coin root zero, which costs coin owners no history
   * (docs/benchmarks.md, "Plasma Cash: stored history per coin"). Zero: every block may carry them.
   */
  public OperatorConfig withCoinBlockPeriod(Duration period) {
    return with(c -> c.coinBlockPeriod = period);
  }

  /**
   * This config with the values {@code change} sets on a copy of it ({@code c -> c.rpcPort = 0}),
   * checked as the constructor checks them.
   */
  public OperatorConfig with(Consumer<Values> change) {
    return RecordEdit.with(this, new Values(), change);
  }

  /** The values of an {@link OperatorConfig} while they are being changed; see {@link #with}. */
  public static final class Values {
    public String rpcHost;
    public int rpcPort;
    public int rpcThreads;
    public Path dataDir;
    public Duration blockInterval;
    public int maxBlockSize;
    public int depositConfirmations;
    public FeeSchedule fees;
    public Address feeBeneficiary;
    public PrivateKey operatorKey;
    public Duration pollInterval;
    public BigInteger maxFeePerGasCap;
    public long startL1Block;
    public Duration coinBlockPeriod;
    public RpcLimits rpcLimits;
    public Fatal fatal;

    private Values() {}
  }
}
