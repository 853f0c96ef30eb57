package org.plasma4j.rootchain;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;
import org.plasma4j.contracts.generated.InFlightExitGame;
import org.plasma4j.contracts.generated.MassExitGame;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The {@link ExitGameEvents} port over JSON-RPC: eth_getLogs on the two game contracts, decoded
 * with the bindings generated from their ABIs. Events that the port merges (input and output
 * piggybacks, input and output blocks) are fetched with one filter over both topics, so they keep
 * log order.
 */
public final class Web3jExitGameEvents implements ExitGameEvents {

  /** The in-flight game stores a competitor that is not included as the largest uint64. */
  private static final BigInteger LARGEST_POSITION = BigInteger.valueOf(Long.MAX_VALUE);

  private final Web3j web3j;
  private final Address framework;
  private final Address inFlightExitGame;
  private final Address massExitGame;

  /**
   * {@code framework} emits the queue's events (ExitOmitted, ExitDeferred, DeferredExitRetried).
   */
  public Web3jExitGameEvents(
      Web3j web3j, Address framework, Address inFlightExitGame, Address massExitGame) {
    this.web3j = web3j;
    this.framework = framework;
    this.inFlightExitGame = inFlightExitGame;
    this.massExitGame = massExitGame;
  }

  /** Reads the registered games' addresses from the framework ({@code exitGame(kind)}). */
  public static Web3jExitGameEvents forFramework(Web3j web3j, Address framework) {
    GameAddresses games = GameAddresses.of(web3j, framework);
    return new Web3jExitGameEvents(
        web3j, framework, games.inFlightExitGame(), games.massExitGame());
  }

  /** The exit games a framework has registered. */
  public record GameAddresses(Address inFlightExitGame, Address massExitGame) {
    public static GameAddresses of(Web3j web3j, Address framework) {
      PlasmaFramework reader = Contracts.readOnly(web3j, framework);
      try {
        Address ife = Address.fromHex(reader.exitGame(BigInteger.ONE).send());
        Address mass = Address.fromHex(reader.exitGame(BigInteger.TWO).send());
        if (ife.isZero() || mass.isZero()) {
          throw new Web3jRootChain.RootChainException(
              "the framework at " + framework + " has no exit games registered", null);
        }
        return new GameAddresses(ife, mass);
      } catch (Web3jRootChain.RootChainException e) {
        throw e;
      } catch (Exception e) {
        throw new Web3jRootChain.RootChainException(
            "cannot read the exit games of " + framework, e);
      }
    }
  }

  @Override
  public List<InFlightExitStarted> inFlightExitsStarted(long from, long to) {
    return logs(
        inFlightExitGame,
        from,
        to,
        log -> {
          var e = InFlightExitGame.getInFlightExitStartedEventFromLog(log);
          Bytes txBytes = Bytes.of(e.txBytes);
          return new InFlightExitStarted(
              e.ifeId,
              Address.fromHex(e.initiator),
              new Bytes32(e.txHash),
              e.youngestInputPosition.longValueExact(),
              e.exitableAt.longValueExact(),
              txBytes,
              block(log),
              e.inputSignatures.stream().map(Bytes::of).toList());
        },
        InFlightExitGame.INFLIGHTEXITSTARTED_EVENT);
  }

  @Override
  public List<Piggybacked> piggybacks(long from, long to) {
    String inputTopic = EventEncoder.encode(InFlightExitGame.INFLIGHTEXITINPUTPIGGYBACKED_EVENT);
    return logs(
        inFlightExitGame,
        from,
        to,
        log -> {
          if (topic(log).equals(inputTopic)) {
            var e = InFlightExitGame.getInFlightExitInputPiggybackedEventFromLog(log);
            return new Piggybacked(
                e.ifeId, Address.fromHex(e.owner), false, e.inputIndex.intValueExact(), block(log));
          }
          var e = InFlightExitGame.getInFlightExitOutputPiggybackedEventFromLog(log);
          return new Piggybacked(
              e.ifeId, Address.fromHex(e.owner), true, e.outputIndex.intValueExact(), block(log));
        },
        InFlightExitGame.INFLIGHTEXITINPUTPIGGYBACKED_EVENT,
        InFlightExitGame.INFLIGHTEXITOUTPUTPIGGYBACKED_EVENT);
  }

