package org.plasma4j.wallet.cash;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.wallet.RootChainActions.L1Receipt;

/**
 * The root-chain side of the coin wallet: the framework's coin roots and the cash exit game's views
 * and calls (docs/protocol.md section 9.5) for one key. Every call waits for its receipt and fails
 * with WalletException.RootChainFailure if it reverts.
 */
public interface CashChain {

  int DEPOSITED = 0;
  /** Some exit of the coin, by anyone, is pending. */
  int EXITING = 1;

  int EXITED = 2;
  int WITHDRAWN = 3;

  /** {@code coin(slot)}: what the game holds and the origin every history must start from. */
  record OnChainCoin(
      long slot,
      Address token,
      int kind,
      BigInteger value,
      int state,
      long originBlock,
      Address originOwner,
      Address exitedOwner) {}

  /**
   * {@code exitOf} / {@code checkpointOf} of one owner; {@code exists} is false when it has none
   * pending.
   */
  record PendingClaim(
      Address owner,
      Address prevOwner,
      long prevBlock,
      long exitBlock,
      long exitableAt,
      int openChallenges) {
    public boolean exists() {
      return !owner.isZero();
    }
  }

  /** An exit ({@code checkpoint} false) or a checkpoint of a coin, pending on the root chain. */
  record Claim(boolean checkpoint, PendingClaim claim) {}

  /** A mined deposit and the slot it created. */
  record CoinDeposit(L1Receipt receipt, OnChainCoin coin) {}

  /** The coin at a slot, empty if no deposit has created it. */
  Optional<OnChainCoin> coin(long slot);

  /** framework.nextChildBlock(): every child block below it is committed. */
  long nextChildBlock();

  /**
   * The non-zero coin roots of the committed child blocks in [fromBlock, toBlock]; any other is 0.
   */
  Map<Long, Bytes32> coinRoots(long fromBlock, long toBlock);

  CoinDeposit deposit(int kind, Address token, BigInteger value);

  L1Receipt startExit(long slot, CoinClaimArgs claim);

  L1Receipt finalizeExit(long slot);

  L1Receipt withdraw(long slot);

  L1Receipt startCheckpoint(long slot, CoinClaimArgs claim);

  L1Receipt finalizeCheckpoint(long slot);

  /**
   * Pulls every bond credited to this key (refunded exit and checkpoint bonds, challenge winnings).
   */
  L1Receipt withdrawBonds();

  /** Bond wei credited to this key and not yet withdrawn. */
  BigInteger bonds();

  /** This key's own pending exit of the coin (other owners may have theirs beside it). */
  PendingClaim exitOf(long slot);

  /** This key's own pending checkpoint of the coin. */
  PendingClaim checkpointOf(long slot);

  /**
   * Every exit and checkpoint of the coin pending on the root chain, whoever filed it: the game
   * holds one of each per owner side by side, so this key's own ({@link #exitOf},
   * {@link #checkpointOf}) are only some of them.
   *
   * @throws org.plasma4j.wallet.WalletException.ClaimsUnknown if they cannot all be named for sure
   */
  List<Claim> pendingClaims(long slot);

  /**
   * The EIP-712 domain coin transfers are signed and checked under on the root chain: the node's
   * chain id and the framework, confirmed by the framework's {@code domainSeparator()} and by the
   * registered cash game's {@code framework()}.
   *
   * @throws org.plasma4j.wallet.WalletException.DomainMismatch if either disagrees
   */
  Domain domain();

  /** The root chain's latest block timestamp (to know when a claim matures). */
  long headTimestamp();
}
