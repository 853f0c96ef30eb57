package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

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

  /** A view whose events the watcher has just given. */
  public ChainView(
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
      Map<Address, Long> queueHeads) {
    this(
        l1Timestamp,
        nowMillis,
        events,
        ownedOutputs,
        includedTxs,
        inFlightExits,
        finalizedExits,
        finalizedMassExits,
        withdrawnMassExits,
        challengedExits,
        queueHeads,
        true);
  }

  /** A view with no exit challenged and no queue head known. */
  public ChainView(
      long l1Timestamp,
      long nowMillis,
      List<ByzantineEvent> events,
      List<OwnedOutput> ownedOutputs,
      Set<Bytes32> includedTxs,
      List<ObservedIfe> inFlightExits,
      Set<Long> finalizedExits,
      Set<BigInteger> finalizedMassExits,
      Set<BigInteger> withdrawnMassExits,
      boolean eventsFresh) {
    this(
        l1Timestamp,
        nowMillis,
        events,
        ownedOutputs,
        includedTxs,
        inFlightExits,
        finalizedExits,
        finalizedMassExits,
        withdrawnMassExits,
        Set.of(),
        Map.of(),
        eventsFresh);
  }

  /**
   * A view whose events the watcher has just given, with no exit challenged and no queue head
   * known.
   */
  public ChainView(
      long l1Timestamp,
      long nowMillis,
      List<ByzantineEvent> events,
      List<OwnedOutput> ownedOutputs,
      Set<Bytes32> includedTxs,
      List<ObservedIfe> inFlightExits,
      Set<Long> finalizedExits,
      Set<BigInteger> finalizedMassExits,
      Set<BigInteger> withdrawnMassExits) {
    this(
        l1Timestamp,
        nowMillis,
        events,
        ownedOutputs,
        includedTxs,
        inFlightExits,
        finalizedExits,
        finalizedMassExits,
        withdrawnMassExits,
        true);
  }

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
}
