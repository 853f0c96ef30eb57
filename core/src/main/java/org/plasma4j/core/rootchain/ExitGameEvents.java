package org.plasma4j.core.rootchain;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * The events of the exit games that live in their own contracts: in-flight exits (MoreVP) and mass
 * exits (docs/protocol.md sections 6 and 7). A second port beside {@link RootChain}, read by root-chain
 * block range like it, so the watcher, the guardian and the operator apply their own confirmation depth.
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

  /** {@code InFlightExitStarted}; {@code txBytes} is the unsigned in-flight transaction. */
  record InFlightExitStarted(
      BigInteger ifeId,
      Address initiator,
      Bytes32 txHash,
      long youngestInputPosition,
      long exitableAt,
      Bytes txBytes,
      long l1Block) {}

  /** {@code InFlightExitInputPiggybacked} ({@code output == false}) or {@code ...OutputPiggybacked}. */
  record Piggybacked(BigInteger ifeId, Address owner, boolean output, int index, long l1Block) {}

  /** A competitor was shown; {@code competitorPosition} is 0 when the competitor is not included. */
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
}
