package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * An in-flight exit on the root chain, started by anyone.
 *
 * @param startedAt root-chain timestamp of the start; period 1 ends at startedAt + MEP/2
 * @param finalizedTokens tokens whose part of the exit has been processed
 * @param verdict the watcher's judgement of its spends for the guardian's keys; empty if the
 *     watcher gave none (then only the guardian's own in-flight transactions are piggybacked, from
 *     its journal)
 */
public record ObservedIfe(
    BigInteger ifeId,
    Transaction tx,
    long startedAt,
    long exitableAt,
    Set<Integer> piggybackedInputs,
    Set<Integer> piggybackedOutputs,
    Set<Address> finalizedTokens,
    Optional<WatcherView.Piggybackable> verdict) {

  public ObservedIfe {
    piggybackedInputs = Set.copyOf(piggybackedInputs);
    piggybackedOutputs = Set.copyOf(piggybackedOutputs);
    finalizedTokens = Set.copyOf(finalizedTokens);
  }

  /** Without the watcher's verdict. */
  public ObservedIfe(
      BigInteger ifeId,
      Transaction tx,
      long startedAt,
      long exitableAt,
      Set<Integer> piggybackedInputs,
      Set<Integer> piggybackedOutputs,
      Set<Address> finalizedTokens) {
    this(
        ifeId,
        tx,
        startedAt,
        exitableAt,
        piggybackedInputs,
        piggybackedOutputs,
        finalizedTokens,
        Optional.empty());
  }

  public ObservedIfe withVerdict(Optional<WatcherView.Piggybackable> v) {
    return new ObservedIfe(
        ifeId,
        tx,
        startedAt,
        exitableAt,
        piggybackedInputs,
        piggybackedOutputs,
        finalizedTokens,
        v);
  }

  public Bytes32 txHash() {
    return tx.hash();
  }

  /** Period 1, when piggybacks are accepted: [startedAt, startedAt + MEP/2). */
  public boolean acceptsPiggybacks(long now, long minExitPeriod) {
    return now < startedAt + minExitPeriod / 2;
  }
}
