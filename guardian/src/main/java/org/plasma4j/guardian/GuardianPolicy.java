package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * What the guardian does, given what it sees: pure, no I/O (docs/guardian.md).
 *
 * <ul>
 *   <li>Piggybacks, always: on any in-flight exit that pays or spends one of its keys' outputs,
 *       during period 1, for every index not yet piggybacked. An in-flight exit someone else
 *       started is not in itself proof that the chain is bad, but missing period 1 would lose those
 *       funds.
 *   <li>Only while the chain is bad for these keys ({@link AlarmJudge}: an invalid or withheld
 *       block, a theft nobody stopped that can cost them more than they tolerate, or a sent
 *       transaction out of every valid block past the inclusion timeout; the alarm ends when its
 *       cause is resolved on the root chain, and what it started is still finished): the in-flight
 *       exit of each transaction still in flight (MoreVP: the sender starts it) with piggybacks on
 *       the keys' inputs and outputs, then exits of every other owned output of a valid block, a
 *       mass exit per owner and token with many outputs.
 *   <li>Processing, always: processExits for a token once one of the guardian's exits in it has
 *       matured and is not yet processed, then the payout of processed mass exits.
 * </ul>
 *
 * Nothing is done twice: the journal holds every succeeded action key, and what the root chain
 * already shows (an in-flight exit or piggyback by anyone) is not repeated.
 */
public final class GuardianPolicy {

  private final GuardianConfig config;
  private final Set<Address> keys;
  private final AlarmJudge judge;

  public GuardianPolicy(GuardianConfig config, Set<Address> keys) {
    this.config = config;
    this.keys = Set.copyOf(keys);
    this.judge = new AlarmJudge(config, keys);
  }

  public Plan decide(ChainView view, Journal journal) {
    List<InFlightTx> inFlight = journal.sent().stream()
        .filter(t -> !view.includedTxs().contains(t.txHash()))
        .toList();
    AlarmJudge.Verdict verdict = judge.judge(view, inFlight, journal);
    Optional<String> alarm = verdict.alarm();
    List<Action> actions = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    Map<Long, Output> known = knownOwners(view, journal.sent());
    Set<Bytes32> onChain = new HashSet<>();
    Set<Bytes32> ownInFlight = new HashSet<>();
    inFlight.forEach(t -> ownInFlight.add(t.txHash()));
    Set<SpentOutput> spentByOwn = spentByOwnPayments(journal.sent());
    for (ObservedIfe ife : view.inFlightExits()) {
      onChain.add(ife.txHash());
      piggybacksOn(
          ife,
          ownInFlight.contains(ife.txHash()),
          view.l1Timestamp(),
          known,
          spentByOwn,
          journal,
          actions,
          missed);
    }
    if (alarm.isPresent()) {
      for (InFlightTx tx : inFlight) {
        if (!onChain.contains(tx.txHash())) {
          startInFlightExit(tx, spentByOwn, journal, actions);
        }
      }
      exitOwnedOutputs(view, inFlight, journal, actions);
    }
    processMatured(view, journal, actions);
    return new Plan(alarm, actions, missed, verdict.notices());
  }

  /**
   * The outputs whose owner the guardian knows: its valid-chain outputs and the inputs of every
   * transaction it sent (in flight or not: once its exit starts the watcher may count them spent).
   */
  private static Map<Long, Output> knownOwners(ChainView view, List<InFlightTx> sent) {
    Map<Long, Output> known = new HashMap<>();
    for (OwnedOutput o : view.ownedOutputs()) {
      known.put(o.position(), new Output(o.owner(), o.token(), o.amount()));
    }
    for (InFlightTx tx : sent) {
      for (int i = 0; i < tx.inputCount(); i++) {
        known.put(tx.tx().inputs().get(i).encode(), tx.spentOutput(i));
      }
    }
    return known;
  }

  /** Output {@code index} of the transaction {@code txHash}. */
  private record SpentOutput(Bytes32 txHash, int index) {}

  /**
   * The outputs the keys' own payments spend, whether or not a block holds them yet: each input
   * names the transaction that created it. A piggyback on such an output is the past payer's for
   * the taking: once the operator includes the payment, its signature challenges the piggyback, and
   * the watcher's verdict cannot know of a payment no block holds.
   */
  private static Set<SpentOutput> spentByOwnPayments(List<InFlightTx> sent) {
    Set<SpentOutput> spent = new HashSet<>();
    for (InFlightTx tx : sent) {
      List<org.plasma4j.core.exit.StandardExitData> inputs = tx.exitData().inputs();
      for (int i = 0; i < inputs.size(); i++) {
        spent.add(
            new SpentOutput(inputs.get(i).txHash(), inputs.get(i).position().outputIndex()));
      }
    }
    return spent;
  }

