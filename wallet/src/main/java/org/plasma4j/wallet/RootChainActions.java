package org.plasma4j.wallet;

import java.math.BigInteger;
import org.plasma4j.core.types.Address;
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

  /** The root-chain balance of this wallet in ETH (token zero) or an ERC20. */
  BigInteger balance(Address token);

  BigInteger exitBond();

  long headBlockNumber();
}
