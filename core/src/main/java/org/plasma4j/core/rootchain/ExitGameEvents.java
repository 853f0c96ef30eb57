package org.plasma4j.core.rootchain;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * The events of the exit games that live in their own contracts: in-flight exits (MoreVP) and mass
 * exits (docs/protocol.md sections 6 and 7). A second port beside {@link RootChain}, read by
 * root-chain block range like it, so the watcher, the guardian and the operator apply their own
 * confirmation depth.
 *
 * <p>An in-flight exit is named by {@code ifeId}, the low 120 bits of the keccak of its unsigned
 * transaction; a mass exit by its {@code batchId}, a counter the mass-exit game assigns.
 */
public interface ExitGameEvents {

  List<InFlightExitStarted> inFlightExitsStarted(long fromL1Block, long toL1Block);

  List<Piggybacked> piggybacks(long fromL1Block, long toL1Block);

  List<InFlightExitChallenged> inFlightExitsChallenged(long fromL1Block, long toL1Block);

  List<InFlightExitResponded> inFlightExitResponses(long fromL1Block, long toL1Block);

  List<PiggybackBlocked> piggybacksBlocked(long fromL1Block, long toL1Block);

  List<InFlightExitFinalized> inFlightExitsFinalized(long fromL1Block, long toL1Block);

  List<MassExitStarted> massExitsStarted(long fromL1Block, long toL1Block);

  List<MassExitOutputChallenged> massExitOutputsChallenged(long fromL1Block, long toL1Block);

  List<MassExitFinalized> massExitsFinalized(long fromL1Block, long toL1Block);

  /** {@code MassExitOutputPaid}: a leaf's output was paid (marked exited under its output key). */
  List<MassExitOutputPaid> massExitOutputsPaid(long fromL1Block, long toL1Block);

  /** {@code InFlightExitInputWithdrawn} and {@code ...OutputWithdrawn}: a piggyback was paid. */
  List<PiggybackPaid> piggybacksPaid(long fromL1Block, long toL1Block);

  /**
   * The framework's {@code ExitOmitted}: a standard exit found its output already exited and paid
   * nothing.
   */
  List<ExitOmitted> exitsOmitted(long fromL1Block, long toL1Block);

  /**
   * The framework's {@code ExitDeferred}: a game's finalisation reverted; the entry waits for
   * {@code retryExit}.
   */
  List<ExitDeferred> exitsDeferred(long fromL1Block, long toL1Block);

  /** The framework's {@code DeferredExitRetried}: a deferred entry was finalised. */
  List<DeferredExitRetried> deferredExitsRetried(long fromL1Block, long toL1Block);

  /**
   * {@code InFlightExitStarted}; {@code txBytes} is the unsigned in-flight transaction and
   * {@code inputSignatures} the inputs' owners' signatures of it (one per input, each verified by
   * the game), carried by the event itself however the exit was started (directly or through
   * another contract).
   */
  record InFlightExitStarted(
      BigInteger ifeId,
      Address initiator,
      Bytes32 txHash,
      long youngestInputPosition,
      long exitableAt,
      Bytes txBytes,
      long l1Block,
      List<Bytes> inputSignatures) {

    public InFlightExitStarted {
      inputSignatures = inputSignatures == null ? List.of() : List.copyOf(inputSignatures);
    }

    /** Without the inputs' signatures. */
    public InFlightExitStarted(
        BigInteger ifeId,
        Address initiator,
        Bytes32 txHash,
        long youngestInputPosition,
        long exitableAt,
        Bytes txBytes,
        long l1Block) {
      this(
          ifeId, initiator, txHash, youngestInputPosition, exitableAt, txBytes, l1Block, List.of());
    }
  }

  /**
   * {@code InFlightExitInputPiggybacked} ({@code output == false}) or {@code ...OutputPiggybacked}.
   */
  record Piggybacked(BigInteger ifeId, Address owner, boolean output, int index, long l1Block) {}

  /**
   * A competitor was shown; {@code competitorPosition} is 0 when the competitor is not included.
   */
  record InFlightExitChallenged(
      BigInteger ifeId, Address challenger, long competitorPosition, long l1Block) {}

  /** The in-flight transaction was shown included at {@code position}, before every competitor. */
  record InFlightExitResponded(BigInteger ifeId, Address responder, long position, long l1Block) {}

  /** A piggyback was shown spent: {@code InFlightExitInputBlocked} or {@code ...OutputBlocked}. */
  record PiggybackBlocked(
      BigInteger ifeId, Address challenger, boolean output, int index, long l1Block) {}

  /** One token's part of an in-flight exit was processed. */
  record InFlightExitFinalized(BigInteger ifeId, Address token, boolean canonical, long l1Block) {}

  /** One output claimed by a mass exit. */
  record MassExitLeaf(long position, Bytes32 outputKey, Address owner, BigInteger amount) {}

  record MassExitStarted(
      BigInteger batchId,
      Address initiator,
      Address token,
      long exitableAt,
      long youngestPosition,
      List<MassExitLeaf> leaves,
      long l1Block) {}

  record MassExitOutputChallenged(
      BigInteger batchId, Address challenger, int leafIndex, long position, long l1Block) {}

  record MassExitFinalized(BigInteger batchId, Address token, long l1Block) {}

  record MassExitOutputPaid(
      BigInteger batchId, Address owner, long position, BigInteger amount, long l1Block) {}

  /** A piggybacked input ({@code output == false}) or output of an in-flight exit was paid. */
  record PiggybackPaid(
      BigInteger ifeId,
      Address owner,
      boolean output,
      int index,
      Address token,
      BigInteger amount,
      long l1Block) {}

  record ExitOmitted(long position, Address owner, long l1Block) {}

  /**
   * A queue entry whose game reverted: {@code entry} packs exitableAt (bits 192..255), position
   * (128..191), game kind (120..127) and the game's exit id (0..119), as
   * contracts/src/framework/ExitQueue.sol does.
   */
  record ExitDeferred(Address token, BigInteger entry, Bytes reason, long l1Block) {
    public int kind() {
      return entry.shiftRight(120).intValue() & 0xff;
    }

    public BigInteger exitId() {
      return entry.and(BigInteger.ONE.shiftLeft(120).subtract(BigInteger.ONE));
    }
  }

  record DeferredExitRetried(Address token, BigInteger entry, Address processor, long l1Block) {}
}
