package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.config.RecordEdit;

/**
 * What the guardian knows of the chains at one moment, from its watcher and the root chain.
 *
 * @param l1Timestamp timestamp of the root chain's head, in seconds: the clock of every exit
 *     deadline
 * @param nowMillis wall-clock time: the clock of the inclusion timeout
 * @param events the byzantine events whose cause stands now, as the watcher reports them
 * @param ownedOutputs unspent outputs of the guardian's keys in blocks the watcher found valid
 * @param includedTxs hashes of the guardian's sent transactions that the watcher has seen in a
 *     valid block (they are no longer in flight)
 * @param inFlightExits in-flight exits on the root chain that touch the guardian's keys
 * @param finalizedExits positions whose standard exits have been processed
 * @param finalizedMassExits mass-exit batches that have been processed
 * @param withdrawnMassExits processed batches whose outputs have been paid out
 * @param challengedExits positions whose standard exits, started by the guardian, were challenged
 *     away
 * @param queueHeads per token of the guardian's exits, when the head of its exit queue may be
 *     processed (no entry: the queue is empty): processExits is paid for only when the head has
 *     matured
 * @param eventsFresh whether {@code events} is the watcher's answer in this run (else nothing is
 *     known of the present, and the guardian keeps its last judgement)
 */
public record ChainView(
    long l1Timestamp,
    long nowMillis,
    List<ByzantineEvent> events,
    List<OwnedOutput> ownedOutputs,
    Set<Bytes32> includedTxs,
    List<ObservedIfe> inFlightExits,
    Set<Long> finalizedExits,
    Set<BigInteger> finalizedMassExits,
    Set<BigInteger> withdrawnMassExits,
    Set<Long> challengedExits,
    Map<Address, Long> queueHeads,
    boolean eventsFresh) {

  public ChainView {
    events = List.copyOf(events);
    ownedOutputs = List.copyOf(ownedOutputs);
    includedTxs = Set.copyOf(includedTxs);
    inFlightExits = List.copyOf(inFlightExits);
    finalizedExits = Set.copyOf(finalizedExits);
    finalizedMassExits = Set.copyOf(finalizedMassExits);
    withdrawnMassExits = Set.copyOf(withdrawnMassExits);
    challengedExits = Set.copyOf(challengedExits);
    queueHeads = Map.copyOf(queueHeads);
  }

  /**
   * A view at root-chain time {@code l1Timestamp} and wall-clock {@code nowMillis} whose events the
   * watcher has just given, with nothing else known until set ({@link #with}).
   */
  public static ChainView at(long l1Timestamp, long nowMillis) {
    return new ChainView(
        l1Timestamp,
        nowMillis,
        List.of(),
        List.of(),
        Set.of(),
        List.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        Map.of(),
        true);
  }

  /**
   * This view with the values {@code change} sets on a copy of it ({@code c -> c.eventsFresh =
   * false}), checked as the constructor checks them.
   */
  public ChainView with(Consumer<Values> change) {
    return RecordEdit.with(this, new Values(), change);
  }

  /** The values of a {@link ChainView} while they are being changed; see {@link #with}. */
  public static final class Values {
    public long l1Timestamp;
    public long nowMillis;
    public List<ByzantineEvent> events;
    public List<OwnedOutput> ownedOutputs;
    public Set<Bytes32> includedTxs;
    public List<ObservedIfe> inFlightExits;
    public Set<Long> finalizedExits;
    public Set<BigInteger> finalizedMassExits;
    public Set<BigInteger> withdrawnMassExits;
    public Set<Long> challengedExits;
    public Map<Address, Long> queueHeads;
    public boolean eventsFresh;

    private Values() {}
  }
}
