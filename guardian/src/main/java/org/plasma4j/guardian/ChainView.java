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
   * watcher has just given, with nothing else known until set.
   */
  public static Builder at(long l1Timestamp, long nowMillis) {
    return new Builder().l1Timestamp(l1Timestamp).nowMillis(nowMillis);
  }

  /** A builder holding this record's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Sets any of a {@link ChainView}'s values; {@link #build} checks them all. */
  public static final class Builder {
    private long l1Timestamp;
    private long nowMillis;
    private List<ByzantineEvent> events = List.of();
    private List<OwnedOutput> ownedOutputs = List.of();
    private Set<Bytes32> includedTxs = Set.of();
    private List<ObservedIfe> inFlightExits = List.of();
    private Set<Long> finalizedExits = Set.of();
    private Set<BigInteger> finalizedMassExits = Set.of();
    private Set<BigInteger> withdrawnMassExits = Set.of();
    private Set<Long> challengedExits = Set.of();
    private Map<Address, Long> queueHeads = Map.of();
    private boolean eventsFresh = true;

    private Builder() {}

    private Builder(ChainView from) {
      this.l1Timestamp = from.l1Timestamp;
      this.nowMillis = from.nowMillis;
      this.events = from.events;
      this.ownedOutputs = from.ownedOutputs;
      this.includedTxs = from.includedTxs;
      this.inFlightExits = from.inFlightExits;
      this.finalizedExits = from.finalizedExits;
      this.finalizedMassExits = from.finalizedMassExits;
      this.withdrawnMassExits = from.withdrawnMassExits;
      this.challengedExits = from.challengedExits;
      this.queueHeads = from.queueHeads;
      this.eventsFresh = from.eventsFresh;
    }

    public Builder l1Timestamp(long l1Timestamp) {
      this.l1Timestamp = l1Timestamp;
      return this;
    }

    public Builder nowMillis(long nowMillis) {
      this.nowMillis = nowMillis;
      return this;
    }

    public Builder events(List<ByzantineEvent> events) {
      this.events = events;
      return this;
    }

    public Builder ownedOutputs(List<OwnedOutput> ownedOutputs) {
      this.ownedOutputs = ownedOutputs;
      return this;
    }

    public Builder includedTxs(Set<Bytes32> includedTxs) {
      this.includedTxs = includedTxs;
      return this;
    }

    public Builder inFlightExits(List<ObservedIfe> inFlightExits) {
      this.inFlightExits = inFlightExits;
      return this;
    }

    public Builder finalizedExits(Set<Long> finalizedExits) {
      this.finalizedExits = finalizedExits;
      return this;
    }

    public Builder finalizedMassExits(Set<BigInteger> finalizedMassExits) {
      this.finalizedMassExits = finalizedMassExits;
      return this;
    }

    public Builder withdrawnMassExits(Set<BigInteger> withdrawnMassExits) {
      this.withdrawnMassExits = withdrawnMassExits;
      return this;
    }

    public Builder challengedExits(Set<Long> challengedExits) {
      this.challengedExits = challengedExits;
      return this;
    }

    public Builder queueHeads(Map<Address, Long> queueHeads) {
      this.queueHeads = queueHeads;
      return this;
    }

    public Builder eventsFresh(boolean eventsFresh) {
      this.eventsFresh = eventsFresh;
      return this;
    }

    public ChainView build() {
      return new ChainView(
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
          eventsFresh);
    }
  }
}
