package org.plasma4j.rootchain;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.plasma4j.contracts.generated.CashExitGame;
import org.plasma4j.contracts.generated.InFlightExitGame;
import org.plasma4j.contracts.generated.MassExitGame;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.rootchain.CashGameEvents.CheckpointCancelled;
import org.plasma4j.core.rootchain.CashGameEvents.CheckpointFinalized;
import org.plasma4j.core.rootchain.CashGameEvents.CheckpointStarted;
import org.plasma4j.core.rootchain.CashGameEvents.CoinChallengeAnswered;
import org.plasma4j.core.rootchain.CashGameEvents.CoinChallenged;
import org.plasma4j.core.rootchain.CashGameEvents.CoinDeposited;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitCancelled;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitFinalized;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitStarted;
import org.plasma4j.core.rootchain.CashGameEvents.CoinRootSubmitted;
import org.plasma4j.core.rootchain.CashGameEvents.CoinWithdrawn;
import org.plasma4j.core.rootchain.ExitGameEvents.DeferredExitRetried;
import org.plasma4j.core.rootchain.ExitGameEvents.ExitDeferred;
import org.plasma4j.core.rootchain.ExitGameEvents.ExitOmitted;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitResponded;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitEscrowShort;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitOutputChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitOutputPaid;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.PiggybackBlocked;
import org.plasma4j.core.rootchain.ExitGameEvents.PiggybackPaid;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitFinalizedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The decoder table of the event stream: for each event the nodes act on, keyed by its topic0, the
 * contract that must have emitted it and how the generated bindings turn its log into an
 * {@link L1Event} at the log's {@link #place}. A new event kind is one {@link #add} line here (and
 * its record in core).
 */
final class L1Decoders {

  /** The contracts whose logs the stream reads. */
  enum Source {
    FRAMEWORK,
    IN_FLIGHT_EXIT_GAME,
    MASS_EXIT_GAME,
    CASH_GAME
  }

  /** One event kind: who emits it and how its log decodes (at the log's own place). */
  record Decoder(Source source, Event event, Function<Log, L1Event> decode) {}

  /** The in-flight game stores a competitor that is not included as the largest uint64. */
  private static final BigInteger LARGEST_POSITION = BigInteger.valueOf(Long.MAX_VALUE);

  private static final Map<String, Decoder> BY_TOPIC = table();

  private L1Decoders() {}

  /** The decoder of {@code log}'s topic0, empty for a log no node acts on. */
  static Optional<Decoder> of(Log log) {
    return log.getTopics().isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(BY_TOPIC.get(log.getTopics().get(0)));
  }

  /** Every topic0 the stream decodes, for the eth_getLogs filter. */
  static List<String> topics() {
    return List.copyOf(BY_TOPIC.keySet());
  }

