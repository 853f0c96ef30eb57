package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * The journal's state of one action key.
 *
 * @param done whether it succeeded (then it is never taken again)
 * @param attempts failed attempts so far
 * @param token the token the started exit pays (ETH for keys that start none)
 * @param exitableAt when the started exit matures (0 if unknown or not an exit)
 * @param batchId the started mass exit's batch (0 otherwise)
 * @param positions the outputs a standard or mass exit claims
 * @param inFlightTx the transaction of an in-flight exit or piggyback (zero otherwise)
 */
public record JournalEntry(
    String key,
    boolean done,
    int attempts,
    Address token,
    long exitableAt,
    BigInteger batchId,
    List<Long> positions,
    Bytes32 inFlightTx) {

  public JournalEntry {
    positions = List.copyOf(positions);
  }

  static JournalEntry succeeded(Action action, Outcome outcome, int attempts) {
    return switch (action) {
      case Action.StartStandardExit a ->
          new JournalEntry(a.key(), true, attempts, a.output().token(), outcome.exitableAt(), BigInteger.ZERO, List.of(a.output().position()), Bytes32.ZERO);
      case Action.StartMassExit a ->
          new JournalEntry(a.key(), true, attempts, a.token(), outcome.exitableAt(), outcome.batchId(), a.positions(), Bytes32.ZERO);
      case Action.StartInFlightExit a ->
          new JournalEntry(a.key(), true, attempts, Address.ETH, outcome.exitableAt(), BigInteger.ZERO, List.of(), a.tx().txHash());
      case Action.Piggyback a ->
          new JournalEntry(a.key(), true, attempts, a.token(), 0, BigInteger.ZERO, List.of(), a.txHash());
      case Action.ProcessExits a ->
          new JournalEntry(a.key(), true, attempts, a.token(), 0, BigInteger.ZERO, List.of(), Bytes32.ZERO);
      case Action.WithdrawMassExit a ->
          new JournalEntry(a.key(), true, attempts, a.token(), 0, a.batchId(), List.of(), Bytes32.ZERO);
    };
  }

  static JournalEntry failed(String key, int attempts) {
    return new JournalEntry(key, false, attempts, Address.ETH, 0, BigInteger.ZERO, List.of(), Bytes32.ZERO);
  }
}
