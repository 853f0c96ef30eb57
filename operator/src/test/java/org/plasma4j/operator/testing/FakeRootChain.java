package org.plasma4j.operator.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * An in-memory root chain for unit tests: a contract that numbers blocks like PlasmaFramework and
 * an operator account whose nonces behave like Ethereum's (one mined transaction per nonce, in
 * order). With {@code autoMine} off, submissions wait in a mempool until {@link #mine()}.
 */
public final class FakeRootChain implements RootChain {

  public static final long CHAIN_ID = 31337;
  public static final Address FRAMEWORK = Address.fromHex("0x" + "fa".repeat(20));

  private record Sent(Bytes32 root, Bytes32 coinRoot, BigInteger nonce, BigInteger fee) {}

  private final Address operator;
  private long head = 100;
  private long timestamp = 1_700_000_000;
  private long nextChildBlock = BlockNumbers.FIRST_CHILD_BLOCK;
  private int depositIndex;
  private long minedNonce;
  private final Map<Long, Bytes32> commitments = new HashMap<>();
  private final Map<Long, Bytes32> coinRoots = new HashMap<>();
  /** Per sent submission, whether it was submitBlockWithCoins. */
  public final List<Boolean> sentWithCoins = new ArrayList<>();

  private final Map<BigInteger, Sent> mempool = new HashMap<>();
  /** How many times each root-chain block was replaced by a reorg: part of its fake hash. */
  private final Map<Long, Integer> replaced = new HashMap<>();

  private final List<DepositEvent> deposits = new ArrayList<>();
  private final List<BlockSubmittedEvent> submitted = new ArrayList<>();
  private final List<ExitStartedEvent> started = new ArrayList<>();
  private final List<ExitFinalizedEvent> finalized = new ArrayList<>();
  private final List<ExitChallengedEvent> challenged = new ArrayList<>();
  public final List<BigInteger> sentNonces = new ArrayList<>();
  public final List<BigInteger> sentFees = new ArrayList<>();
  public boolean autoMine = true;
  /** Thrown by the next deposits() read, once: an error inside the root-chain follower. */
  public volatile Error failDepositsOnce;
  /** Thrown by the next submitBlock, once: an error inside the block submitter. */
  public volatile Error failSubmitOnce;

  private static void throwIfArmed(Error error, Runnable disarm) {
    if (error != null) {
      disarm.run();
      throw error;
    }
  }

  public FakeRootChain(Address operator, long startNonce) {
    this.operator = operator;
    this.minedNonce = startNonce;
  }

  @Override
  public synchronized ChainInfo info() {
    return new ChainInfo(CHAIN_ID, FRAMEWORK, operator, 7 * 24 * 3600);
  }

  @Override
  public synchronized long headBlockNumber() {
    return head;
  }

  @Override
  public synchronized long headTimestamp() {
    return timestamp;
  }

  @Override
  public synchronized java.util.OptionalLong blockTimestamp(long l1Block) {
    return l1Block < 0 || l1Block > head
        ? java.util.OptionalLong.empty()
        : java.util.OptionalLong.of(timestamp);
  }

  @Override
  public synchronized Optional<Bytes32> blockHash(long l1Block) {
    if (l1Block < 0 || l1Block > head) {
      return Optional.empty();
    }
    return Optional.of(Bytes32.ofUint(l1Block * 1_000 + replaced.getOrDefault(l1Block, 0)));
  }

  /**
   * Replaces the last {@code depth} root-chain blocks with empty ones, like anvil_reorg: their
   * events, deposits and block submissions are gone, and the operator account's nonce falls back.
   */
  public synchronized void reorg(int depth) {
    long from = head - depth + 1;
    for (long b = from; b <= head; b++) {
      replaced.merge(b, 1, Integer::sum);
    }
    deposits.stream().filter(e -> e.l1Block() >= from).forEach(e -> commitments.remove(e.blkNum()));
    deposits.removeIf(e -> e.l1Block() >= from);
    started.removeIf(e -> e.l1Block() >= from);
    finalized.removeIf(e -> e.l1Block() >= from);
    challenged.removeIf(e -> e.l1Block() >= from);
    List<BlockSubmittedEvent> dropped = range(submitted, e -> e.l1Block() >= from);
    submitted.removeAll(dropped);
    dropped.forEach(e -> commitments.remove(e.blkNum()));
    dropped.forEach(e -> coinRoots.remove(e.blkNum()));
    minedNonce -= dropped.size();
    nextChildBlock -= BlockNumbers.CHILD_BLOCK_INTERVAL * dropped.size();
    long firstDeposit = nextChildBlock - BlockNumbers.CHILD_BLOCK_INTERVAL;
    depositIndex = (int) deposits.stream()
        .filter(e -> e.blkNum() > firstDeposit && e.blkNum() < nextChildBlock)
        .count();
  }

  /** Mines {@code n} empty root-chain blocks. */
  public synchronized void advance(int n) {
    head += n;
    timestamp += 12L * n;
  }

  /** A deposit as the contract makes it; returns its output position. */
  public synchronized OutputPosition deposit(Address owner, Address token, long amount) {
    long blkNum = nextChildBlock - BlockNumbers.CHILD_BLOCK_INTERVAL + ++depositIndex;
    BigInteger value = BigInteger.valueOf(amount);
    advance(1);
    deposits.add(new DepositEvent(
        blkNum, owner, token, value, Deposit.root(owner, token, value), timestamp, head));
    commitments.put(blkNum, BlockCommitment.of(Deposit.root(owner, token, value), timestamp));
    return OutputPosition.of(blkNum, 0, 0);
  }

  public synchronized void startExit(OutputPosition p, Address owner) {
    advance(1);
    started.add(
        new ExitStartedEvent(p.encode(), owner, Address.ZERO, BigInteger.ONE, timestamp + 1, head));
  }

  public synchronized void challengeExit(OutputPosition p) {
    advance(1);
    challenged.add(new ExitChallengedEvent(p.encode(), operator, head));
  }

  public synchronized void finalizeExit(OutputPosition p, Address owner) {
    advance(1);
    finalized.add(new ExitFinalizedEvent(p.encode(), owner, Address.ZERO, BigInteger.ONE, head));
  }

  private static <T> List<T> range(List<T> events, Predicate<T> inRange) {
    return events.stream().filter(inRange).toList();
  }

  @Override
  public synchronized List<DepositEvent> deposits(long from, long to) {
    throwIfArmed(failDepositsOnce, () -> failDepositsOnce = null);
    return range(deposits, e -> e.l1Block() >= from && e.l1Block() <= to);
  }

  @Override
  public synchronized List<BlockSubmittedEvent> submittedBlocks(long from, long to) {
    return range(submitted, e -> e.l1Block() >= from && e.l1Block() <= to);
  }

  @Override
  public synchronized List<ExitStartedEvent> exitsStarted(long from, long to) {
    return range(started, e -> e.l1Block() >= from && e.l1Block() <= to);
  }

  @Override
  public synchronized List<ExitFinalizedEvent> exitsFinalized(long from, long to) {
    return range(finalized, e -> e.l1Block() >= from && e.l1Block() <= to);
  }

  @Override
  public synchronized List<ExitChallengedEvent> exitsChallenged(long from, long to) {
    return range(challenged, e -> e.l1Block() >= from && e.l1Block() <= to);
  }

  /** A chain whose framework has already taken every child block before {@code next}. */
  public synchronized void startAt(long next) {
    nextChildBlock = next;
    depositIndex = 0;
  }

  @Override
  public synchronized long nextChildBlock() {
    return nextChildBlock;
  }

  @Override
  public synchronized Optional<Bytes32> blockCommitment(long blkNum) {
    return Optional.ofNullable(commitments.get(blkNum));
  }

  /** Like a node: a nonce below the mined one is refused, a same-nonce resend replaces. */
  @Override
  public synchronized Bytes32 submitBlock(Bytes32 root, BigInteger nonce, BigInteger maxFeePerGas) {
    throwIfArmed(failSubmitOnce, () -> failSubmitOnce = null);
    return send(root, Bytes32.ZERO, nonce, maxFeePerGas);
  }

  /** Like the framework: also stores the coin root (which a block with coins never has zero). */
  @Override
  public synchronized Bytes32 submitBlockWithCoins(
      Bytes32 root, Bytes32 coinRoot, BigInteger nonce, BigInteger maxFeePerGas) {
    return send(root, coinRoot, nonce, maxFeePerGas);
  }

  private Bytes32 send(Bytes32 root, Bytes32 coinRoot, BigInteger nonce, BigInteger maxFeePerGas) {
    if (nonce.longValueExact() < minedNonce) {
      throw new IllegalStateException("nonce too low");
    }
    sentNonces.add(nonce);
    sentFees.add(maxFeePerGas);
    sentWithCoins.add(!coinRoot.equals(Bytes32.ZERO));
    mempool.put(nonce, new Sent(root, coinRoot, nonce, maxFeePerGas));
    if (autoMine) {
      mine();
    }
    return Bytes32.ofUint(sentNonces.size());
  }

  /** Mines every mempool transaction whose nonce is next, like a block builder. */
  public synchronized void mine() {
    advance(1);
    for (Sent s; (s = mempool.remove(BigInteger.valueOf(minedNonce))) != null; ) {
      minedNonce++;
      long blkNum = nextChildBlock;
      nextChildBlock += BlockNumbers.CHILD_BLOCK_INTERVAL;
      depositIndex = 0;
      commitments.put(blkNum, BlockCommitment.of(s.root(), timestamp));
      if (!s.coinRoot().equals(Bytes32.ZERO)) {
        coinRoots.put(blkNum, s.coinRoot());
      }
      submitted.add(new BlockSubmittedEvent(blkNum, s.root(), timestamp, head));
    }
  }

  /** Blocks the contract holds, by number, with their roots. */
  public synchronized Map<Long, Bytes32> submittedRoots() {
    Map<Long, Bytes32> out = new HashMap<>();
    submitted.forEach(e -> out.put(e.blkNum(), e.root()));
    return out;
  }

  /** The framework's coinRoot(blkNum): zero for a block without coins or not submitted. */
  public synchronized Bytes32 coinRoot(long blkNum) {
    return coinRoots.getOrDefault(blkNum, Bytes32.ZERO);
  }

  public synchronized int submittedCount() {
    return submitted.size();
  }

  @Override
  public synchronized BigInteger operatorPendingNonce() {
    return BigInteger.valueOf(minedNonce + mempool.size());
  }

  @Override
  public synchronized BigInteger operatorMinedNonce() {
    return BigInteger.valueOf(minedNonce);
  }

  @Override
  public synchronized BigInteger suggestedMaxFeePerGas() {
    return BigInteger.valueOf(1_000_000_000L);
  }
}
