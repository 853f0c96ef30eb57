package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * The journal's state of one action key.
 *
 * @param stage where the action stands (see {@link Stage})
 * @param attempts failed attempts so far (a transaction a reorg dropped is not a failure)
 * @param sender the key that sends it: its balance decides when a given-up action is tried again
 * @param token the token the started exit pays (ETH for keys that start none)
 * @param exitableAt when the started exit matures (0 if unknown or not an exit)
 * @param batchId the started mass exit's batch (0 otherwise)
 * @param positions the outputs a standard or mass exit claims
 * @param inFlightTx the transaction of an in-flight exit or piggyback (zero otherwise)
 * @param ifeId the in-flight exit of an in-flight exit or piggyback (0 otherwise)
 * @param l1TxHashes the root-chain transactions of the current attempt, written before each is
 *     broadcast
 * @param minedBlock the root-chain block the current attempt was mined in (0 if not mined)
 * @param fundsAtGiveUp the sender's balance when the action was given up; it is tried again once
 *     the sender holds more ({@code -1} while not given up)
 */
public record JournalEntry(
    String key,
    Stage stage,
    int attempts,
    Address sender,
    Address token,
    long exitableAt,
    BigInteger batchId,
    List<Long> positions,
    Bytes32 inFlightTx,
    BigInteger ifeId,
    List<String> l1TxHashes,
    long minedBlock,
    BigInteger fundsAtGiveUp) {

  /**
   * SENDING: the intent is journaled and a transaction may be on its way; MINED: a receipt is in,
   * not yet deep enough; DONE: mined at the confirmation depth, never taken again; RETRY: not done
   * (failed, or dropped by a reorg), taken again while attempts remain; CHALLENGED: the started
   * exit was challenged away, nothing more to do for it.
   */
  public enum Stage {
    SENDING,
    MINED,
    DONE,
    RETRY,
    CHALLENGED
  }

  public static final BigInteger NOT_GIVEN_UP = BigInteger.ONE.negate();

  public JournalEntry {
    positions = List.copyOf(positions);
    l1TxHashes = List.copyOf(l1TxHashes);
  }

  public boolean done() {
    return stage == Stage.DONE;
  }

  /** Sent and not yet settled: the chain decides what it came to, never a second send. */
  public boolean inProgress() {
    return stage == Stage.SENDING || stage == Stage.MINED;
  }

  /** Whether it holds its outputs: started, or on its way to be. */
  public boolean claims() {
    return inProgress() || done();
  }

  public boolean givenUp() {
    return fundsAtGiveUp.signum() >= 0;
  }

  /** The journaled intent to take {@code action} from {@code sender}, before anything is sent. */
  static JournalEntry intent(Action action, Address sender, int attempts) {
    JournalEntry described = describe(action, sender, attempts);
    return described.with(Stage.SENDING, List.of(), 0);
  }

  JournalEntry withTxHash(String hash) {
    List<String> hashes = new ArrayList<>(l1TxHashes);
    if (!hashes.contains(hash)) {
      hashes.add(hash);
    }
    return new JournalEntry(
        key,
        stage,
        attempts,
        sender,
        token,
        exitableAt,
        batchId,
        positions,
        inFlightTx,
        ifeId,
        hashes,
        minedBlock,
        fundsAtGiveUp);
  }

  /** Mined in {@code block}, with what the receipt shows; DONE once {@code confirmed}. */
  JournalEntry mined(Outcome outcome, boolean confirmed) {
    BigInteger batch = key.startsWith("mass:") ? outcome.batchId() : batchId;
    long exitable = outcome.exitableAt() != 0 ? outcome.exitableAt() : exitableAt;
    List<String> hashes = outcome.l1TxHash().isEmpty() || l1TxHashes.contains(outcome.l1TxHash())
        ? l1TxHashes
        : append(l1TxHashes, outcome.l1TxHash());
    return new JournalEntry(
        key,
        confirmed ? Stage.DONE : Stage.MINED,
        attempts,
        sender,
        token,
        exitable,
        batch,
        positions,
        inFlightTx,
        ifeId,
        hashes,
        outcome.l1Block(),
        NOT_GIVEN_UP);
  }

  JournalEntry with(Stage next, List<String> hashes, long mined) {
    return new JournalEntry(
        key,
        next,
        attempts,
        sender,
        token,
        exitableAt,
        batchId,
        positions,
        inFlightTx,
        ifeId,
        hashes,
        mined,
        fundsAtGiveUp);
  }

  JournalEntry failed() {
    return new JournalEntry(
        key,
        Stage.RETRY,
        attempts + 1,
        sender,
        token,
        exitableAt,
        batchId,
        positions,
        inFlightTx,
        ifeId,
        List.of(),
        0,
        fundsAtGiveUp);
  }

  JournalEntry gaveUp(BigInteger funds) {
    return new JournalEntry(
        key,
        stage,
        attempts,
        sender,
        token,
        exitableAt,
        batchId,
        positions,
        inFlightTx,
        ifeId,
        l1TxHashes,
        minedBlock,
        funds);
  }

  /** Funds came back: the attempts start again. */
  JournalEntry retried() {
    return new JournalEntry(
        key,
        Stage.RETRY,
        0,
        sender,
        token,
        exitableAt,
        batchId,
        positions,
        inFlightTx,
        ifeId,
        List.of(),
        0,
        NOT_GIVEN_UP);
  }

  private static List<String> append(List<String> list, String item) {
    List<String> out = new ArrayList<>(list);
    out.add(item);
    return out;
  }

  private static JournalEntry describe(Action action, Address sender, int attempts) {
    return switch (action) {
      case Action.StartStandardExit a ->
        entry(
            a.key(),
            attempts,
            sender,
            a.output().token(),
            BigInteger.ZERO,
            List.of(a.output().position()),
            Bytes32.ZERO,
            BigInteger.ZERO);
      case Action.StartMassExit a ->
        entry(
            a.key(),
            attempts,
            sender,
            a.token(),
            BigInteger.ZERO,
            a.positions(),
            Bytes32.ZERO,
            BigInteger.ZERO);
      case Action.StartInFlightExit a ->
        entry(
            a.key(),
            attempts,
            sender,
            Address.ETH,
            BigInteger.ZERO,
            List.of(),
            a.tx().txHash(),
            InFlightExitId.of(a.tx().tx().encode()));
      case Action.Piggyback a ->
        entry(
            a.key(),
            attempts,
            sender,
            a.token(),
            BigInteger.ZERO,
            List.of(),
            a.txHash(),
            InFlightExitId.of(a.tx().encode()));
      case Action.ProcessExits a ->
        entry(
            a.key(),
            attempts,
            sender,
            a.token(),
            BigInteger.ZERO,
            List.of(),
            Bytes32.ZERO,
            BigInteger.ZERO);
      case Action.WithdrawMassExit a ->
        entry(
            a.key(),
            attempts,
            sender,
            a.token(),
            a.batchId(),
            List.of(),
            Bytes32.ZERO,
            BigInteger.ZERO);
    };
  }

  private static JournalEntry entry(
      String key,
      int attempts,
      Address sender,
      Address token,
      BigInteger batchId,
      List<Long> positions,
      Bytes32 inFlightTx,
      BigInteger ifeId) {
    return new JournalEntry(
        key,
        Stage.RETRY,
        attempts,
        sender,
        token,
        0,
        batchId,
        positions,
        inFlightTx,
        ifeId,
        List.of(),
        0,
        NOT_GIVEN_UP);
  }

  /** A failure of an action that was never journaled before (its intent could not be written). */
  static JournalEntry failedOnce(String key) {
    return new JournalEntry(
        key,
        Stage.RETRY,
        1,
        Address.ZERO,
        Address.ETH,
        0,
        BigInteger.ZERO,
        List.of(),
        Bytes32.ZERO,
        BigInteger.ZERO,
        List.of(),
        0,
        NOT_GIVEN_UP);
  }

  /** A settled success, as tests and older journals describe it. */
  static JournalEntry succeeded(Action action, Outcome outcome, int attempts) {
    return describe(action, Address.ZERO, attempts).mined(outcome, true);
  }
}