  @Override
  public List<InFlightExitChallenged> inFlightExitsChallenged(long from, long to) {
    return logs(
        inFlightExitGame,
        from,
        to,
        log -> {
          var e = InFlightExitGame.getInFlightExitChallengedEventFromLog(log);
          return new InFlightExitChallenged(
              e.ifeId,
              Address.fromHex(e.challenger),
              includedPosition(e.competitorPosition),
              block(log));
        },
        InFlightExitGame.INFLIGHTEXITCHALLENGED_EVENT);
  }

  @Override
  public List<InFlightExitResponded> inFlightExitResponses(long from, long to) {
    return logs(
        inFlightExitGame,
        from,
        to,
        log -> {
          var e = InFlightExitGame.getInFlightExitChallengeRespondedEventFromLog(log);
          return new InFlightExitResponded(
              e.ifeId, Address.fromHex(e.responder), e.position.longValueExact(), block(log));
        },
        InFlightExitGame.INFLIGHTEXITCHALLENGERESPONDED_EVENT);
  }

  @Override
  public List<PiggybackBlocked> piggybacksBlocked(long from, long to) {
    String inputTopic = EventEncoder.encode(InFlightExitGame.INFLIGHTEXITINPUTBLOCKED_EVENT);
    return logs(
        inFlightExitGame,
        from,
        to,
        log -> {
          if (topic(log).equals(inputTopic)) {
            var e = InFlightExitGame.getInFlightExitInputBlockedEventFromLog(log);
            return new PiggybackBlocked(
                e.ifeId,
                Address.fromHex(e.challenger),
                false,
                e.inputIndex.intValueExact(),
                block(log));
          }
          var e = InFlightExitGame.getInFlightExitOutputBlockedEventFromLog(log);
          return new PiggybackBlocked(
              e.ifeId,
              Address.fromHex(e.challenger),
              true,
              e.outputIndex.intValueExact(),
              block(log));
        },
        InFlightExitGame.INFLIGHTEXITINPUTBLOCKED_EVENT,
        InFlightExitGame.INFLIGHTEXITOUTPUTBLOCKED_EVENT);
  }

  @Override
  public List<InFlightExitFinalized> inFlightExitsFinalized(long from, long to) {
    return logs(
        inFlightExitGame,
        from,
        to,
        log -> {
          var e = InFlightExitGame.getInFlightExitFinalizedEventFromLog(log);
          return new InFlightExitFinalized(
              e.ifeId, Address.fromHex(e.token), e.canonical, block(log));
        },
        InFlightExitGame.INFLIGHTEXITFINALIZED_EVENT);
  }

  @Override
  public List<MassExitStarted> massExitsStarted(long from, long to) {
    return logs(
        massExitGame,
        from,
        to,
        log -> {
          var e = MassExitGame.getMassExitStartedEventFromLog(log);
          return new MassExitStarted(
              e.batchId,
              Address.fromHex(e.initiator),
              Address.fromHex(e.token),
              e.exitableAt.longValueExact(),
              e.youngestPosition.longValueExact(),
              e.leaves.stream().map(Web3jExitGameEvents::leaf).toList(),
              block(log));
        },
        MassExitGame.MASSEXITSTARTED_EVENT);
  }

  static MassExitLeaf leaf(MassExitGame.MassExitLeaf l) {
    return new MassExitLeaf(
        l.position.longValueExact(), new Bytes32(l.outputKey), Address.fromHex(l.owner), l.amount);
  }

  @Override
  public List<MassExitOutputChallenged> massExitOutputsChallenged(long from, long to) {
    return logs(
        massExitGame,
        from,
        to,
        log -> {
          var e = MassExitGame.getMassExitOutputChallengedEventFromLog(log);
          return new MassExitOutputChallenged(
              e.batchId,
              Address.fromHex(e.challenger),
              e.leafIndex.intValueExact(),
              e.position.longValueExact(),
              block(log));
        },
        MassExitGame.MASSEXITOUTPUTCHALLENGED_EVENT);
  }

