package org.plasma4j.watcher;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * The root chain for unit tests: events are added at the current head, which tests move; block
 * hashes can be changed to simulate a reorg. Implements both ports.
 */
final class FakeRootChain implements RootChain, ExitGameEvents {

  static final long MEP = 3600;

  long head = 1;
  long headTimestamp = 1_000_000;
  final Map<Long, Bytes32> hashes = new HashMap<>();
  final List<DepositEvent> deposits = new ArrayList<>();
  final List<BlockSubmittedEvent> submitted = new ArrayList<>();
  final List<ExitStartedEvent> exitsStarted = new ArrayList<>();
  final List<ExitChallengedEvent> exitsChallenged = new ArrayList<>();
  final List<ExitFinalizedEvent> exitsFinalized = new ArrayList<>();
  final List<InFlightExitStarted> ifesStarted = new ArrayList<>();
  final List<Piggybacked> piggybacks = new ArrayList<>();
  final List<InFlightExitChallenged> ifesChallenged = new ArrayList<>();
  final List<InFlightExitResponded> ifeResponses = new ArrayList<>();
  final List<PiggybackBlocked> piggybacksBlocked = new ArrayList<>();
  final List<MassExitStarted> massExitsStarted = new ArrayList<>();
  final List<MassExitOutputChallenged> massChallenged = new ArrayList<>();
  final List<InFlightExitFinalized> ifesFinalized = new ArrayList<>();
  final List<MassExitFinalized> massFinalized = new ArrayList<>();
  final List<MassExitOutputPaid> massPaid = new ArrayList<>();
  final List<PiggybackPaid> piggybacksPaid = new ArrayList<>();
  final List<ExitOmitted> exitsOmitted = new ArrayList<>();
  final List<ExitDeferred> deferred = new ArrayList<>();
  final List<DeferredExitRetried> retried = new ArrayList<>();
  int reorgs;

  /** Timestamps of the mined blocks; the head's is {@link #headTimestamp}, which tests may move. */
  final java.util.TreeMap<Long, Long> timestamps = new java.util.TreeMap<>();

  /** Mines one block; returns its number. */
  long mine() {
    timestamps.put(head, headTimestamp);
    head++;
    headTimestamp += 12;
    return head;
  }

  /**
   * Replaces the hashes of blocks from {@code from} on, as a reorg does, and drops their events.
   */
  void reorgFrom(long from) {
    reorgs++;
    hashes.keySet().removeIf(n -> n >= from);
    deposits.removeIf(e -> e.l1Block() >= from);
    submitted.removeIf(e -> e.l1Block() >= from);
    exitsStarted.removeIf(e -> e.l1Block() >= from);
    exitsChallenged.removeIf(e -> e.l1Block() >= from);
    exitsFinalized.removeIf(e -> e.l1Block() >= from);
    massExitsStarted.removeIf(e -> e.l1Block() >= from);
    massPaid.removeIf(e -> e.l1Block() >= from);
  }

  @Override
  public Optional<Bytes32> blockHash(long number) {
    if (number > head) {
      return Optional.empty();
    }
    return Optional.of(hashes.computeIfAbsent(
        number,
        n -> Bytes32.ofUint(BigInteger.valueOf(n).shiftLeft(64).add(BigInteger.valueOf(reorgs)))));
  }

  @Override
  public java.util.OptionalLong blockTimestamp(long number) {
    if (number > head) {
      return java.util.OptionalLong.empty();
    }
    if (number == head) {
      return java.util.OptionalLong.of(headTimestamp);
    }
    var at = timestamps.floorEntry(number);
    return java.util.OptionalLong.of(
        at == null
            ? timestamps.isEmpty() ? headTimestamp : timestamps.firstEntry().getValue()
            : at.getValue());
  }

  @Override
  public ChainInfo info() {
    return new ChainInfo(
        Fixtures.CHAIN_ID,
        Fixtures.FRAMEWORK,
        Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
        MEP);
  }

  @Override
  public long headBlockNumber() {
    return head;
  }

  @Override
  public long headTimestamp() {
    return headTimestamp;
  }

