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
      LogPlace place)
      implements L1Event {}

  record BlockSubmittedEvent(long blkNum, Bytes32 root, long timestamp, LogPlace place)
      implements L1Event {}

  record ExitStartedEvent(
      long position,
      Address owner,
      Address token,
      BigInteger amount,
      long exitableAt,
      LogPlace place)
      implements L1Event {}

  record ExitFinalizedEvent(
      long position, Address owner, Address token, BigInteger amount, LogPlace place)
      implements L1Event {}

  record ExitChallengedEvent(long position, Address challenger, LogPlace place)
      implements L1Event {}
}