  private static Map<String, Decoder> table() {
    Map<String, Decoder> t = new LinkedHashMap<>();
    add(t, Source.FRAMEWORK, PlasmaFramework.DEPOSITCREATED_EVENT, log -> {
      var e = PlasmaFramework.getDepositCreatedEventFromLog(log);
      return new DepositEvent(
          e.blkNum.longValueExact(),
          Address.fromHex(e.owner),
          Address.fromHex(e.token),
          e.amount,
          new Bytes32(e.root),
          e.timestamp.longValueExact(),
          place(log));
    });
    add(t, Source.FRAMEWORK, PlasmaFramework.BLOCKSUBMITTED_EVENT, log -> {
      var e = PlasmaFramework.getBlockSubmittedEventFromLog(log);
      return new BlockSubmittedEvent(
          e.blkNum.longValueExact(), new Bytes32(e.root), e.timestamp.longValueExact(), place(log));
    });
    add(t, Source.FRAMEWORK, PlasmaFramework.EXITSTARTED_EVENT, log -> {
      var e = PlasmaFramework.getExitStartedEventFromLog(log);
      return new ExitStartedEvent(
          e.position.longValueExact(),
          Address.fromHex(e.owner),
          Address.fromHex(e.token),
          e.amount,
          e.exitableAt.longValueExact(),
          place(log));
    });
    add(t, Source.FRAMEWORK, PlasmaFramework.EXITFINALIZED_EVENT, log -> {
      var e = PlasmaFramework.getExitFinalizedEventFromLog(log);
      return new ExitFinalizedEvent(
          e.position.longValueExact(),
          Address.fromHex(e.owner),
          Address.fromHex(e.token),
          e.amount,
          place(log));
    });
    add(t, Source.FRAMEWORK, PlasmaFramework.EXITCHALLENGED_EVENT, log -> {
      var e = PlasmaFramework.getExitChallengedEventFromLog(log);
      return new ExitChallengedEvent(
          e.position.longValueExact(), Address.fromHex(e.challenger), place(log));
    });
    add(t, Source.FRAMEWORK, PlasmaFramework.EXITOMITTED_EVENT, log -> {
      var e = PlasmaFramework.getExitOmittedEventFromLog(log);
      return new ExitOmitted(e.position.longValueExact(), Address.fromHex(e.owner), place(log));
    });
    add(t, Source.FRAMEWORK, PlasmaFramework.EXITDEFERRED_EVENT, log -> {
      var e = PlasmaFramework.getExitDeferredEventFromLog(log);
      return new ExitDeferred(Address.fromHex(e.token), e.entry, Bytes.of(e.reason), place(log));
    });
    add(t, Source.FRAMEWORK, PlasmaFramework.DEFERREDEXITRETRIED_EVENT, log -> {
      var e = PlasmaFramework.getDeferredExitRetriedEventFromLog(log);
      return new DeferredExitRetried(
          Address.fromHex(e.token), e.entry, Address.fromHex(e.processor), place(log));
    });
    add(t, Source.FRAMEWORK, PlasmaFramework.COINROOTSUBMITTED_EVENT, log -> {
      var e = PlasmaFramework.getCoinRootSubmittedEventFromLog(log);
      return new CoinRootSubmitted(u64(e.blkNum), new Bytes32(e.coinRoot), place(log));
    });
    inFlightExitGame(t);
    massExitGame(t);
    cashGame(t);
    return Map.copyOf(t);
  }

  private static void inFlightExitGame(Map<String, Decoder> t) {
    Source s = Source.IN_FLIGHT_EXIT_GAME;
    add(t, s, InFlightExitGame.INFLIGHTEXITSTARTED_EVENT, log -> {
      var e = InFlightExitGame.getInFlightExitStartedEventFromLog(log);
      return new InFlightExitStarted(
          e.ifeId,
          Address.fromHex(e.initiator),
          new Bytes32(e.txHash),
          e.youngestInputPosition.longValueExact(),
          e.exitableAt.longValueExact(),
          Bytes.of(e.txBytes),
          e.inputSignatures.stream().map(Bytes::of).toList(),
          place(log));
    });
    add(t, s, InFlightExitGame.INFLIGHTEXITINPUTPIGGYBACKED_EVENT, log -> {
      var e = InFlightExitGame.getInFlightExitInputPiggybackedEventFromLog(log);
      return new Piggybacked(
          e.ifeId, Address.fromHex(e.owner), false, e.inputIndex.intValueExact(), place(log));
    });
    add(t, s, InFlightExitGame.INFLIGHTEXITOUTPUTPIGGYBACKED_EVENT, log -> {
      var e = InFlightExitGame.getInFlightExitOutputPiggybackedEventFromLog(log);
      return new Piggybacked(
          e.ifeId, Address.fromHex(e.owner), true, e.outputIndex.intValueExact(), place(log));
    });
    add(t, s, InFlightExitGame.INFLIGHTEXITCHALLENGED_EVENT, log -> {
      var e = InFlightExitGame.getInFlightExitChallengedEventFromLog(log);
      return new InFlightExitChallenged(
          e.ifeId,
          Address.fromHex(e.challenger),
          includedPosition(e.competitorPosition),
          place(log));
    });
    add(t, s, InFlightExitGame.INFLIGHTEXITCHALLENGERESPONDED_EVENT, log -> {
      var e = InFlightExitGame.getInFlightExitChallengeRespondedEventFromLog(log);
      return new InFlightExitResponded(
          e.ifeId, Address.fromHex(e.responder), e.position.longValueExact(), place(log));
    });
    add(t, s, InFlightExitGame.INFLIGHTEXITINPUTBLOCKED_EVENT, log -> {
      var e = InFlightExitGame.getInFlightExitInputBlockedEventFromLog(log);
      return new PiggybackBlocked(
          e.ifeId, Address.fromHex(e.challenger), false, e.inputIndex.intValueExact(), place(log));
    });
    add(t, s, InFlightExitGame.INFLIGHTEXITOUTPUTBLOCKED_EVENT, log -> {
      var e = InFlightExitGame.getInFlightExitOutputBlockedEventFromLog(log);
      return new PiggybackBlocked(
          e.ifeId, Address.fromHex(e.challenger), true, e.outputIndex.intValueExact(), place(log));
    });
    add(t, s, InFlightExitGame.INFLIGHTEXITFINALIZED_EVENT, log -> {
      var e = InFlightExitGame.getInFlightExitFinalizedEventFromLog(log);
      return new InFlightExitFinalized(e.ifeId, Address.fromHex(e.token), e.canonical, place(log));
    });
    add(t, s, InFlightExitGame.INFLIGHTEXITINPUTWITHDRAWN_EVENT, log -> {
      var e = InFlightExitGame.getInFlightExitInputWithdrawnEventFromLog(log);
      return new PiggybackPaid(
          e.ifeId,
          Address.fromHex(e.owner),
          false,
          e.inputIndex.intValueExact(),
          Address.fromHex(e.token),
          e.amount,
          place(log));
    });
    add(t, s, InFlightExitGame.INFLIGHTEXITOUTPUTWITHDRAWN_EVENT, log -> {
      var e = InFlightExitGame.getInFlightExitOutputWithdrawnEventFromLog(log);
      return new PiggybackPaid(
          e.ifeId,
          Address.fromHex(e.owner),
          true,
          e.outputIndex.intValueExact(),
          Address.fromHex(e.token),
          e.amount,
          place(log));
    });
  }

