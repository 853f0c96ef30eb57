package org.plasma4j.rootchain;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;
import org.plasma4j.contracts.generated.CashExitGame;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The {@link CashGameEvents} port over JSON-RPC: eth_getLogs on the cash exit game (and, for coin
 * roots, on the framework), decoded with the bindings generated from their ABIs.
 */
public final class Web3jCashGameEvents implements CashGameEvents {

  /** The framework's registry kind of the cash game (docs/protocol.md 9.5). */
  static final BigInteger EXIT_KIND_CASH = BigInteger.valueOf(3);

  private final EventLogs logs;
  private final Address framework;
  private final Address cashGame;

  public Web3jCashGameEvents(Web3j web3j, Address framework, Address cashExitGame) {
    this.logs = new EventLogs(web3j);
    this.framework = framework;
    this.cashGame = cashExitGame;
  }

  /** Reads the cash game's address from the framework ({@code exitGame(3)}). */
  public static Web3jCashGameEvents forFramework(Web3j web3j, Address framework) {
    return new Web3jCashGameEvents(web3j, framework, cashGameOf(web3j, framework));
  }

  /** The cash exit game {@code framework} registered; fails if none is. */
  public static Address cashGameOf(Web3j web3j, Address framework) {
    Address game = Address.fromHex(L1Calls.read(
        () -> Contracts.readOnly(web3j, framework).exitGame(EXIT_KIND_CASH).send()));
    if (game.isZero()) {
      throw new Web3jRootChain.RootChainException(
          "the framework at " + framework + " has no cash game", null);
    }
    return game;
  }

  public Address cashGame() {
    return cashGame;
  }

  /**
   * uint64 slots and block numbers travel in a long, above 2^63 - 1 as negative (docs/protocol.md
   * section 9).
   */
  static long u64(BigInteger value) {
    return value.longValue();
  }

  private static long block(Log log) {
    return EventLogs.block(log);
  }

  private <T> List<T> game(long from, long to, Event event, Function<Log, T> decode) {
    return logs.of(cashGame, from, to, decode, event);
  }

  @Override
  public List<CoinDeposited> coinsDeposited(long from, long to) {
    return game(from, to, CashExitGame.COINDEPOSITED_EVENT, log -> {
      var e = CashExitGame.getCoinDepositedEventFromLog(log);
      return new CoinDeposited(
          u64(e.slot),
          Address.fromHex(e.owner),
          Address.fromHex(e.token),
          e.kind.intValueExact(),
          e.value,
          u64(e.originBlock),
          block(log));
    });
  }

  @Override
  public List<CoinExitStarted> coinExitsStarted(long from, long to) {
    return game(from, to, CashExitGame.COINEXITSTARTED_EVENT, log -> {
      var e = CashExitGame.getCoinExitStartedEventFromLog(log);
      return new CoinExitStarted(
          u64(e.slot),
          Address.fromHex(e.owner),
          u64(e.exitBlock),
          u64(e.prevBlock),
          u64(e.claimId),
          block(log));
    });
  }

  @Override
  public List<CoinExitCancelled> coinExitsCancelled(long from, long to) {
    return game(from, to, CashExitGame.COINEXITCANCELLED_EVENT, log -> {
      var e = CashExitGame.getCoinExitCancelledEventFromLog(log);
      return new CoinExitCancelled(
          u64(e.slot),
          Address.fromHex(e.owner),
          Address.fromHex(e.challenger),
          e.reason.intValueExact(),
          block(log));
    });
  }

  @Override
  public List<CoinExitFinalized> coinExitsFinalized(long from, long to) {
    return game(from, to, CashExitGame.COINEXITFINALIZED_EVENT, log -> {
      var e = CashExitGame.getCoinExitFinalizedEventFromLog(log);
      return new CoinExitFinalized(u64(e.slot), Address.fromHex(e.owner), e.forfeits, block(log));
    });
  }

  @Override
  public List<CoinChallenged> coinsChallenged(long from, long to) {
    return game(from, to, CashExitGame.COINCHALLENGED_EVENT, log -> {
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
          block(log));
    });
  }

  @Override
  public List<CoinChallengeAnswered> coinChallengesAnswered(long from, long to) {
    return game(from, to, CashExitGame.COINCHALLENGEANSWERED_EVENT, log -> {
      var e = CashExitGame.getCoinChallengeAnsweredEventFromLog(log);
      return new CoinChallengeAnswered(
          u64(e.slot),
          Address.fromHex(e.claimant),
          e.onCheckpoint,
          u64(e.blk),
          Address.fromHex(e.responder),
          e.amount,
          block(log));
    });
  }

  @Override
  public List<CheckpointStarted> checkpointsStarted(long from, long to) {
    return game(from, to, CashExitGame.CHECKPOINTSTARTED_EVENT, log -> {
      var e = CashExitGame.getCheckpointStartedEventFromLog(log);
      return new CheckpointStarted(
          u64(e.slot),
          Address.fromHex(e.owner),
          u64(e.exitBlock),
          u64(e.prevBlock),
          u64(e.claimId),
          block(log));
    });
  }

  @Override
  public List<CheckpointCancelled> checkpointsCancelled(long from, long to) {
    return game(from, to, CashExitGame.CHECKPOINTCANCELLED_EVENT, log -> {
      var e = CashExitGame.getCheckpointCancelledEventFromLog(log);
      return new CheckpointCancelled(
          u64(e.slot),
          Address.fromHex(e.owner),
          Address.fromHex(e.challenger),
          e.reason.intValueExact(),
          block(log));
    });
  }

  @Override
  public List<CheckpointFinalized> checkpointsFinalized(long from, long to) {
    return game(from, to, CashExitGame.CHECKPOINTFINALIZED_EVENT, log -> {
      var e = CashExitGame.getCheckpointFinalizedEventFromLog(log);
      return new CheckpointFinalized(u64(e.slot), u64(e.blk), Address.fromHex(e.owner), block(log));
    });
  }

  @Override
  public List<CoinWithdrawn> coinsWithdrawn(long from, long to) {
    return game(from, to, CashExitGame.COINWITHDRAWN_EVENT, log -> {
      var e = CashExitGame.getCoinWithdrawnEventFromLog(log);
      return new CoinWithdrawn(
          u64(e.slot), Address.fromHex(e.owner), Address.fromHex(e.to), block(log));
    });
  }

  @Override
  public List<CoinRootSubmitted> coinRootsSubmitted(long from, long to) {
    return logs.of(
        framework,
        from,
        to,
        log -> {
          var e = PlasmaFramework.getCoinRootSubmittedEventFromLog(log);
          return new CoinRootSubmitted(u64(e.blkNum), new Bytes32(e.coinRoot), block(log));
        },
        PlasmaFramework.COINROOTSUBMITTED_EVENT);
  }
}
