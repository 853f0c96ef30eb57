package org.plasma4j.core.rootchain;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * The events of the exit games that live in their own contracts: in-flight exits (MoreVP) and mass
 * exits (docs/protocol.md sections 6 and 7), and the framework's exit-queue outcomes. Each is an
 * {@link L1Event}: they reach the nodes through the one ordered stream of
 * {@link L1EventSource#events}, among the framework's and every other game's events.
 *
 * <p>An in-flight exit is named by {@code ifeId}, the low 120 bits of the keccak of its unsigned
 * transaction; a mass exit by its {@code batchId}, a counter the mass-exit game assigns.
 */
public interface ExitGameEvents {

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
      List<Bytes> inputSignatures,
      LogPlace place)
      implements L1Event {

    public InFlightExitStarted {
      inputSignatures = inputSignatures == null ? List.of() : List.copyOf(inputSignatures);
    }
  }

  /**
   * {@code InFlightExitInputPiggybacked} ({@code output == false}) or {@code ...OutputPiggybacked}.
   */
  record Piggybacked(BigInteger ifeId, Address owner, boolean output, int index, LogPlace place)
      implements L1Event {}

  /**
   * A competitor was shown; {@code competitorPosition} is 0 when the competitor is not included.
   */
  record InFlightExitChallenged(
      BigInteger ifeId, Address challenger, long competitorPosition, LogPlace place)
      implements L1Event {}

  /** The in-flight transaction was shown included at {@code position}, before every competitor. */
  record InFlightExitResponded(BigInteger ifeId, Address responder, long position, LogPlace place)
      implements L1Event {}

  /** A piggyback was shown spent: {@code InFlightExitInputBlocked} or {@code ...OutputBlocked}. */
  record PiggybackBlocked(
      BigInteger ifeId, Address challenger, boolean output, int index, LogPlace place)
      implements L1Event {}

  /** One token's part of an in-flight exit was processed. */
  record InFlightExitFinalized(BigInteger ifeId, Address token, boolean canonical, LogPlace place)
      implements L1Event {}

  /** One output claimed by a mass exit. */
  record MassExitLeaf(long position, Bytes32 outputKey, Address owner, BigInteger amount) {}

  record MassExitStarted(
      BigInteger batchId,
      Address initiator,
      Address token,
      long exitableAt,
      long youngestPosition,
      List<MassExitLeaf> leaves,
      LogPlace place)
      implements L1Event {}

  /** Less than the batch's amount arrived at processing; its leaves share {@code escrow}. */
  record MassExitEscrowShort(
      BigInteger batchId, BigInteger expected, BigInteger escrow, LogPlace place)
      implements L1Event {}

  record MassExitOutputChallenged(
      BigInteger batchId, Address challenger, int leafIndex, long position, LogPlace place)
      implements L1Event {}

  record MassExitFinalized(BigInteger batchId, Address token, LogPlace place) implements L1Event {}

  record MassExitOutputPaid(
      BigInteger batchId, Address owner, long position, BigInteger amount, LogPlace place)
      implements L1Event {}

  /** A piggybacked input ({@code output == false}) or output of an in-flight exit was paid. */
  record PiggybackPaid(
      BigInteger ifeId,
      Address owner,
      boolean output,
      int index,
      Address token,
      BigInteger amount,
      LogPlace place)
      implements L1Event {}

  record ExitOmitted(long position, Address owner, LogPlace place) implements L1Event {}

  /**
   * A queue entry whose game reverted: {@code entry} packs exitableAt (bits 192..255), position
   * (128..191), game kind (120..127) and the game's exit id (0..119), as
   * contracts/src/framework/ExitQueue.sol does.
   */
  record ExitDeferred(Address token, BigInteger entry, Bytes reason, LogPlace place)
      implements L1Event {
    public int kind() {
      return entry.shiftRight(120).intValue() & 0xff;
    }

    public BigInteger exitId() {
      return entry.and(BigInteger.ONE.shiftLeft(120).subtract(BigInteger.ONE));
    }
  }

  record DeferredExitRetried(Address token, BigInteger entry, Address processor, LogPlace place)
      implements L1Event {}
}
