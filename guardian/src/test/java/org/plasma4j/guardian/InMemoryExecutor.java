package org.plasma4j.guardian;

import static org.plasma4j.guardian.GuardianFixture.ALICE;
import static org.plasma4j.guardian.GuardianFixture.L1_START;
import static org.plasma4j.guardian.GuardianFixture.MEP;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/**
 * The guardian's keys on the shared in-memory root chain ({@link InMemoryRootChain}): each action
 * is one transaction (hash 0x1, 0x2, ...), bond 10 and gas 7 wei, mined in a root-chain block of
 * its own (a standard exit with its ExitStarted event) unless the test holds mining back; the test
 * can drop a mined transaction (a reorg of its block) or re-pend it, run the sender out of funds,
 * and crash the guardian right after a broadcast. The chain's clock moves only when the test moves
 * it.
 */
final class InMemoryExecutor implements ExitStatus, ActionExecutor {

  /**
   * What a kill -9 leaves: nothing after the throw runs, the journal on disk is all that remains.
   */
  static final class Crash extends Error {
    Crash() {
      super("killed");
    }
  }

  record Tx(Action action, long block) {}

  static final BigInteger BOND = BigInteger.TEN;
  static final BigInteger GAS = BigInteger.valueOf(7);

  final List<Action> executed = new ArrayList<>();
  final Map<String, Tx> txs = new LinkedHashMap<>();
  final Map<Address, BigInteger> balances = new HashMap<>();
  final Map<Long, Integer> exitStates = new HashMap<>();
  final Map<BigInteger, List<Long>> batches = new LinkedHashMap<>();
  final InMemoryRootChain chain = new InMemoryRootChain(
      new RootChain.ChainInfo(Fixtures.CHAIN_ID, Fixtures.FRAMEWORK, ALICE.address(), MEP),
      100,
      L1_START,
      0);
  boolean down;
  boolean failing;
  boolean processed;
  boolean holdMining;
  boolean crashAfterBroadcast;
  boolean crashBeforeBroadcast;
  Optional<Long> queueHead = Optional.of(0L);
  int attempts;
  private int sent;

  @Override
  public Outcome execute(Action action, Consumer<String> broadcasting) {
    attempts++;
    if (failing) {
      throw new IllegalStateException("startStandardExit reverted: ExitAlreadyStarted()");
    }
    String hash = "0x" + Integer.toHexString(++sent);
    broadcasting.accept(hash);
    if (crashBeforeBroadcast) {
      crashBeforeBroadcast = false;
      throw new Crash();
    }
    BigInteger funds = balance(sender(action));
    if (funds.compareTo(BOND.add(GAS)) < 0) {
      throw new IllegalStateException("insufficient funds for gas * price + value: have " + funds);
    }
    balances.put(sender(action), funds.subtract(BOND).subtract(GAS));
    txs.put(hash, new Tx(action, holdMining ? 0 : mined(action)));
    if (crashAfterBroadcast) {
      crashAfterBroadcast = false;
      throw new Crash();
    }
    if (holdMining) {
      throw new IllegalStateException(
          action.describe() + " was sent as " + hash + " but its receipt did not come in time");
    }
    return outcome(hash, txs.get(hash));
  }

  /** Mines {@code action} in a block of its own, without moving the clock; returns the block. */
  private long mined(Action action) {
    long now = chain.headTimestamp();
    switch (action) {
      case Action.StartStandardExit a ->
        chain.startExit(OutputPosition.decode(a.output().position()), a.output().owner());
      default -> chain.mine();
    }
    chain.setHeadTimestamp(now);
    applied(action);
    return chain.headBlockNumber();
  }

  private void applied(Action action) {
    executed.add(action);
    switch (action) {
      case Action.StartStandardExit a -> exitStates.put(a.output().position(), EXIT_EXITING);
      case Action.StartMassExit a ->
        batches.put(BigInteger.valueOf(batches.size() + 1), a.positions());
      default -> {}
    }
  }

  private void undone(Action action) {
    executed.remove(action);
    switch (action) {
      case Action.StartStandardExit a -> exitStates.remove(a.output().position());
      case Action.StartMassExit a -> batches.values().removeIf(p -> p.equals(a.positions()));
      default -> {}
    }
  }

  private Outcome outcome(String hash, Tx tx) {
    BigInteger batch = tx.action() instanceof Action.StartMassExit m
        ? batches.entrySet().stream()
            .filter(e -> e.getValue().equals(m.positions()))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow()
        : BigInteger.ZERO;
    return new Outcome(hash, BOND, GAS, now() + MEP, batch, tx.block());
  }

  /** Mines every pending transaction, each in a block of its own. */
  void mine() {
    txs.replaceAll((h, t) -> {
      if (t.block() != 0) {
        return t;
      }
      return new Tx(t.action(), mined(t.action()));
    });
  }

  /** A reorg of its block drops the transaction altogether (its effect and events with it). */
  void drop(String hash) {
    Tx t = txs.remove(hash);
    if (t.block() != 0) {
      chain.reorgFrom(t.block());
      undone(t.action());
    }
  }

  /** Blocks on top of the head. */
  void advance(int blocks) {
    long now = chain.headTimestamp();
    chain.advance(blocks);
    chain.setHeadTimestamp(now);
  }

  /** The head block's time. */
  long now() {
    return chain.headTimestamp();
  }

  /** Moves the head block's time. */
  void setNow(long seconds) {
    chain.setHeadTimestamp(seconds);
  }

  @Override
  public Reconciled reconcile(JournalEntry entry) {
    down();
    List<String> hashes = new ArrayList<>(entry.l1TxHashes());
    java.util.Collections.reverse(hashes);
    for (String h : hashes) {
      Tx t = txs.get(h);
      if (t != null && t.block() != 0) {
        return new Reconciled.Mined(outcome(h, t));
      }
    }
    for (String h : hashes) {
      if (txs.containsKey(h)) {
        return new Reconciled.Pending(h);
      }
    }
    return new Reconciled.Dropped();
  }

  @Override
  public Address sender(Action action) {
    return switch (action) {
      case Action.StartStandardExit a -> a.output().owner();
      case Action.StartMassExit a -> a.owner();
      case Action.StartInFlightExit a -> a.initiator();
      case Action.Piggyback a -> a.owner();
      default -> ALICE.address();
    };
  }

  private void down() {
    if (down) {
      throw new IllegalStateException("root chain unreachable");
    }
  }

  @Override
  public long headTimestamp() {
    down();
    return now();
  }

  @Override
  public long headBlock() {
    down();
    return chain.headBlockNumber();
  }

  @Override
  public Optional<InFlightExitState> inFlightExit(BigInteger ifeId) {
    return Optional.empty();
  }

  @Override
  public int standardExitState(long position) {
    return processed ? EXIT_PROCESSED : exitStates.getOrDefault(position, EXIT_NONE);
  }

  @Override
  public int massExitState(BigInteger batchId) {
    return 0;
  }

  @Override
  public Optional<Long> queueHeadExitableAt(Address token) {
    return queueHead;
  }

  @Override
  public BigInteger balance(Address who) {
    return balances.getOrDefault(who, BigInteger.TEN.pow(18));
  }
}