  @Override
  public List<MassExitFinalized> massExitsFinalized(long from, long to) {
    return logs(
        massExitGame,
        from,
        to,
        log -> {
          var e = MassExitGame.getMassExitFinalizedEventFromLog(log);
          return new MassExitFinalized(e.batchId, Address.fromHex(e.token), block(log));
        },
        MassExitGame.MASSEXITFINALIZED_EVENT);
  }

  @Override
  public List<MassExitOutputPaid> massExitOutputsPaid(long from, long to) {
    return logs(
        massExitGame,
        from,
        to,
        log -> {
          var e = MassExitGame.getMassExitOutputPaidEventFromLog(log);
          return new MassExitOutputPaid(
              e.batchId,
              Address.fromHex(e.owner),
              e.position.longValueExact(),
              e.amount,
              block(log));
        },
        MassExitGame.MASSEXITOUTPUTPAID_EVENT);
  }

  @Override
  public List<PiggybackPaid> piggybacksPaid(long from, long to) {
    String inputTopic = EventEncoder.encode(InFlightExitGame.INFLIGHTEXITINPUTWITHDRAWN_EVENT);
    return logs(
        inFlightExitGame,
        from,
        to,
        log -> {
          if (topic(log).equals(inputTopic)) {
            var e = InFlightExitGame.getInFlightExitInputWithdrawnEventFromLog(log);
            return new PiggybackPaid(
                e.ifeId,
                Address.fromHex(e.owner),
                false,
                e.inputIndex.intValueExact(),
                Address.fromHex(e.token),
                e.amount,
                block(log));
          }
          var e = InFlightExitGame.getInFlightExitOutputWithdrawnEventFromLog(log);
          return new PiggybackPaid(
              e.ifeId,
              Address.fromHex(e.owner),
              true,
              e.outputIndex.intValueExact(),
              Address.fromHex(e.token),
              e.amount,
              block(log));
        },
        InFlightExitGame.INFLIGHTEXITINPUTWITHDRAWN_EVENT,
        InFlightExitGame.INFLIGHTEXITOUTPUTWITHDRAWN_EVENT);
  }

  @Override
  public List<ExitOmitted> exitsOmitted(long from, long to) {
    return logs(
        framework,
        from,
        to,
        log -> {
          var e = PlasmaFramework.getExitOmittedEventFromLog(log);
          return new ExitOmitted(e.position.longValueExact(), Address.fromHex(e.owner), block(log));
        },
        PlasmaFramework.EXITOMITTED_EVENT);
  }

  @Override
  public List<ExitDeferred> exitsDeferred(long from, long to) {
    return logs(
        framework,
        from,
        to,
        log -> {
          var e = PlasmaFramework.getExitDeferredEventFromLog(log);
          return new ExitDeferred(
              Address.fromHex(e.token), e.entry, Bytes.of(e.reason), block(log));
        },
        PlasmaFramework.EXITDEFERRED_EVENT);
  }

  @Override
  public List<DeferredExitRetried> deferredExitsRetried(long from, long to) {
    return logs(
        framework,
        from,
        to,
        log -> {
          var e = PlasmaFramework.getDeferredExitRetriedEventFromLog(log);
          return new DeferredExitRetried(
              Address.fromHex(e.token), e.entry, Address.fromHex(e.processor), block(log));
        },
        PlasmaFramework.DEFERREDEXITRETRIED_EVENT);
  }

  /** The port's convention: 0 for a competitor that is not included, whatever the game stores. */
  static long includedPosition(BigInteger stored) {
    return stored.compareTo(LARGEST_POSITION) > 0 ? 0 : stored.longValueExact();
  }

  private static long block(Log log) {
    return EventLogs.block(log);
  }

  private static String topic(Log log) {
    return EventLogs.topic(log);
  }

  private <T> List<T> logs(
      Address contract, long from, long to, Function<Log, T> decode, Event... events) {
    return new EventLogs(web3j).of(contract, from, to, decode, events);
  }
}
