package org.plasma4j.core.rootchain;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * The events of the Plasma Cash exit game (docs/protocol.md section 9.5) and the framework's coin
 * roots, read by root-chain block range like {@link RootChain} and {@link ExitGameEvents}, so the
 * operator, the watcher and the wallet apply their own confirmation depth. Each list is in log
 * order.
 *
 * <p>Slots and child-block numbers are uint64 on chain; they are carried in a {@code long} (slots
 * above 2^63 - 1 read as negative, as everywhere in the cash API).
 */
public interface CashGameEvents {

  List<CoinDeposited> coinsDeposited(long fromL1Block, long toL1Block);

  List<CoinExitStarted> coinExitsStarted(long fromL1Block, long toL1Block);

  List<CoinExitCancelled> coinExitsCancelled(long fromL1Block, long toL1Block);

  List<CoinExitFinalized> coinExitsFinalized(long fromL1Block, long toL1Block);

  List<CoinChallenged> coinsChallenged(long fromL1Block, long toL1Block);

  List<CoinChallengeAnswered> coinChallengesAnswered(long fromL1Block, long toL1Block);

  List<CheckpointStarted> checkpointsStarted(long fromL1Block, long toL1Block);

  List<CheckpointCancelled> checkpointsCancelled(long fromL1Block, long toL1Block);

  List<CheckpointFinalized> checkpointsFinalized(long fromL1Block, long toL1Block);

  List<CoinWithdrawn> coinsWithdrawn(long fromL1Block, long toL1Block);

  /** The framework's {@code CoinRootSubmitted}: only blocks with a non-zero coin root have one. */
  List<CoinRootSubmitted> coinRootsSubmitted(long fromL1Block, long toL1Block);

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
      long l1Block) {}

  /**
   * An exit started; {@code claimId} names it among every claim (challenges are filed under it).
   */
  record CoinExitStarted(
      long slot, Address owner, long exitBlock, long prevBlock, long claimId, long l1Block) {}

  /**
   * {@code owner}'s exit failed: reason 1 = challenged after, 2 = between (its bond to
   * {@code challenger}); 3 = closed with an open challenge-before (bond forfeited to the coin), 4 =
   * another exit won the coin (bond refunded); the challenger is zero for 3 and 4.
   */
  record CoinExitCancelled(
      long slot, Address owner, Address challenger, int reason, long l1Block) {}

  /**
   * {@code forfeits}: the bonds failed claims forfeited to the coin, paid to its owner with the
   * exit bond.
   */
  record CoinExitFinalized(long slot, Address owner, BigInteger forfeits, long l1Block) {}

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
      long l1Block) {}

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
      long l1Block) {}

  /** A checkpoint claiming that {@code owner} held the coin as of {@code exitBlock}. */
  record CheckpointStarted(
      long slot, Address owner, long exitBlock, long prevBlock, long claimId, long l1Block) {}

  /** {@code owner}'s checkpoint failed; reasons as for {@link CoinExitCancelled} (2, 3 or 4). */
  record CheckpointCancelled(
      long slot, Address owner, Address challenger, int reason, long l1Block) {}

  /** The coin's origin is now ({@code blk}, {@code owner}). */
  record CheckpointFinalized(long slot, long blk, Address owner, long l1Block) {}

  /** The exited {@code owner} had the coin paid to {@code to}. */
  record CoinWithdrawn(long slot, Address owner, Address to, long l1Block) {}

  record CoinRootSubmitted(long blkNum, Bytes32 coinRoot, long l1Block) {}
}
