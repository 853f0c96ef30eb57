package org.plasma4j.operator.cash;

import java.util.List;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.rootchain.CashGameEvents.CoinDeposited;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitCancelled;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitFinalized;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitStarted;
import org.plasma4j.core.rootchain.CashGameEvents.CoinWithdrawn;

/**
 * The cash game's events that change what the operator accepts, for one range of root-chain blocks.
 */
public record CoinEvents(
    List<CoinDeposited> deposited,
    List<CoinExitStarted> exitsStarted,
    List<CoinExitCancelled> exitsCancelled,
    List<CoinExitFinalized> exitsFinalized,
    List<CoinWithdrawn> withdrawn) {

  public static final CoinEvents NONE =
      new CoinEvents(List.of(), List.of(), List.of(), List.of(), List.of());

  public static CoinEvents read(CashGameEvents game, long from, long to) {
    return new CoinEvents(
        game.coinsDeposited(from, to),
        game.coinExitsStarted(from, to),
        game.coinExitsCancelled(from, to),
        game.coinExitsFinalized(from, to),
        game.coinsWithdrawn(from, to));
  }

  public boolean isEmpty() {
    return deposited.isEmpty()
        && exitsStarted.isEmpty()
        && exitsCancelled.isEmpty()
        && exitsFinalized.isEmpty()
        && withdrawn.isEmpty();
  }
}
