package org.plasma4j.core.rootchain;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * The events of the Plasma Cash exit game (CASH.md section 4.2) and the framework's coin roots, read
 * by root-chain block range like {@link RootChain} and {@link ExitGameEvents}, so the operator, the
 * watcher and the wallet apply their own confirmation depth. Each list is in log order.
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

    /** A new coin; {@code kind} 0 = ETH, 1 = ERC20, 2 = ERC721, {@code value} the amount or token id. */
    record CoinDeposited(
            long slot, Address owner, Address token, int kind, BigInteger value, long originBlock, long l1Block) {}

    record CoinExitStarted(long slot, Address owner, long exitBlock, long prevBlock, long l1Block) {}

    /** An exit failed; reason 1 = challenged after, 2 = between, 3 = open challenge-before at finalization. */
    record CoinExitCancelled(long slot, Address challenger, int reason, long l1Block) {}

    record CoinExitFinalized(long slot, Address owner, long l1Block) {}

    /** A challenge-before on an exit or checkpoint; the origin variant has a zero {@code challengeTxHash}. */
    record CoinChallenged(
            long slot, boolean onCheckpoint, Bytes32 challengeTxHash, Address claimedOwner, long blk, long l1Block) {}

    record CoinChallengeAnswered(
            long slot, boolean onCheckpoint, Bytes32 challengeTxHash, Address responder, long l1Block) {}

    /** A checkpoint claiming that {@code owner} held the coin as of {@code exitBlock}. */
    record CheckpointStarted(long slot, Address owner, long exitBlock, long prevBlock, long l1Block) {}

    /** A checkpoint failed; reason 2 = challenged between, 3 = open challenge-before at finalization. */
    record CheckpointCancelled(long slot, Address challenger, int reason, long l1Block) {}

    /** The coin's origin is now ({@code blk}, {@code owner}). */
    record CheckpointFinalized(long slot, long blk, Address owner, long l1Block) {}

    record CoinWithdrawn(long slot, Address owner, long l1Block) {}

    record CoinRootSubmitted(long blkNum, Bytes32 coinRoot, long l1Block) {}
}