  /**
   * Piggybacks only what nobody can challenge: the watcher's verdict names the indices that no
   * known spend or other exit touches (an output its owner already spent would hand the bond to
   * whoever challenges), and outputs only of a transaction it judges canonical (else they are not
   * paid); never an output one of the keys' own payments spends, which the watcher cannot know of
   * before a block holds it. Without a verdict only the guardian's own transactions still in flight
   * are claimed: no block holds them, so only the keys' own payments can spend their outputs, and
   * their inputs are the keys' own.
   */
  private void piggybacksOn(
      ObservedIfe ife,
      boolean ownInFlight,
      long now,
      Map<Long, Output> known,
      Set<SpentOutput> spentByOwn,
      Journal journal,
      List<Action> actions,
      List<String> missed) {
    List<Action.Piggyback> wanted = new ArrayList<>();
    Transaction tx = ife.tx();
    Optional<WatcherView.Piggybackable> verdict = ife.verdict();
    for (int i = 0; i < tx.inputs().size(); i++) {
      Output spent = known.get(tx.inputs().get(i).encode());
      int index = i;
      boolean safe = verdict.map(v -> v.inputs().contains(index)).orElse(ownInFlight);
      if (spent != null
          && keys.contains(spent.owner())
          && !ife.piggybackedInputs().contains(i)
          && safe) {
        wanted.add(
            new Action.Piggyback(tx, false, i, spent.owner(), spent.token(), spent.amount()));
      }
    }
    for (int i = 0; i < tx.outputs().size(); i++) {
      Output out = tx.outputs().get(i);
      int index = i;
      boolean safe = verdict
          .map(v -> v.outputs().contains(index) && (v.canonical() || ownInFlight))
          .orElse(ownInFlight);
      if (keys.contains(out.owner())
          && !ife.piggybackedOutputs().contains(i)
          && safe
          && !spentByOwn.contains(new SpentOutput(ife.txHash(), i))) {
        wanted.add(new Action.Piggyback(tx, true, i, out.owner(), out.token(), out.amount()));
      }
    }
    boolean open = ife.acceptsPiggybacks(now, config.minExitPeriodSeconds());
    for (Action.Piggyback p : wanted) {
      if (!journal.mayAttempt(p.key(), config.maxAttempts())) {
        continue;
      }
      if (open) {
        actions.add(p);
      } else {
        missed.add(p.describe() + ": period 1 ended at "
            + (ife.startedAt() + config.minExitPeriodSeconds() / 2));
      }
    }
  }

  /**
   * MoreVP: the sender starts the in-flight exit of its own transaction and piggybacks its inputs
   * (paid if the transaction turns out not canonical) and its outputs (paid if it is). The
   * piggyback on the side that is not paid gets its bond back in full, so claiming both sides is
   * safe.
   */
  private void startInFlightExit(
      InFlightTx tx, Set<SpentOutput> spentByOwn, Journal journal, List<Action> actions) {
    Address initiator = null;
    for (int i = 0; i < tx.inputCount() && initiator == null; i++) {
      initiator = keys.contains(tx.spentOutput(i).owner()) ? tx.spentOutput(i).owner() : null;
    }
    if (initiator == null) {
      return; // not signed by any of the keys: someone else's to exit
    }
    Action.StartInFlightExit start = new Action.StartInFlightExit(tx, initiator);
    if (!journal.isMined(start.key())) {
      if (!journal.mayAttempt(start.key(), config.maxAttempts())) {
        return; // sent and not yet mined (its piggybacks would revert), or given up
      }
      actions.add(start);
    }
    for (int i = 0; i < tx.inputCount(); i++) {
      Output spent = tx.spentOutput(i);
      if (keys.contains(spent.owner())) {
        addIfNew(
            new Action.Piggyback(tx.tx(), false, i, spent.owner(), spent.token(), spent.amount()),
            journal,
            actions);
      }
    }
    List<Output> outputs = tx.tx().outputs();
    for (int i = 0; i < outputs.size(); i++) {
      Output out = outputs.get(i);
      if (keys.contains(out.owner()) && !spentByOwn.contains(new SpentOutput(tx.txHash(), i))) {
        addIfNew(
            new Action.Piggyback(tx.tx(), true, i, out.owner(), out.token(), out.amount()),
            journal,
            actions);
      }
    }
  }

  private void addIfNew(Action a, Journal journal, List<Action> actions) {
    if (journal.mayAttempt(a.key(), config.maxAttempts()) && !actions.contains(a)) {
      actions.add(a);
    }
  }