  private static void massExitGame(Map<String, Decoder> t) {
    Source s = Source.MASS_EXIT_GAME;
    add(t, s, MassExitGame.MASSEXITSTARTED_EVENT, log -> {
      var e = MassExitGame.getMassExitStartedEventFromLog(log);
      return new MassExitStarted(
          e.batchId,
          Address.fromHex(e.initiator),
          Address.fromHex(e.token),
          e.exitableAt.longValueExact(),
          e.youngestPosition.longValueExact(),
          e.leaves.stream().map(L1Decoders::leaf).toList(),
          place(log));
    });
    add(t, s, MassExitGame.MASSEXITOUTPUTCHALLENGED_EVENT, log -> {
      var e = MassExitGame.getMassExitOutputChallengedEventFromLog(log);
      return new MassExitOutputChallenged(
          e.batchId,
          Address.fromHex(e.challenger),
          e.leafIndex.intValueExact(),
          e.position.longValueExact(),
          place(log));
    });
    add(t, s, MassExitGame.MASSEXITFINALIZED_EVENT, log -> {
      var e = MassExitGame.getMassExitFinalizedEventFromLog(log);
      return new MassExitFinalized(e.batchId, Address.fromHex(e.token), place(log));
    });
    add(t, s, MassExitGame.MASSEXITESCROWSHORT_EVENT, log -> {
      var e = MassExitGame.getMassExitEscrowShortEventFromLog(log);
      return new MassExitEscrowShort(e.batchId, e.expected, e.escrow, place(log));
    });
    add(t, s, MassExitGame.MASSEXITOUTPUTPAID_EVENT, log -> {
      var e = MassExitGame.getMassExitOutputPaidEventFromLog(log);
      return new MassExitOutputPaid(
          e.batchId, Address.fromHex(e.owner), e.position.longValueExact(), e.amount, place(log));
    });
  }

