package org.plasma4j.core.rootchain;

import java.math.BigInteger;
import java.util.Optional;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * The root chain as the operator, watcher and wallet read it: the port that the web3j adapter in
 * the {@code rootchain} module implements. Events come as one stream in log order
 * ({@link L1EventSource#events}), read by root-chain block range so callers apply their own
 * confirmation depth; the operator's writes are the separate {@link BlockSubmissionPort}.
 */
public interface RootChain extends L1EventSource {

  ChainInfo info();

  /** Timestamp of the latest root-chain block, in seconds. */
  long headTimestamp();

  /**
   * The timestamp of the canonical root-chain block {@code l1Block}, in seconds; empty if the chain
   * has no such block. A follower that lags the head by its confirmations judges deadlines by the
   * time of the last block it has read, not the head's: what the head's time already allows may sit
   * in blocks it has not read yet.
   */
  java.util.OptionalLong blockTimestamp(long l1Block);

  /** The child block number the contract will assign to the next {@code submitBlock}. */
  long nextChildBlock();

  /** The contract's commitment for a block, empty if the block is unknown to the contract. */
  Optional<Bytes32> blockCommitment(long blkNum);

  record ChainInfo(long chainId, Address framework, Address operator, long minExitPeriodSeconds) {}

  record DepositEvent(
      long blkNum,
      Address owner,
      Address token,
      BigInteger amount,
      Bytes32 root,
      long timestamp,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public DepositEvent(
        long blkNum,
        Address owner,
        Address token,
        BigInteger amount,
        Bytes32 root,
        long timestamp,
        long l1Block) {
      this(blkNum, owner, token, amount, root, timestamp, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public DepositEvent at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new DepositEvent(
          blkNum, owner, token, amount, root, timestamp, l1Block, logIndex, blockHash);
    }
  }

  record BlockSubmittedEvent(
      long blkNum, Bytes32 root, long timestamp, long l1Block, long logIndex, Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public BlockSubmittedEvent(long blkNum, Bytes32 root, long timestamp, long l1Block) {
      this(blkNum, root, timestamp, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public BlockSubmittedEvent at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new BlockSubmittedEvent(blkNum, root, timestamp, l1Block, logIndex, blockHash);
    }
  }

  record ExitStartedEvent(
      long position,
      Address owner,
      Address token,
      BigInteger amount,
      long exitableAt,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public ExitStartedEvent(
        long position,
        Address owner,
        Address token,
        BigInteger amount,
        long exitableAt,
        long l1Block) {
      this(position, owner, token, amount, exitableAt, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public ExitStartedEvent at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new ExitStartedEvent(
          position, owner, token, amount, exitableAt, l1Block, logIndex, blockHash);
    }
  }

  record ExitFinalizedEvent(
      long position,
      Address owner,
      Address token,
      BigInteger amount,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public ExitFinalizedEvent(
        long position, Address owner, Address token, BigInteger amount, long l1Block) {
      this(position, owner, token, amount, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public ExitFinalizedEvent at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new ExitFinalizedEvent(position, owner, token, amount, l1Block, logIndex, blockHash);
    }
  }

  record ExitChallengedEvent(
      long position, Address challenger, long l1Block, long logIndex, Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public ExitChallengedEvent(long position, Address challenger, long l1Block) {
      this(position, challenger, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public ExitChallengedEvent at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new ExitChallengedEvent(position, challenger, l1Block, logIndex, blockHash);
    }
  }
}