  private static <T> List<T> in(List<T> events, ToLongFunction<T> l1Block, long from, long to) {
    return events.stream()
        .filter(e -> l1Block.applyAsLong(e) >= from && l1Block.applyAsLong(e) <= to)
        .toList();
  }

  @Override
  public List<DepositEvent> deposits(long from, long to) {
    return in(deposits, DepositEvent::l1Block, from, to);
  }

  @Override
  public List<BlockSubmittedEvent> submittedBlocks(long from, long to) {
    return in(submitted, BlockSubmittedEvent::l1Block, from, to);
  }

  @Override
  public List<ExitStartedEvent> exitsStarted(long from, long to) {
    return in(exitsStarted, ExitStartedEvent::l1Block, from, to);
  }

  @Override
  public List<ExitFinalizedEvent> exitsFinalized(long from, long to) {
    return in(exitsFinalized, ExitFinalizedEvent::l1Block, from, to);
  }

  @Override
  public List<ExitChallengedEvent> exitsChallenged(long from, long to) {
    return in(exitsChallenged, ExitChallengedEvent::l1Block, from, to);
  }

  @Override
  public List<InFlightExitStarted> inFlightExitsStarted(long from, long to) {
    return in(ifesStarted, InFlightExitStarted::l1Block, from, to);
  }

  @Override
  public List<Piggybacked> piggybacks(long from, long to) {
    return in(piggybacks, Piggybacked::l1Block, from, to);
  }

  @Override
  public List<InFlightExitChallenged> inFlightExitsChallenged(long from, long to) {
    return in(ifesChallenged, InFlightExitChallenged::l1Block, from, to);
  }

  @Override
  public List<InFlightExitResponded> inFlightExitResponses(long from, long to) {
    return in(ifeResponses, InFlightExitResponded::l1Block, from, to);
  }

  @Override
  public List<PiggybackBlocked> piggybacksBlocked(long from, long to) {
    return in(piggybacksBlocked, PiggybackBlocked::l1Block, from, to);
  }

  @Override
  public List<InFlightExitFinalized> inFlightExitsFinalized(long from, long to) {
    return in(ifesFinalized, InFlightExitFinalized::l1Block, from, to);
  }

  @Override
  public List<MassExitStarted> massExitsStarted(long from, long to) {
    return in(massExitsStarted, MassExitStarted::l1Block, from, to);
  }

  @Override
  public List<MassExitOutputChallenged> massExitOutputsChallenged(long from, long to) {
    return in(massChallenged, MassExitOutputChallenged::l1Block, from, to);
  }

  @Override
  public List<MassExitFinalized> massExitsFinalized(long from, long to) {
    return in(massFinalized, MassExitFinalized::l1Block, from, to);
  }

  @Override
  public List<MassExitOutputPaid> massExitOutputsPaid(long from, long to) {
    return in(massPaid, MassExitOutputPaid::l1Block, from, to);
  }

  @Override
  public List<PiggybackPaid> piggybacksPaid(long from, long to) {
    return in(piggybacksPaid, PiggybackPaid::l1Block, from, to);
  }

  @Override
  public List<ExitOmitted> exitsOmitted(long from, long to) {
    return in(exitsOmitted, ExitOmitted::l1Block, from, to);
  }

  @Override
  public List<ExitDeferred> exitsDeferred(long from, long to) {
    return in(deferred, ExitDeferred::l1Block, from, to);
  }

  @Override
  public List<DeferredExitRetried> deferredExitsRetried(long from, long to) {
    return in(retried, DeferredExitRetried::l1Block, from, to);
  }

  @Override
  public long nextChildBlock() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<Bytes32> blockCommitment(long blkNum) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Bytes32 submitBlock(Bytes32 root, BigInteger nonce, BigInteger maxFeePerGas) {
    throw new UnsupportedOperationException();
  }

  @Override
  public BigInteger operatorPendingNonce() {
    throw new UnsupportedOperationException();
  }

  @Override
  public BigInteger operatorMinedNonce() {
    throw new UnsupportedOperationException();
  }

  @Override
  public BigInteger suggestedMaxFeePerGas() {
    throw new UnsupportedOperationException();
  }
}