  private static void cashGame(Map<String, Decoder> t) {
    Source s = Source.CASH_GAME;
    add(t, s, CashExitGame.COINDEPOSITED_EVENT, log -> {
      var e = CashExitGame.getCoinDepositedEventFromLog(log);
      return new CoinDeposited(
          u64(e.slot),
          Address.fromHex(e.owner),
          Address.fromHex(e.token),
          e.kind.intValueExact(),
          e.value,
          u64(e.originBlock),
          place(log));
    });
    add(t, s, CashExitGame.COINEXITSTARTED_EVENT, log -> {
      var e = CashExitGame.getCoinExitStartedEventFromLog(log);
      return new CoinExitStarted(
          u64(e.slot),
          Address.fromHex(e.owner),
          u64(e.exitBlock),
          u64(e.prevBlock),
          u64(e.claimId),
          place(log));
    });
    add(t, s, CashExitGame.COINEXITCANCELLED_EVENT, log -> {
      var e = CashExitGame.getCoinExitCancelledEventFromLog(log);
      return new CoinExitCancelled(
          u64(e.slot),
          Address.fromHex(e.owner),
          Address.fromHex(e.challenger),
          e.reason.intValueExact(),
          place(log));
    });
    add(t, s, CashExitGame.COINEXITFINALIZED_EVENT, log -> {
      var e = CashExitGame.getCoinExitFinalizedEventFromLog(log);
      return new CoinExitFinalized(u64(e.slot), Address.fromHex(e.owner), e.forfeits, place(log));
    });
    add(t, s, CashExitGame.COINCHALLENGED_EVENT, log -> {
      var e = CashExitGame.getCoinChallengedEventFromLog(log);
      return new CoinChallenged(
          u64(e.slot),
          Address.fromHex(e.claimant),
          e.onCheckpoint,
          u64(e.claimId),
          e.index.longValueExact(),
          new Bytes32(e.challengeTxHash),
          Address.fromHex(e.claimedOwner),
          u64(e.blk),
          Address.fromHex(e.challenger),
          place(log));
    });
    add(t, s, CashExitGame.COINCHALLENGEANSWERED_EVENT, log -> {
      var e = CashExitGame.getCoinChallengeAnsweredEventFromLog(log);
      return new CoinChallengeAnswered(
          u64(e.slot),
          Address.fromHex(e.claimant),
          e.onCheckpoint,
          u64(e.blk),
          Address.fromHex(e.responder),
          e.amount,
          place(log));
    });
    add(t, s, CashExitGame.CHECKPOINTSTARTED_EVENT, log -> {
      var e = CashExitGame.getCheckpointStartedEventFromLog(log);
      return new CheckpointStarted(
          u64(e.slot),
          Address.fromHex(e.owner),
          u64(e.exitBlock),
          u64(e.prevBlock),
          u64(e.claimId),
          place(log));
    });
    add(t, s, CashExitGame.CHECKPOINTCANCELLED_EVENT, log -> {
      var e = CashExitGame.getCheckpointCancelledEventFromLog(log);
      return new CheckpointCancelled(
          u64(e.slot),
          Address.fromHex(e.owner),
          Address.fromHex(e.challenger),
          e.reason.intValueExact(),
          place(log));
    });
    add(t, s, CashExitGame.CHECKPOINTFINALIZED_EVENT, log -> {
      var e = CashExitGame.getCheckpointFinalizedEventFromLog(log);
      return new CheckpointFinalized(u64(e.slot), u64(e.blk), Address.fromHex(e.owner), place(log));
    });
    add(t, s, CashExitGame.COINWITHDRAWN_EVENT, log -> {
      var e = CashExitGame.getCoinWithdrawnEventFromLog(log);
      return new CoinWithdrawn(
          u64(e.slot), Address.fromHex(e.owner), Address.fromHex(e.to), place(log));
    });
  }

  private static void add(
      Map<String, Decoder> table, Source source, Event event, Function<Log, L1Event> decode) {
    String topic = EventEncoder.encode(event);
    if (table.putIfAbsent(topic, new Decoder(source, event, decode)) != null) {
      throw new IllegalStateException("two decoders for the topic of " + event.getName());
    }
  }

  static MassExitLeaf leaf(MassExitGame.MassExitLeaf l) {
    return new MassExitLeaf(
        l.position.longValueExact(), new Bytes32(l.outputKey), Address.fromHex(l.owner), l.amount);
  }

  /** The port's convention: 0 for a competitor that is not included, whatever the game stores. */
  static long includedPosition(BigInteger stored) {
    return stored.compareTo(LARGEST_POSITION) > 0 ? 0 : stored.longValueExact();
  }

  /**
   * uint64 slots and block numbers travel in a long, above 2^63 - 1 as negative (docs/protocol.md
   * section 9).
   */
  static long u64(BigInteger value) {
    return value.longValue();
  }

  /** The log's block, its index there and the block's hash: the event's {@link LogPlace}. */
  static LogPlace place(Log log) {
    return new LogPlace(
        log.getBlockNumber().longValueExact(),
        log.getLogIndex().longValueExact(),
        Bytes32.fromHex(log.getBlockHash()));
  }
}
