package org.plasma4j.operator.testing;

import java.math.BigInteger;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The in-flight exit and mass exit games for unit tests: each action is one event in a new block of
 * the {@link FakeRootChain} it shares, so confirmations and ranges behave like the real port, which
 * {@link #port()} gives.
 */
public final class FakeExitGames {

  private final FakeRootChain chain;
  private final List<InFlightExitStarted> started = new ArrayList<>();
  private final List<Piggybacked> piggybacks = new ArrayList<>();
  private final List<MassExitStarted> massExits = new ArrayList<>();

  public FakeExitGames(FakeRootChain chain) {
    this.chain = chain;
  }

  private long nextBlock() {
    chain.advance(1);
    return chain.headBlockNumber();
  }

  /** Starts an in-flight exit of {@code tx}; returns its ifeId. */
  public synchronized BigInteger startInFlightExit(Transaction tx, Address initiator) {
    byte[] txBytes = tx.encode();
    BigInteger ifeId = InFlightExitId.of(txBytes);
    long youngest = tx.inputs().stream().mapToLong(OutputPosition::encode).max().orElseThrow();
    long l1Block = nextBlock();
    started.add(new InFlightExitStarted(
        ifeId, initiator, tx.hash(), youngest, chain.headTimestamp(), Bytes.wrap(txBytes), l1Block));
    return ifeId;
  }

  public synchronized void piggyback(BigInteger ifeId, Address owner, boolean output, int index) {
    piggybacks.add(new Piggybacked(ifeId, owner, output, index, nextBlock()));
  }

  public synchronized void startMassExit(Address initiator, List<OutputPosition> positions) {
    List<MassExitLeaf> leaves =
        positions.stream()
            .map(p -> new MassExitLeaf(p.encode(), Bytes32.ofUint(p.encode()), initiator, BigInteger.ONE))
            .toList();
    long youngest = positions.stream().mapToLong(OutputPosition::encode).max().orElseThrow();
    massExits.add(new MassExitStarted(
        BigInteger.valueOf(massExits.size() + 1), initiator, Address.ZERO, chain.headTimestamp(), youngest,
        leaves, nextBlock()));
  }

  /** The port over the events so far; kinds this fake never emits are always empty. */
  public ExitGameEvents port() {
    return (ExitGameEvents) Proxy.newProxyInstance(
        ExitGameEvents.class.getClassLoader(), new Class<?>[] {ExitGameEvents.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "inFlightExitsStarted" -> range(started, InFlightExitStarted::l1Block, args);
          case "piggybacks" -> range(piggybacks, Piggybacked::l1Block, args);
          case "massExitsStarted" -> range(massExits, MassExitStarted::l1Block, args);
          case "toString" -> "FakeExitGames";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> List.of();
        });
  }

  private <T> List<T> range(List<T> events, ToLongFunction<T> l1Block, Object[] fromTo) {
    long from = (Long) fromTo[0];
    long to = (Long) fromTo[1];
    synchronized (this) {
      return events.stream().filter(e -> l1Block.applyAsLong(e) >= from && l1Block.applyAsLong(e) <= to).toList();
    }
  }
}
