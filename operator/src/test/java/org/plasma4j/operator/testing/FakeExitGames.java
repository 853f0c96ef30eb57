package org.plasma4j.operator.testing;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The in-flight exit and mass exit games for unit tests: each action is one event in a new block of
 * the root chain of the {@link InMemoryRootChain} it shares, so the node reads it in the one stream
 * with the framework's, and confirmations and ranges behave like the real port.
 */
public final class FakeExitGames {

  private final InMemoryRootChain chain;
  private int massExits;

  public FakeExitGames(InMemoryRootChain chain) {
    this.chain = chain;
  }

  /** Starts an in-flight exit of {@code tx}; returns its ifeId. */
  public synchronized BigInteger startInFlightExit(Transaction tx, Address initiator) {
    byte[] txBytes = tx.encode();
    BigInteger ifeId = InFlightExitId.of(txBytes);
    long youngest = tx.inputs().stream().mapToLong(OutputPosition::encode).max().orElseThrow();
    chain.advance(1);
    chain
        .l1()
        .appendAtHead(new InFlightExitStarted(
            ifeId,
            initiator,
            tx.hash(),
            youngest,
            chain.headTimestamp(),
            Bytes.wrap(txBytes),
            List.of(),
            LogPlace.inBlock(0)));
    return ifeId;
  }

  public synchronized void piggyback(BigInteger ifeId, Address owner, boolean output, int index) {
    chain.l1().appendInNewBlock(new Piggybacked(ifeId, owner, output, index, LogPlace.inBlock(0)));
  }

  public synchronized void startMassExit(Address initiator, List<OutputPosition> positions) {
    List<MassExitLeaf> leaves = positions.stream()
        .map(p ->
            new MassExitLeaf(p.encode(), Bytes32.ofUint(p.encode()), initiator, BigInteger.ONE))
        .toList();
    long youngest = positions.stream().mapToLong(OutputPosition::encode).max().orElseThrow();
    long exitableAt = chain.headTimestamp();
    chain
        .l1()
        .appendInNewBlock(new MassExitStarted(
            BigInteger.valueOf(++massExits),
            initiator,
            Address.ZERO,
            exitableAt,
            youngest,
            leaves,
            LogPlace.inBlock(0)));
  }
}
