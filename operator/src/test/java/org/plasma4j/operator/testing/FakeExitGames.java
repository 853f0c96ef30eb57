package org.plasma4j.operator.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        ifeId,
        initiator,
        tx.hash(),
        youngest,
        chain.headTimestamp(),
        Bytes.wrap(txBytes),
        l1Block));
    return ifeId;
  }

  public synchronized void piggyback(BigInteger ifeId, Address owner, boolean output, int index) {
    piggybacks.add(new Piggybacked(ifeId, owner, output, index, nextBlock()));
  }

  public synchronized void startMassExit(Address initiator, List<OutputPosition> positions) {
    List<MassExitLeaf> leaves = positions.stream()
        .map(p ->
            new MassExitLeaf(p.encode(), Bytes32.ofUint(p.encode()), initiator, BigInteger.ONE))
        .toList();
    long youngest = positions.stream().mapToLong(OutputPosition::encode).max().orElseThrow();
    massExits.add(new MassExitStarted(
        BigInteger.valueOf(massExits.size() + 1),
        initiator,
        Address.ZERO,
        chain.headTimestamp(),
        youngest,
        leaves,
        nextBlock()));
  }

  /** The port over the events so far; kinds this fake never emits are always empty. */
  public ExitGameEvents port() {
    return EventPort.of(
        ExitGameEvents.class,
        this,
        Map.of(
            "inFlightExitsStarted", new EventPort.Events<>(started, InFlightExitStarted::l1Block),
            "piggybacks", new EventPort.Events<>(piggybacks, Piggybacked::l1Block),
            "massExitsStarted", new EventPort.Events<>(massExits, MassExitStarted::l1Block)));
  }
}
