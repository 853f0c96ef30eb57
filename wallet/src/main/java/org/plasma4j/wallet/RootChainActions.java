package org.plasma4j.wallet;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.exit.InFlightExitData;
import org.plasma4j.core.exit.MassExitBatch;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * The root-chain side of the wallet: the user's framework calls and balances.
 * {@link FrameworkRootChain} implements it over {@code FrameworkClient}; tests use a fake. Every
 * call waits for its receipt and fails with {@link WalletException.RootChainFailure} if it reverts.
 */
public interface RootChainActions {

  /** A mined root-chain transaction. */
  record L1Receipt(String txHash, long blockNumber) {}

  /** A mined deposit and the child-chain output it created (position 0 if it was not found). */
  record Deposit(L1Receipt receipt, long position, BigInteger amount) {}

  /** Deposits ETH ({@code token} zero) or an ERC20 (approving it first). */
  Deposit deposit(Address token, BigInteger amount);

  L1Receipt startStandardExit(long position, byte[] txBytes, byte[] proof, long blockTimestamp);

  L1Receipt commitChallenge(Bytes32 commitment);

  L1Receipt challengeStandardExit(
      long position, byte[] spendingTx, int inputIndex, byte[] signature);

  L1Receipt processExits(Address token, int maxExits);

  L1Receipt withdraw(Address token);

  /** Starts an in-flight exit (MoreVP), posting the in-flight exit bond. */
  L1Receipt startInFlightExit(InFlightExitData data);

  /** Piggybacks input ({@code output} false) or output {@code index} of an in-flight exit. */
  L1Receipt piggybackInFlightExit(Bytes inFlightTx, boolean output, int index);

  /** A started mass exit: its batch id and the leaves later calls must repeat. */
  record MassExit(L1Receipt receipt, BigInteger batchId, List<MassExitLeaf> leaves) {}

  /** Starts one mass exit for every output of {@code batch}, one bond per output. */
  MassExit startMassExit(MassExitBatch batch);

  /** Pays the unchallenged outputs of a processed mass exit to their owners. */
  L1Receipt withdrawMassExit(BigInteger batchId, List<MassExitLeaf> leaves);

  /**
   * The EIP-712 domain of the framework on this root chain: the node's chain id and the framework,
   * checked against the framework's {@code domainSeparator()}.
   *
   * @throws WalletException.DomainMismatch if the framework's separator is not that domain's
   */
  Domain domain();

  /** The root-chain balance of this wallet in ETH (token zero) or an ERC20. */
  BigInteger balance(Address token);

  BigInteger exitBond();

  /** The number the framework gives its next child block. */
  long nextChildBlock();

  /**
   * What the framework stores for child block {@code blkNum}: keccak256(abi.encode(root,
   * timestamp)), or {@link Bytes32#ZERO} if it has not committed that block.
   */
  Bytes32 blockCommitment(long blkNum);

  long headBlockNumber();

  // The reads and the retry below are served by FrameworkRootChain; a fake root chain of a unit
  // test that
  // does not need them inherits these refusals.

  /**
   * The head of a token's exit queue: the entry processExits pays next, when it may, and the
   * queue's length.
   */
  record QueueHead(long position, long exitableAt, long queued) {}

  /**
   * A queue entry whose exit game reverted in processExits and that waits for {@link #retryExit}.
   */
  record DeferredExit(BigInteger entry, long position, String reason, long block) {}

  /** A root-chain transaction's outcome: the block it was mined in and whether it succeeded. */
  record L1Status(long blockNumber, boolean succeeded) {}

  /**
   * A standard exit as the framework records it; {@code state} 0 none, 1 exiting, 2 challenged, 3
   * exited.
   */
  record StandardExit(Address owner, Address token, BigInteger amount, int state) {}

  /** The framework's record of the standard exit of {@code position}. */
  default StandardExit standardExit(long position) {
    throw new UnsupportedOperationException("standardExit");
  }

  /** The head of {@code token}'s exit queue, empty if nothing is queued. */
  default java.util.Optional<QueueHead> nextExit(Address token) {
    throw new UnsupportedOperationException("nextExit");
  }

  /** The latest root-chain block's timestamp (seconds): the clock exits mature by. */
  default long latestTimestamp() {
    throw new UnsupportedOperationException("latestTimestamp");
  }

  /**
   * The framework's minimum exit period (seconds): how long after its start an exit can be paid at
   * the earliest.
   */
  default long minExitPeriod() {
    throw new UnsupportedOperationException("minExitPeriod");
  }

  /**
   * The entries of {@code token} deferred since root-chain block {@code fromBlock} and not retried
   * yet.
   */
  default List<DeferredExit> deferredExits(Address token, long fromBlock) {
    throw new UnsupportedOperationException("deferredExits");
  }

  /**
   * Whether queue entry {@code entry} of {@code token} was deferred and waits for
   * {@link #retryExit}.
   */
  default boolean isExitDeferred(Address token, BigInteger entry) {
    throw new UnsupportedOperationException("isExitDeferred");
  }

  /** Finalises a deferred entry; the caller earns its bounty. */
  default L1Receipt retryExit(Address token, BigInteger entry) {
    throw new UnsupportedOperationException("retryExit");
  }

  /**
   * When the standard exit that root-chain transaction {@code l1TxHash} started can be processed.
   */
  default java.util.Optional<org.plasma4j.rootchain.FrameworkClient.ExitsOutcome> exitsOutcome(
      String l1TxHash) {
    return java.util.Optional.empty();
  }

  default java.util.Optional<Long> exitableAt(String l1TxHash) {
    throw new UnsupportedOperationException("exitableAt");
  }

  /**
   * The outcome of root-chain transaction {@code l1TxHash}, empty if it is not mined (or unknown).
   */
  default java.util.Optional<L1Status> l1Status(String l1TxHash) {
    throw new UnsupportedOperationException("l1Status");
  }
}
