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
      long l1Block,
      List<Bytes> inputSignatures,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

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

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public InFlightExitStarted(
        BigInteger ifeId,
        Address initiator,
        Bytes32 txHash,
        long youngestInputPosition,
        long exitableAt,
        Bytes txBytes,
        long l1Block,
        List<Bytes> inputSignatures) {
      this(
          ifeId,
          initiator,
          txHash,
          youngestInputPosition,
          exitableAt,
          txBytes,
          l1Block,
          inputSignatures,
          0,
          Bytes32.ZERO);
    }

    @Override
    public InFlightExitStarted at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new InFlightExitStarted(
          ifeId,
          initiator,
          txHash,
          youngestInputPosition,
          exitableAt,
          txBytes,
          l1Block,
          inputSignatures,
          logIndex,
          blockHash);
    }
  }

  /**
   * {@code InFlightExitInputPiggybacked} ({@code output == false}) or {@code ...OutputPiggybacked}.
   */
  record Piggybacked(
      BigInteger ifeId,
      Address owner,
      boolean output,
      int index,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public Piggybacked(BigInteger ifeId, Address owner, boolean output, int index, long l1Block) {
      this(ifeId, owner, output, index, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public Piggybacked at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new Piggybacked(ifeId, owner, output, index, l1Block, logIndex, blockHash);
    }
  }

  /**
   * A competitor was shown; {@code competitorPosition} is 0 when the competitor is not included.
   */
  record InFlightExitChallenged(
      BigInteger ifeId,
      Address challenger,
      long competitorPosition,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public InFlightExitChallenged(
        BigInteger ifeId, Address challenger, long competitorPosition, long l1Block) {
      this(ifeId, challenger, competitorPosition, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public InFlightExitChallenged at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new InFlightExitChallenged(
          ifeId, challenger, competitorPosition, l1Block, logIndex, blockHash);
    }
  }

  /** The in-flight transaction was shown included at {@code position}, before every competitor. */
  record InFlightExitResponded(
      BigInteger ifeId,
      Address responder,
      long position,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public InFlightExitResponded(BigInteger ifeId, Address responder, long position, long l1Block) {
      this(ifeId, responder, position, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public InFlightExitResponded at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new InFlightExitResponded(ifeId, responder, position, l1Block, logIndex, blockHash);
    }
  }

  /** A piggyback was shown spent: {@code InFlightExitInputBlocked} or {@code ...OutputBlocked}. */
  record PiggybackBlocked(
      BigInteger ifeId,
      Address challenger,
      boolean output,
      int index,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public PiggybackBlocked(
        BigInteger ifeId, Address challenger, boolean output, int index, long l1Block) {
      this(ifeId, challenger, output, index, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public PiggybackBlocked at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new PiggybackBlocked(ifeId, challenger, output, index, l1Block, logIndex, blockHash);
    }
  }

  /** One token's part of an in-flight exit was processed. */
  record InFlightExitFinalized(
      BigInteger ifeId,
      Address token,
      boolean canonical,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public InFlightExitFinalized(BigInteger ifeId, Address token, boolean canonical, long l1Block) {
      this(ifeId, token, canonical, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public InFlightExitFinalized at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new InFlightExitFinalized(ifeId, token, canonical, l1Block, logIndex, blockHash);
    }
  }

  /** One output claimed by a mass exit. */
  record MassExitLeaf(long position, Bytes32 outputKey, Address owner, BigInteger amount) {}

  record MassExitStarted(
      BigInteger batchId,
      Address initiator,
      Address token,
      long exitableAt,
      long youngestPosition,
      List<MassExitLeaf> leaves,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public MassExitStarted(
        BigInteger batchId,
        Address initiator,
        Address token,
        long exitableAt,
        long youngestPosition,
        List<MassExitLeaf> leaves,
        long l1Block) {
      this(
          batchId,
          initiator,
          token,
          exitableAt,
          youngestPosition,
          leaves,
          l1Block,
          0,
          Bytes32.ZERO);
    }

    @Override
    public MassExitStarted at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new MassExitStarted(
          batchId,
          initiator,
          token,
          exitableAt,
          youngestPosition,
          leaves,
          l1Block,
          logIndex,
          blockHash);
    }
  }

  /** Less than the batch's amount arrived at processing; its leaves share {@code escrow}. */
  record MassExitEscrowShort(
      BigInteger batchId,
      BigInteger expected,
      BigInteger escrow,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    public MassExitEscrowShort(
        BigInteger batchId, BigInteger expected, BigInteger escrow, long l1Block) {
      this(batchId, expected, escrow, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public MassExitEscrowShort at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new MassExitEscrowShort(batchId, expected, escrow, l1Block, logIndex, blockHash);
    }
  }

  record MassExitOutputChallenged(
      BigInteger batchId,
      Address challenger,
      int leafIndex,
      long position,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public MassExitOutputChallenged(
        BigInteger batchId, Address challenger, int leafIndex, long position, long l1Block) {
      this(batchId, challenger, leafIndex, position, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public MassExitOutputChallenged at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new MassExitOutputChallenged(
          batchId, challenger, leafIndex, position, l1Block, logIndex, blockHash);
    }
  }

  record MassExitFinalized(
      BigInteger batchId, Address token, long l1Block, long logIndex, Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public MassExitFinalized(BigInteger batchId, Address token, long l1Block) {
      this(batchId, token, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public MassExitFinalized at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new MassExitFinalized(batchId, token, l1Block, logIndex, blockHash);
    }
  }

  record MassExitOutputPaid(
      BigInteger batchId,
      Address owner,
      long position,
      BigInteger amount,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public MassExitOutputPaid(
        BigInteger batchId, Address owner, long position, BigInteger amount, long l1Block) {
      this(batchId, owner, position, amount, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public MassExitOutputPaid at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new MassExitOutputPaid(batchId, owner, position, amount, l1Block, logIndex, blockHash);
    }
  }

  /** A piggybacked input ({@code output == false}) or output of an in-flight exit was paid. */
  record PiggybackPaid(
      BigInteger ifeId,
      Address owner,
      boolean output,
      int index,
      Address token,
      BigInteger amount,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public PiggybackPaid(
        BigInteger ifeId,
        Address owner,
        boolean output,
        int index,
        Address token,
        BigInteger amount,
        long l1Block) {
      this(ifeId, owner, output, index, token, amount, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public PiggybackPaid at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new PiggybackPaid(
          ifeId, owner, output, index, token, amount, l1Block, logIndex, blockHash);
    }
  }

  record ExitOmitted(long position, Address owner, long l1Block, long logIndex, Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public ExitOmitted(long position, Address owner, long l1Block) {
      this(position, owner, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public ExitOmitted at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new ExitOmitted(position, owner, l1Block, logIndex, blockHash);
    }
  }

  /**
   * A queue entry whose game reverted: {@code entry} packs exitableAt (bits 192..255), position
   * (128..191), game kind (120..127) and the game's exit id (0..119), as
   * contracts/src/framework/ExitQueue.sol does.
   */
  record ExitDeferred(
      Address token, BigInteger entry, Bytes reason, long l1Block, long logIndex, Bytes32 blockHash)
      implements L1Event {
    public int kind() {
      return entry.shiftRight(120).intValue() & 0xff;
    }

    public BigInteger exitId() {
      return entry.and(BigInteger.ONE.shiftLeft(120).subtract(BigInteger.ONE));
    }

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public ExitDeferred(Address token, BigInteger entry, Bytes reason, long l1Block) {
      this(token, entry, reason, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public ExitDeferred at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new ExitDeferred(token, entry, reason, l1Block, logIndex, blockHash);
    }
  }

  record DeferredExitRetried(
      Address token,
      BigInteger entry,
      Address processor,
      long l1Block,
      long logIndex,
      Bytes32 blockHash)
      implements L1Event {

    /** At {@code l1Block}, before its place in the block is known (see {@link #at}). */
    public DeferredExitRetried(Address token, BigInteger entry, Address processor, long l1Block) {
      this(token, entry, processor, l1Block, 0, Bytes32.ZERO);
    }

    @Override
    public DeferredExitRetried at(long l1Block, long logIndex, Bytes32 blockHash) {
      return new DeferredExitRetried(token, entry, processor, l1Block, logIndex, blockHash);
    }
  }
}
