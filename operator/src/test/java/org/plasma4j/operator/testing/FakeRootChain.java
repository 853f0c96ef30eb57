package org.plasma4j.operator.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.rootchain.BlockSubmissionPort;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.testing.InMemoryL1;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The framework for the operator's unit tests, over the shared in-memory root chain
 * {@link InMemoryL1}: a contract that numbers blocks like PlasmaFramework and an operator account
 * whose nonces behave like Ethereum's (one mined transaction per nonce, in order). Every state
 * change appends its event to the chain, where the exit and cash game doubles append theirs too, so
 * the node reads one stream in log order. With {@code autoMine} off, submissions wait in a mempool
 * until {@link #mine()}.
 */
public final class FakeRootChain implements RootChain, BlockSubmissionPort {

  public static final long CHAIN_ID = 31337;
  public static final Address FRAMEWORK = Address.fromHex("0x" + "fa".repeat(20));

  private record Sent(Bytes32 root, Bytes32 coinRoot, BigInteger nonce, BigInteger fee) {}

  private final Address operator;
  private final InMemoryL1 l1 = new InMemoryL1(100, 1_700_000_000);
  private long nextChildBlock = BlockNumbers.FIRST_CHILD_BLOCK;
  private int depositIndex;
  private long minedNonce;
  private final Map<Long, Bytes32> commitments = new HashMap<>();
  private final Map<Long, Bytes32> coinRoots = new HashMap<>();
  /** Per sent submission, whether it was submitBlockWithCoins. */
  public final List<Boolean> sentWithCoins = new ArrayList<>();

  private final Map<BigInteger, Sent> mempool = new HashMap<>();
  public final List<BigInteger> sentNonces = new ArrayList<>();
  public final List<BigInteger> sentFees = new ArrayList<>();
  public boolean autoMine = true;
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

  /** The root chain the framework's and the games' doubles append their events to. */
  public InMemoryL1 l1() {
    return l1;
  }

  /** Thrown by the next read of the event stream, once: an error inside the root-chain follower. */
  public void failNextRead(Error error) {
    l1.failNextRead = error;
  }

  @Override
  public long headBlockNumber() {
    return l1.headBlockNumber();
  }

  @Override
  public long headTimestamp() {
    return l1.headTimestamp();
  }

  @Override
  public java.util.OptionalLong blockTimestamp(long l1Block) {
    return l1Block < 0 || l1Block > l1.headBlockNumber()
        ? java.util.OptionalLong.empty()
        : java.util.OptionalLong.of(l1.headTimestamp());
  }

  @Override
  public Optional<Bytes32> blockHash(long l1Block) {
    return l1.blockHash(l1Block);
  }

  @Override
  public List<L1Event> events(long fromL1Block, long toL1Block) {
    return l1.events(fromL1Block, toL1Block);
  }

  /**
   * Replaces the last {@code depth} root-chain blocks with empty ones, like anvil_reorg: their
   * events, deposits and block submissions are gone, and the operator account's nonce falls back.
   */
  public synchronized void reorg(int depth) {
    List<L1Event> gone = l1.reorgLast(depth);
    only(gone, DepositEvent.class).forEach(e -> commitments.remove(e.blkNum()));
    List<BlockSubmittedEvent> dropped = only(gone, BlockSubmittedEvent.class);
    dropped.forEach(e -> commitments.remove(e.blkNum()));
    dropped.forEach(e -> coinRoots.remove(e.blkNum()));
    minedNonce -= dropped.size();
    nextChildBlock -= BlockNumbers.CHILD_BLOCK_INTERVAL * dropped.size();
    long firstDeposit = nextChildBlock - BlockNumbers.CHILD_BLOCK_INTERVAL;
    depositIndex = (int) only(l1.all(), DepositEvent.class).stream()
        .filter(e -> e.blkNum() > firstDeposit && e.blkNum() < nextChildBlock)
        .count();
  }

  /** Mines {@code n} empty root-chain blocks. */
  public synchronized void advance(int n) {
    l1.mine(n);
  }

  /** A deposit as the contract makes it; returns its output position. */
  public synchronized OutputPosition deposit(Address owner, Address token, long amount) {
    long blkNum = nextChildBlock - BlockNumbers.CHILD_BLOCK_INTERVAL + ++depositIndex;
    BigInteger value = BigInteger.valueOf(amount);
    advance(1);
    long timestamp = l1.headTimestamp();
    l1.appendAtHead(new DepositEvent(
        blkNum,
        owner,
        token,
        value,
        Deposit.root(owner, token, value),
        timestamp,
        LogPlace.inBlock(0)));
    commitments.put(blkNum, BlockCommitment.of(Deposit.root(owner, token, value), timestamp));
    return OutputPosition.of(blkNum, 0, 0);
  }

  public synchronized void startExit(OutputPosition p, Address owner) {
    advance(1);
    l1.appendAtHead(new ExitStartedEvent(
        p.encode(),
        owner,
        Address.ZERO,
        BigInteger.ONE,
        l1.headTimestamp() + 1,
        LogPlace.inBlock(0)));
  }

  public synchronized void challengeExit(OutputPosition p) {
    l1.appendInNewBlock(new ExitChallengedEvent(p.encode(), operator, LogPlace.inBlock(0)));
  }

  public synchronized void finalizeExit(OutputPosition p, Address owner) {
    l1.appendInNewBlock(new ExitFinalizedEvent(
        p.encode(), owner, Address.ZERO, BigInteger.ONE, LogPlace.inBlock(0)));
  }

  private static <T extends L1Event> List<T> only(List<L1Event> events, Class<T> kind) {
    return events.stream().filter(kind::isInstance).map(kind::cast).toList();
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
      commitments.put(blkNum, BlockCommitment.of(s.root(), l1.headTimestamp()));
      if (!s.coinRoot().equals(Bytes32.ZERO)) {
        coinRoots.put(blkNum, s.coinRoot());
      }
      l1.appendAtHead(
          new BlockSubmittedEvent(blkNum, s.root(), l1.headTimestamp(), LogPlace.inBlock(0)));
    }
  }

  /** Blocks the contract holds, by number, with their roots. */
  public synchronized Map<Long, Bytes32> submittedRoots() {
    Map<Long, Bytes32> out = new HashMap<>();
    only(l1.all(), BlockSubmittedEvent.class).forEach(e -> out.put(e.blkNum(), e.root()));
    return out;
  }

  /** The framework's coinRoot(blkNum): zero for a block without coins or not submitted. */
  public synchronized Bytes32 coinRoot(long blkNum) {
    return coinRoots.getOrDefault(blkNum, Bytes32.ZERO);
  }

  public synchronized int submittedCount() {
    return only(l1.all(), BlockSubmittedEvent.class).size();
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
