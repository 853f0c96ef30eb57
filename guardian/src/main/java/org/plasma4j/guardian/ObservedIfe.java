package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.Set;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * An in-flight exit on the root chain, started by anyone.
 *
 * @param startedAt root-chain timestamp of the start; period 1 ends at startedAt + MEP/2
 * @param finalizedTokens tokens whose part of the exit has been processed
 */
public record ObservedIfe(
    BigInteger ifeId,
    Transaction tx,
    long startedAt,
    long exitableAt,
    Set<Integer> piggybackedInputs,
    Set<Integer> piggybackedOutputs,
    Set<Address> finalizedTokens) {

  public ObservedIfe {
    piggybackedInputs = Set.copyOf(piggybackedInputs);
    piggybackedOutputs = Set.copyOf(piggybackedOutputs);
    finalizedTokens = Set.copyOf(finalizedTokens);
  }

  public Bytes32 txHash() {
    return tx.hash();
  }

  /** Period 1, when piggybacks are accepted: [startedAt, startedAt + MEP/2). */
  public boolean acceptsPiggybacks(long now, long minExitPeriod) {
    return now < startedAt + minExitPeriod / 2;
  }
}
