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
 * The root-chain side of the wallet: the user's framework calls and balances. {@link
 * FrameworkRootChain} implements it over {@code FrameworkClient}; tests use a fake. Every call waits
 * for its receipt and fails with {@link WalletException.RootChainFailure} if it reverts.
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

  L1Receipt challengeStandardExit(long position, byte[] spendingTx, int inputIndex, byte[] signature);

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

  long headBlockNumber();
}
