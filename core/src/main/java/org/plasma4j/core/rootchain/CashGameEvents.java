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
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public CoinDeposited(
        long slot,
        Address owner,
        Address token,
        int kind,
        BigInteger value,
        long originBlock,
        long l1Block) {
      this(slot, owner, token, kind, value, originBlock, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public CoinDeposited at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new CoinDeposited(
          slot, owner, token, kind, value, originBlock, l1Block, logIndex, blockHash);
    }
  }

  /**
   * An exit started; {@code claimId} names it among every claim (challenges are filed under it).
   */
  record CoinExitStarted(
      long slot,
      Address owner,
      long exitBlock,
      long prevBlock,
      long claimId,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public CoinExitStarted(
        long slot, Address owner, long exitBlock, long prevBlock, long claimId, long l1Block) {
      this(slot, owner, exitBlock, prevBlock, claimId, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public CoinExitStarted at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new CoinExitStarted(
          slot, owner, exitBlock, prevBlock, claimId, l1Block, logIndex, blockHash);
    }
  }

  /**
   * {@code owner}'s exit failed: reason 1 = challenged after, 2 = between (its bond to
   * {@code challenger}); 3 = closed with an open challenge-before (bond forfeited to the coin), 4 =
   * another exit won the coin (bond refunded); the challenger is zero for 3 and 4.
   */
  record CoinExitCancelled(
      long slot,
      Address owner,
      Address challenger,
      int reason,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public CoinExitCancelled(
        long slot, Address owner, Address challenger, int reason, long l1Block) {
      this(slot, owner, challenger, reason, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public CoinExitCancelled at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new CoinExitCancelled(slot, owner, challenger, reason, l1Block, logIndex, blockHash);
    }
  }

  /**
   * {@code forfeits}: the bonds failed claims forfeited to the coin, paid to its owner with the
   * exit bond.
   */
  record CoinExitFinalized(
      long slot, Address owner, BigInteger forfeits, long l1Block, long logIndex, Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public CoinExitFinalized(long slot, Address owner, BigInteger forfeits, long l1Block) {
      this(slot, owner, forfeits, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public CoinExitFinalized at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new CoinExitFinalized(slot, owner, forfeits, l1Block, logIndex, blockHash);
    }
  }

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
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public CoinChallenged(
        long slot,
        Address claimant,
        boolean onCheckpoint,
        long claimId,
        long index,
        Bytes32 challengeTxHash,
        Address claimedOwner,
        long blk,
        Address challenger,
        long l1Block) {
      this(
          slot,
          claimant,
          onCheckpoint,
          claimId,
          index,
          challengeTxHash,
          claimedOwner,
          blk,
          challenger,
          l1Block,
          0,
          Bytes32.ZERO);
    }

    @Override
    public CoinChallenged at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new CoinChallenged(
          slot,
          claimant,
          onCheckpoint,
          claimId,
          index,
          challengeTxHash,
          claimedOwner,
          blk,
          challenger,
          l1Block,
          logIndex,
          blockHash);
    }
  }

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
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public CoinChallengeAnswered(
        long slot,
        Address claimant,
        boolean onCheckpoint,
        long blk,
        Address responder,
        BigInteger amount,
        long l1Block) {
      this(slot, claimant, onCheckpoint, blk, responder, amount, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public CoinChallengeAnswered at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new CoinChallengeAnswered(
          slot, claimant, onCheckpoint, blk, responder, amount, l1Block, logIndex, blockHash);
    }
  }

  /** A checkpoint claiming that {@code owner} held the coin as of {@code exitBlock}. */
  record CheckpointStarted(
      long slot,
      Address owner,
      long exitBlock,
      long prevBlock,
      long claimId,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public CheckpointStarted(
        long slot, Address owner, long exitBlock, long prevBlock, long claimId, long l1Block) {
      this(slot, owner, exitBlock, prevBlock, claimId, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public CheckpointStarted at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new CheckpointStarted(
          slot, owner, exitBlock, prevBlock, claimId, l1Block, logIndex, blockHash);
    }
  }

  /** {@code owner}'s checkpoint failed; reasons as for {@link CoinExitCancelled} (2, 3 or 4). */
  record CheckpointCancelled(
      long slot,
      Address owner,
      Address challenger,
      int reason,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public CheckpointCancelled(
        long slot, Address owner, Address challenger, int reason, long l1Block) {
      this(slot, owner, challenger, reason, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public CheckpointCancelled at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new CheckpointCancelled(slot, owner, challenger, reason, l1Block, logIndex, blockHash);
    }
  }

  /** The coin's origin is now ({@code blk}, {@code owner}). */
  record CheckpointFinalized(
      long slot, long blk, Address owner, long l1Block, long logIndex, Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public CheckpointFinalized(long slot, long blk, Address owner, long l1Block) {
      this(slot, blk, owner, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public CheckpointFinalized at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new CheckpointFinalized(slot, blk, owner, l1Block, logIndex, blockHash);
    }
  }

  /** The exited {@code owner} had the coin paid to {@code to}. */
  record CoinWithdrawn(
      long slot, Address owner, Address to, long l1Block, long logIndex, Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public CoinWithdrawn(long slot, Address owner, Address to, long l1Block) {
      this(slot, owner, to, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public CoinWithdrawn at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new CoinWithdrawn(slot, owner, to, l1Block, logIndex, blockHash);
    }
  }

  record CoinRootSubmitted(
      long blkNum, Bytes32 coinRoot, long l1Block, long logIndex, Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public CoinRootSubmitted(long blkNum, Bytes32 coinRoot, long l1Block) {
      this(blkNum, coinRoot, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public CoinRootSubmitted at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new CoinRootSubmitted(blkNum, coinRoot, l1Block, logIndex, blockHash);
    }
  }
}
