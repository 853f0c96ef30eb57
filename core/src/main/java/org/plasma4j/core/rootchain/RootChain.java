package org.plasma4j.core.rootchain;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * The root chain as the operator, watcher and wallet see it: the port that the web3j adapter in the
 * {@code rootchain} module implements. Reads are by root-chain block range so callers can apply
 * their own confirmation depth; all event lists are in log order.
 */
public interface RootChain {

  ChainInfo info();

  /** The latest root-chain block number. */
  long headBlockNumber();

  /** Timestamp of the latest root-chain block, in seconds. */
  long headTimestamp();

  /**
   * The hash of the canonical root-chain block {@code l1Block}, empty if the chain has no such
   * block (yet, or any more after a reorg to a shorter chain). Followers compare it with the hash
   * they recorded to notice a reorg below the blocks they applied.
   */
  Optional<Bytes32> blockHash(long l1Block);

  /**
   * The timestamp of the canonical root-chain block {@code l1Block}, in seconds; empty if the chain
   * has no such block. A follower that lags the head by its confirmations judges deadlines by the
   * time of the last block it has read, not the head's: what the head's time already allows may sit
   * in blocks it has not read yet.
   */
  java.util.OptionalLong blockTimestamp(long l1Block);

  List<DepositEvent> deposits(long fromL1Block, long toL1Block);

  List<BlockSubmittedEvent> submittedBlocks(long fromL1Block, long toL1Block);

  List<ExitStartedEvent> exitsStarted(long fromL1Block, long toL1Block);

  List<ExitFinalizedEvent> exitsFinalized(long fromL1Block, long toL1Block);

  List<ExitChallengedEvent> exitsChallenged(long fromL1Block, long toL1Block);

  /** The child block number the contract will assign to the next {@code submitBlock}. */
  long nextChildBlock();

  /** The contract's commitment for a block, empty if the block is unknown to the contract. */
  Optional<Bytes32> blockCommitment(long blkNum);

  /**
   * Sends {@code submitBlock(root)} from the operator account with an explicit nonce. The operator
   * derives the nonce from the block number, so a retry or a resubmission after a crash replaces or
   * collides with the earlier attempt instead of submitting the block twice.
   *
   * @return the root-chain transaction hash
   */
  Bytes32 submitBlock(Bytes32 root, BigInteger nonce, BigInteger maxFeePerGas);

  /**
   * Sends {@code submitBlockWithCoins(root, coinRoot)} like {@link #submitBlock}: for a block that
   * carries coin transfers (docs/protocol.md section 9.5), so the contract also stores its non-zero
   * coin root.
   */
  default Bytes32 submitBlockWithCoins(
      Bytes32 root, Bytes32 coinRoot, BigInteger nonce, BigInteger maxFeePerGas) {
    throw new UnsupportedOperationException("this root chain does not take coin roots");
  }

  /** The operator account's next nonce, counting pending transactions. */
  BigInteger operatorPendingNonce();

  /** The operator account's nonce counting only mined transactions. */
  BigInteger operatorMinedNonce();

  /** The suggested max fee per gas for a submission now. */
  BigInteger suggestedMaxFeePerGas();

  record ChainInfo(long chainId, Address framework, Address operator, long minExitPeriodSeconds) {}

  record DepositEvent(
      long blkNum,
      Address owner,
      Address token,
      BigInteger amount,
      Bytes32 root,
      long timestamp,
      long l1Block) {}

  record BlockSubmittedEvent(long blkNum, Bytes32 root, long timestamp, long l1Block) {}

  record ExitStartedEvent(
      long position,
      Address owner,
      Address token,
      BigInteger amount,
      long exitableAt,
      long l1Block) {}

  record ExitFinalizedEvent(
      long position, Address owner, Address token, BigInteger amount, long l1Block) {}

  record ExitChallengedEvent(long position, Address challenger, long l1Block) {}
}
