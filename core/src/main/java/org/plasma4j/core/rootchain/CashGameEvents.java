package org.plasma4j.core.rootchain;

import java.math.BigInteger;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * The events of the Plasma Cash exit game (docs/protocol.md section 9.5) and the framework's coin
 * roots. Each is an {@link L1Event}: they reach the nodes through the one ordered stream of
 * {@link L1EventSource#events}, among the framework's and every other game's events.
 *
 * <p>Slots and child-block numbers are uint64 on chain; they are carried in a {@code long} (slots
 * above 2^63 - 1 read as negative, as everywhere in the cash API).
 */
public interface CashGameEvents {

  /**
   * A new coin; {@code kind} 0 = ETH, 1 = ERC20, 2 = ERC721, {@code value} the amount or token id.
   */
  record CoinDeposited(
      long slot,
      Address owner,
      Address token,
      int kind,
      BigInteger value,
      long originBlock,
      LogPlace place)
      implements L1Event {}

  /**
   * An exit started; {@code claimId} names it among every claim (challenges are filed under it).
   */
  record CoinExitStarted(
      long slot, Address owner, long exitBlock, long prevBlock, long claimId, LogPlace place)
      implements L1Event {}

  /**
   * {@code owner}'s exit failed: reason 1 = challenged after, 2 = between (its bond to
   * {@code challenger}); 3 = closed with an open challenge-before (bond forfeited to the coin), 4 =
   * another exit won the coin (bond refunded); the challenger is zero for 3 and 4.
   */
  record CoinExitCancelled(long slot, Address owner, Address challenger, int reason, LogPlace place)
      implements L1Event {}

  /**
   * {@code forfeits}: the bonds failed claims forfeited to the coin, paid to its owner with the
   * exit bond.
   */
  record CoinExitFinalized(long slot, Address owner, BigInteger forfeits, LogPlace place)
      implements L1Event {}

  /**
   * {@code challenger}'s challenge-before of {@code claimant}'s exit or checkpoint (claim
   * {@code claimId}, its {@code index}-th challenge): {@code claimedOwner} held the coin since
   * {@code blk} (the transfer {@code challengeTxHash} there, or zero for the origin) and must be
   * shown to have spent it.
   */
  record CoinChallenged(
      long slot,
      Address claimant,
      boolean onCheckpoint,
      long claimId,
      long index,
      Bytes32 challengeTxHash,
      Address claimedOwner,
      long blk,
      Address challenger,
      LogPlace place)
      implements L1Event {}

  /**
   * The evidence at {@code blk} against the claim was answered; {@code amount}: every bond filed
   * with it.
   */
  record CoinChallengeAnswered(
      long slot,
      Address claimant,
      boolean onCheckpoint,
      long blk,
      Address responder,
      BigInteger amount,
      LogPlace place)
      implements L1Event {}

  /** A checkpoint claiming that {@code owner} held the coin as of {@code exitBlock}. */
  record CheckpointStarted(
      long slot, Address owner, long exitBlock, long prevBlock, long claimId, LogPlace place)
      implements L1Event {}

  /** {@code owner}'s checkpoint failed; reasons as for {@link CoinExitCancelled} (2, 3 or 4). */
  record CheckpointCancelled(
      long slot, Address owner, Address challenger, int reason, LogPlace place)
      implements L1Event {}

  /** The coin's origin is now ({@code blk}, {@code owner}). */
  record CheckpointFinalized(long slot, long blk, Address owner, LogPlace place)
      implements L1Event {}

  /** The exited {@code owner} had the coin paid to {@code to}. */
  record CoinWithdrawn(long slot, Address owner, Address to, LogPlace place) implements L1Event {}

  record CoinRootSubmitted(long blkNum, Bytes32 coinRoot, LogPlace place) implements L1Event {}
}
