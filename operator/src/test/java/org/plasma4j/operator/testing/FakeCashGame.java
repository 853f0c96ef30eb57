package org.plasma4j.operator.testing;

import java.math.BigInteger;
import org.plasma4j.core.rootchain.CashGameEvents.CoinDeposited;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitCancelled;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitFinalized;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitStarted;
import org.plasma4j.core.rootchain.CashGameEvents.CoinWithdrawn;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;

/**
 * The cash exit game for unit tests: each action is one event in a new block of the root chain of
 * the {@link InMemoryRootChain} it shares (read in the one stream with the framework's events), and
 * slots are numbered like the game's.
 */
public final class FakeCashGame {

  private final InMemoryRootChain chain;
  private long slots;
  private long claims;

  public FakeCashGame(InMemoryRootChain chain) {
    this.chain = chain;
  }

  private void emit(L1Event event) {
    chain.l1().appendInNewBlock(event);
  }

  /** An ETH coin of {@code wei}; returns its slot. Its origin block is the last child block. */
  public synchronized long depositEth(Address owner, long wei) {
    return deposit(owner, Address.ZERO, 0, BigInteger.valueOf(wei));
  }

  public synchronized long deposit(Address owner, Address token, int kind, BigInteger value) {
    long slot = slots++;
    long origin = chain.nextChildBlock() - BlockNumbers.CHILD_BLOCK_INTERVAL;
    emit(new CoinDeposited(slot, owner, token, kind, value, origin, LogPlace.inBlock(0)));
    return slot;
  }

  public synchronized void startExit(long slot, Address owner, long exitBlock) {
    emit(new CoinExitStarted(slot, owner, exitBlock, 0, ++claims, LogPlace.inBlock(0)));
  }

  /** {@code owner}'s exit of the coin fails (challenged). */
  public synchronized void cancelExit(long slot, Address owner) {
    emit(new CoinExitCancelled(slot, owner, Address.ZERO, 1, LogPlace.inBlock(0)));
  }

  public synchronized void finalizeExit(long slot, Address owner) {
    emit(new CoinExitFinalized(slot, owner, BigInteger.ZERO, LogPlace.inBlock(0)));
  }

  public synchronized void withdraw(long slot, Address owner) {
    emit(new CoinWithdrawn(slot, owner, owner, LogPlace.inBlock(0)));
  }
}
