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
import org.plasma4j.core.types.Address;

/**
 * A root chain for the guardian's unit tests: each action is one transaction (hash 0x1, 0x2, ...),
 * bond 10 and gas 7 wei, mined in a block of its own unless the test holds mining back; the test
 * can drop or re-pend transactions (a reorg), run the sender out of funds, and crash the guardian
 * right after a broadcast.
 */
final class FakeL1 implements ExitStatus, ActionExecutor {

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
  long now = L1_START;
  long head = 100;
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
    txs.put(hash, new Tx(action, holdMining ? 0 : ++head));
    if (!holdMining) {
      applied(action);
    }
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
    return new Outcome(hash, BOND, GAS, now + MEP, batch, tx.block());
  }

  /** Mines every pending transaction, each in a block of its own. */
  void mine() {
    txs.replaceAll((h, t) -> {
      if (t.block() != 0) {
        return t;
      }
      applied(t.action());
      return new Tx(t.action(), ++head);
    });
  }

  /** A reorg drops the transaction altogether (its effect with it). */
  void drop(String hash) {
    Tx t = txs.remove(hash);
    if (t.block() != 0) {
      undone(t.action());
    }
  }

  /** Blocks on top of the head. */
  void advance(int blocks) {
    head += blocks;
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
    return now;
  }

  @Override
  public long headBlock() {
    down();
    return head;
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
