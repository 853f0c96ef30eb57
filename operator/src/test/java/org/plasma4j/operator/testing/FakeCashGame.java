package org.plasma4j.operator.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.rootchain.CashGameEvents.CoinDeposited;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitCancelled;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitFinalized;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitStarted;
import org.plasma4j.core.rootchain.CashGameEvents.CoinWithdrawn;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;

/**
 * The cash exit game for unit tests: each action is one event in a new block of the
 * {@link FakeRootChain} it shares, slots are numbered like the game's, and {@link #port()} reads
 * them by range like the real port.
 */
public final class FakeCashGame {

  private final FakeRootChain chain;
  private final List<CoinDeposited> deposits = new ArrayList<>();
  private final List<CoinExitStarted> started = new ArrayList<>();
  private final List<CoinExitCancelled> cancelled = new ArrayList<>();
  private final List<CoinExitFinalized> finalized = new ArrayList<>();
  private final List<CoinWithdrawn> withdrawn = new ArrayList<>();

  public FakeCashGame(FakeRootChain chain) {
    this.chain = chain;
  }

  private long nextBlock() {
    chain.advance(1);
    return chain.headBlockNumber();
  }

  /** An ETH coin of {@code wei}; returns its slot. Its origin block is the last child block. */
  public synchronized long depositEth(Address owner, long wei) {
    return deposit(owner, Address.ZERO, 0, BigInteger.valueOf(wei));
  }

  public synchronized long deposit(Address owner, Address token, int kind, BigInteger value) {
    long slot = deposits.size();
    long origin = chain.nextChildBlock() - BlockNumbers.CHILD_BLOCK_INTERVAL;
    deposits.add(new CoinDeposited(slot, owner, token, kind, value, origin, nextBlock()));
    return slot;
  }

  public synchronized void startExit(long slot, Address owner, long exitBlock) {
    started.add(new CoinExitStarted(slot, owner, exitBlock, 0, started.size() + 1, nextBlock()));
  }

  /** {@code owner}'s exit of the coin fails (challenged). */
  public synchronized void cancelExit(long slot, Address owner) {
    cancelled.add(new CoinExitCancelled(slot, owner, Address.ZERO, 1, nextBlock()));
  }

  public synchronized void finalizeExit(long slot, Address owner) {
    finalized.add(new CoinExitFinalized(slot, owner, BigInteger.ZERO, nextBlock()));
  }

  public synchronized void withdraw(long slot, Address owner) {
    withdrawn.add(new CoinWithdrawn(slot, owner, owner, nextBlock()));
  }

  /** The port over the events so far; kinds this fake never emits are always empty. */
  public CashGameEvents port() {
    return EventPort.of(
        CashGameEvents.class,
        this,
        Map.of(
            "coinsDeposited", new EventPort.Events<>(deposits, CoinDeposited::l1Block),
            "coinExitsStarted", new EventPort.Events<>(started, CoinExitStarted::l1Block),
            "coinExitsCancelled", new EventPort.Events<>(cancelled, CoinExitCancelled::l1Block),
            "coinExitsFinalized", new EventPort.Events<>(finalized, CoinExitFinalized::l1Block),
            "coinsWithdrawn", new EventPort.Events<>(withdrawn, CoinWithdrawn::l1Block)));
  }
}
