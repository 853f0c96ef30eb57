package org.plasma4j.core.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.rootchain.BlockSubmissionPort;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The one in-memory root chain of the unit tests, framework included: {@link InMemoryL1}'s blocks
 * and event log, and on top of it a contract that numbers blocks like PlasmaFramework, keeps their
 * commitments and coin roots, and an operator account whose nonces behave like Ethereum's (one
 * mined transaction per nonce, in order). Every state change appends the real {@link L1Event} it
 * emits, where the exit and cash game doubles append theirs too, so a node under test reads one
 * stream in log order. A reorg drops the replaced blocks' events and undoes their framework state.
 * With {@code autoMine} off, submissions wait in a mempool until {@link #mine()}.
 */
public final class InMemoryRootChain implements RootChain, BlockSubmissionPort {

  private record Sent(Bytes32 root, Bytes32 coinRoot, BigInteger nonce, BigInteger fee) {}

  private final ChainInfo info;
  private final InMemoryL1 l1;
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

  /**
   * @param info the framework's chain id, address, operator and exit period
   * @param head the root chain's first head block
   * @param headTimestamp its time, in seconds
   * @param startNonce the operator account's first nonce
   */
  public InMemoryRootChain(ChainInfo info, long head, long headTimestamp, long startNonce) {
    this.info = info;
    this.l1 = new InMemoryL1(head, headTimestamp);
    this.minedNonce = startNonce;
  }

  private static void throwIfArmed(Error error, Runnable disarm) {
    if (error != null) {
      disarm.run();
      throw error;
    }
  }

  @Override
  public ChainInfo info() {
    return info;
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

  /** Moves the head block's time (tests that judge deadlines). */
  public void setHeadTimestamp(long seconds) {
    l1.setHeadTimestamp(seconds);
  }

  @Override
  public OptionalLong blockTimestamp(long l1Block) {
    return l1.blockTimestamp(l1Block);
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
   * Places an event a test built at its own root-chain block (one it mined), as a contract the
   * fixture does not model would emit it.
   */
  public <T extends L1Event> T append(T event) {
    return l1.append(event);
  }

  /**
   * Replaces the last {@code depth} root-chain blocks with empty ones, like anvil_reorg: their
   * events, deposits and block submissions are gone, and the operator account's nonce falls back.
   */
  public synchronized void reorg(int depth) {
    reorgFrom(l1.headBlockNumber() - depth + 1);
  }

  /** {@link #reorg} of the blocks from {@code from} through the head. */
  public synchronized void reorgFrom(long from) {
    List<L1Event> gone = l1.reorgFrom(from);
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
    l1.appendInNewBlock(new ExitChallengedEvent(p.encode(), info.operator(), LogPlace.inBlock(0)));
  }

  public synchronized void finalizeExit(OutputPosition p, Address owner) {
    l1.appendInNewBlock(new ExitFinalizedEvent(
        p.encode(), owner, Address.ZERO, BigInteger.ONE, LogPlace.inBlock(0)));
  }

  private static <T extends L1Event> List<T> only(List<L1Event> events, Class<T> kind) {
    return events.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /**
   * The framework took child block {@code blkNum} with {@code root} at {@code timestamp}: a block
   * submitted by someone the test does not model, its event at the head.
   */
  public synchronized void committed(long blkNum, Bytes32 root, long timestamp) {
    commitments.put(blkNum, BlockCommitment.of(root, timestamp));
    l1.appendAtHead(new BlockSubmittedEvent(blkNum, root, timestamp, LogPlace.inBlock(0)));
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

  /**
   * Mines a root-chain block with every mempool transaction whose nonce is next, like a block
   * builder; returns the new head.
   */
  public synchronized long mine() {
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
    return l1.headBlockNumber();
  }

  /** Blocks the contract holds, by number, with their roots. */
  public synchronized Map<Long, Bytes32> submittedRoots() {
    Map<Long, Bytes32> out = new HashMap<>();
    submitted().forEach(e -> out.put(e.blkNum(), e.root()));
    return out;
  }

  /** The BlockSubmitted events so far, in log order. */
  public synchronized List<BlockSubmittedEvent> submitted() {
    return only(l1.all(), BlockSubmittedEvent.class);
  }

  /** The framework's coinRoot(blkNum): zero for a block without coins or not submitted. */
  public synchronized Bytes32 coinRoot(long blkNum) {
    return coinRoots.getOrDefault(blkNum, Bytes32.ZERO);
  }

  public synchronized int submittedCount() {
    return submitted().size();
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