  /**
   * Exits every owned output of a valid block that no exit claims yet and that no in-flight
   * transaction spends (those leave through the in-flight exit's input piggybacks). An owner with
   * many outputs of one token leaves in mass exits; if a mass exit keeps failing, its outputs fall
   * back to standard exits.
   */
  private void exitOwnedOutputs(
      ChainView view, List<InFlightTx> inFlight, Journal journal, List<Action> actions) {
    Set<Long> excluded = new HashSet<>(journal.claimedPositions());
    for (InFlightTx tx : inFlight) {
      tx.tx().inputs().forEach(p -> excluded.add(p.encode()));
    }
    for (ObservedIfe ife : view.inFlightExits()) {
      ife.tx().inputs().forEach(p -> excluded.add(p.encode()));
    }
    excluded.addAll(view.finalizedExits());
    Map<List<Address>, List<OwnedOutput>> groups = new LinkedHashMap<>();
    view.ownedOutputs().stream()
        .filter(o -> keys.contains(o.owner()) && !excluded.contains(o.position()))
        .sorted(Comparator.comparingLong(OwnedOutput::position))
        .forEach(o -> groups
            .computeIfAbsent(List.of(o.owner(), o.token()), k -> new ArrayList<>())
            .add(o));
    for (List<OwnedOutput> group : groups.values()) {
      List<OwnedOutput> singles = new ArrayList<>();
      if (group.size() >= config.massExitThreshold()) {
        for (int from = 0; from < group.size(); from += GuardianConfig.MAX_MASS_EXIT_BATCH) {
          List<OwnedOutput> batch = group.subList(
              from, Math.min(group.size(), from + GuardianConfig.MAX_MASS_EXIT_BATCH));
          Action.StartMassExit mass = new Action.StartMassExit(
              batch.getFirst().owner(), batch.getFirst().token(), batch);
          if (journal.mayAttempt(mass.key(), config.maxAttempts())) {
            actions.add(mass);
          } else {
            singles.addAll(batch);
          }
        }
      } else {
        singles.addAll(group);
      }
      for (OwnedOutput o : singles) {
        addIfNew(new Action.StartStandardExit(o), journal, actions);
      }
    }
  }

  /**
   * processExits per token once one of the guardian's exits in it has matured, is unprocessed and
   * still stands (not challenged away), and the queue's head has matured too; at most once per
   * retry interval and {@code maxProcessAttempts} times while none of its own exits in that token
   * is processed (one that is starts the count over, {@link Journal#withProcessedExits}). Then the
   * payout of each processed mass exit.
   */
  private void processMatured(ChainView view, Journal journal, List<Action> actions) {
    long now = view.l1Timestamp();
    Set<Address> tokens = new LinkedHashSet<>();
    Map<Bytes32, ObservedIfe> ifes = new HashMap<>();
    view.inFlightExits().forEach(i -> ifes.put(i.txHash(), i));
    for (JournalEntry e : journal.done()) {
      if (e.key().startsWith("exit:")) {
        long position = e.positions().getFirst();
        if (e.exitableAt() <= now
            && !view.finalizedExits().contains(position)
            && !view.challengedExits().contains(position)) {
          tokens.add(e.token());
        }
      } else if (e.key().startsWith("mass:")) {
        if (e.exitableAt() <= now && !view.finalizedMassExits().contains(e.batchId())) {
          tokens.add(e.token());
        }
      } else if (e.key().startsWith("piggyback:")) {
        ObservedIfe ife = ifes.get(e.inFlightTx());
        if (ife != null
            && ife.exitableAt() <= now
            && !ife.finalizedTokens().contains(e.token())
            && stillPiggybacked(ife, e.key())) {
          tokens.add(e.token());
        }
      }
    }
    for (Address token : tokens) {
      Long head = view.queueHeads().get(token);
      if (head == null
          || head > now
          || journal.processAttempts(token) >= config.maxProcessAttempts()) {
        continue; // nothing the call could pay yet, or the guardian stopped paying for it
      }
      Long last = journal.lastProcessAt().get(token);
      if (last == null || now >= last + config.processRetrySeconds()) {
        actions.add(new Action.ProcessExits(token, config.processMaxExits()));
      }
    }
    for (JournalEntry e : journal.done()) {
      BigInteger batch = e.batchId();
      if (e.key().startsWith("mass:")
          && view.finalizedMassExits().contains(batch)
          && !view.withdrawnMassExits().contains(batch)) {
        addIfNew(new Action.WithdrawMassExit(batch, e.token()), journal, actions);
      }
    }
  }

  /**
   * Per token, how many of the guardian's own exits the root chain shows processed: standard exits,
   * mass exits, and piggybacks on in-flight exits whose part in that token is processed.
   */
  public Map<Address, Integer> processedExits(ChainView view, Journal journal) {
    Map<Bytes32, ObservedIfe> ifes = new HashMap<>();
    view.inFlightExits().forEach(i -> ifes.put(i.txHash(), i));
    Map<Address, Integer> count = new LinkedHashMap<>();
    for (JournalEntry e : journal.done()) {
      boolean processed = e.key().startsWith("exit:")
          ? view.finalizedExits().contains(e.positions().getFirst())
          : e.key().startsWith("mass:")
              ? view.finalizedMassExits().contains(e.batchId())
              : e.key().startsWith("piggyback:")
                  && ifes.containsKey(e.inFlightTx())
                  && ifes.get(e.inFlightTx()).finalizedTokens().contains(e.token());
      if (processed) {
        count.merge(e.token(), 1, Integer::sum);
      }
    }
    return count;
  }

  /**
   * Whether the piggyback a journal key names still stands on the in-flight exit (a challenge
   * removes it).
   */
  private static boolean stillPiggybacked(ObservedIfe ife, String key) {
    String[] parts = key.split(":");
    int index = Integer.parseInt(parts[parts.length - 1]);
    return "out".equals(parts[parts.length - 2])
        ? ife.piggybackedOutputs().contains(index)
        : ife.piggybackedInputs().contains(index);
  }
}
