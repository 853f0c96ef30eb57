package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.guardian.WatcherView.Advice;
import org.plasma4j.watcher.WatcherNotReady;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the guardian's {@link ChainView} from the watcher and the root chain. The watcher may be
 * down or answer garbage: then the view keeps its last good answer (outputs, events, in-flight
 * exits), so the guardian still exits from what it already knows. The root chain is the clock; if
 * it cannot be read there is nothing the guardian could do on it either, and the poll fails.
 */
final class ChainObserver {

  private static final Logger LOG = LoggerFactory.getLogger(ChainObserver.class);

  private final WatcherView watcher;
  private final ExitStatus rootChain;
  private final List<Address> keys;
  private List<ByzantineEvent> lastEvents = List.of();
  /** Whether the watcher has told the events that stand now at least once in this run. */
  private boolean eventsKnown;

  private final Map<Address, Advice> lastAdvice = new LinkedHashMap<>();
  private final Set<Long> processed = new HashSet<>();
  private final Map<BigInteger, Integer> massStates = new LinkedHashMap<>();
  private boolean watcherAnswered;
  private Set<Bytes32> confirmed = Set.of();

  ChainObserver(WatcherView watcher, ExitStatus rootChain, List<Address> keys) {
    this.watcher = watcher;
    this.rootChain = rootChain;
    this.keys = List.copyOf(keys);
  }

  /** Whether the last observation had the watcher's whole answer (not only remembered state). */
  boolean watcherAnswered() {
    return watcherAnswered;
  }

  /**
   * Sent transactions the last observation saw in a valid block, by one of their outputs in the
   * watcher's advice: positive proof, so the guardian may forget them.
   */
  Set<Bytes32> confirmed() {
    return confirmed;
  }

  /**
   * The view now; {@code journal.knownOutputs()} stands in for the watcher's outputs if it is down.
   */
  ChainView observe(Journal journal, long nowMillis) {
    long l1Timestamp = rootChain.headTimestamp();
    watcherAnswered = true;
    List<ByzantineEvent> events = events();
    Map<Address, Advice> advice = advice();
    List<OwnedOutput> outputs = watcherAnswered
        ? advice.values().stream().flatMap(a -> a.outputs().stream()).toList()
        : journal.knownOutputs();
    confirmed = watcherAnswered ? confirmed(journal, advice) : Set.of();
    Set<Bytes32> included = new HashSet<>(confirmed);
    if (watcherAnswered && advice.values().stream().allMatch(a -> a.firstBadBlock() == 0)) {
      included.addAll(inputsSpent(journal, outputs));
    }
    List<ObservedIfe> ifes = inFlightExits(journal);
    Set<Long> challenged = new HashSet<>();
    Set<Long> processedNow = standardExits(journal, challenged);
    return new ChainView(
        l1Timestamp,
        nowMillis,
        events,
        outputs,
        included,
        ifes,
        processedNow,
        massExits(journal, ExitStatus.MASS_EXIT_PROCESSED),
        massExits(journal, ExitStatus.MASS_EXIT_PAID),
        challenged,
        queueHeads(journal),
        eventsKnown);
  }

  /**
   * The head of each exit queue the guardian has an exit in, so processExits is not paid for while
   * it is young.
   */
  private Map<Address, Long> queueHeads(Journal journal) {
    Set<Address> tokens = new HashSet<>();
    journal.done().stream()
        .filter(e -> e.key().startsWith("exit:")
            || e.key().startsWith("mass:")
            || e.key().startsWith("piggyback:"))
        .forEach(e -> tokens.add(e.token()));
    Map<Address, Long> heads = new LinkedHashMap<>();
    for (Address token : tokens) {
      rootChain.queueHeadExitableAt(token).ifPresent(at -> heads.put(token, at));
    }
    return heads;
  }

  private List<ByzantineEvent> events() {
    try {
      lastEvents = List.copyOf(watcher.events());
      eventsKnown = true;
    } catch (WatcherNotReady e) {
      // a restarted watcher that has not judged the chain yet: what it said before its restart is
      // not the
      // present either, so the journal's alarm stands until it answers
      eventsKnown = false;
      watcherDown("events", e);
    } catch (RuntimeException e) {
      watcherDown("events", e);
    }
    return lastEvents;
  }

  /** The advice for every key; a key's last good advice if the watcher gives none now. */
  private Map<Address, Advice> advice() {
    for (Address key : keys) {
      try {
        Advice a = watcher.advice(key);
        List<OwnedOutput> own =
            a.outputs().stream().filter(o -> o.owner().equals(key)).toList();
        lastAdvice.put(key, new Advice(a.firstBadBlock(), own, a.piggybackable()));
      } catch (RuntimeException e) {
        watcherDown("advice for " + key, e);
      }
    }
    return lastAdvice;
  }

  /**
   * Sent transactions with an output in the advice of its owner (a key's, or asked for the payee):
   * the watcher holds it in a valid block before any bad one.
   */
  private Set<Bytes32> confirmed(Journal journal, Map<Address, Advice> advice) {
    Set<Bytes32> found = new HashSet<>();
    for (InFlightTx tx : journal.sent()) {
      for (Output out : tx.tx().outputs()) {
        Advice a =
            advice.containsKey(out.owner()) ? advice.get(out.owner()) : payeeAdvice(out.owner());
        if (a != null
            && a.outputs().stream().anyMatch(o -> o.exitData().txHash().equals(tx.txHash()))) {
          found.add(tx.txHash());
          break;
        }
      }
    }
    return found;
  }

  private Advice payeeAdvice(Address payee) {
    try {
      return watcher.advice(payee);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Sent transactions none of whose inputs is still unspent in the watcher's valid chain. Only the
   * key's signature spends them, so on a chain with no bad block they are included; this is not
   * remembered, as a watcher that is still syncing shows the same.
   */
  private static Set<Bytes32> inputsSpent(Journal journal, List<OwnedOutput> unspent) {
    Set<Long> positions = new HashSet<>();
    unspent.forEach(o -> positions.add(o.position()));
    Set<Bytes32> spent = new HashSet<>();
    for (InFlightTx tx : journal.sent()) {
      if (tx.tx().inputs().stream().noneMatch(p -> positions.contains(p.encode()))) {
        spent.add(tx.txHash());
      }
    }
    return spent;
  }

  private List<ObservedIfe> inFlightExits(Journal journal) {
    Map<Bytes32, Transaction> candidates = new LinkedHashMap<>();
    journal.sent().forEach(t -> candidates.put(t.txHash(), t.tx()));
    Map<Bytes32, WatcherView.Piggybackable> verdicts = new LinkedHashMap<>();
    lastAdvice
        .values()
        .forEach(a -> a.piggybackable().forEach(p -> {
          candidates.put(p.tx().hash(), p.tx());
          verdicts.merge(p.tx().hash(), p, ChainObserver::union);
        }));
    List<ObservedIfe> ifes = new ArrayList<>();
    for (Transaction tx : candidates.values()) {
      BigInteger ifeId = InFlightExitId.of(tx.encode());
      rootChain
          .inFlightExit(ifeId)
          .filter(InFlightExitState::exists)
          .ifPresent(s -> ifes.add(
              observed(ifeId, tx, s).withVerdict(Optional.ofNullable(verdicts.get(tx.hash())))));
    }
    return ifes;
  }

  /** One transaction's verdicts for two keys: each key's safe indices. */
  private static WatcherView.Piggybackable union(
      WatcherView.Piggybackable a, WatcherView.Piggybackable b) {
    Set<Integer> inputs = new HashSet<>(a.inputs());
    inputs.addAll(b.inputs());
    Set<Integer> outputs = new HashSet<>(a.outputs());
    outputs.addAll(b.outputs());
    return new WatcherView.Piggybackable(a.tx(), a.canonical() && b.canonical(), inputs, outputs);
  }

  private static ObservedIfe observed(BigInteger ifeId, Transaction tx, InFlightExitState s) {
    Set<Integer> inputs = new HashSet<>();
    for (int i = 0; i < tx.inputs().size(); i++) {
      if (s.isInputPiggybacked(i)) {
        inputs.add(i);
      }
    }
    Set<Integer> outputs = new HashSet<>();
    Set<Address> tokens = new HashSet<>();
    for (int i = 0; i < tx.outputs().size(); i++) {
      Output o = tx.outputs().get(i);
      tokens.add(o.token());
      if (s.isOutputPiggybacked(i)) {
        outputs.add(i);
      }
    }
    return new ObservedIfe(
        ifeId,
        tx,
        s.startedAt(),
        s.exitableAt(),
        inputs,
        outputs,
        s.finalized() ? tokens : Set.of());
  }

  /**
   * The guardian's standard exits that were processed; those challenged away go into
   * {@code challenged}.
   */
  private Set<Long> standardExits(Journal journal, Set<Long> challenged) {
    for (JournalEntry e : journal.done()) {
      if (e.key().startsWith("exit:")) {
        long position = e.positions().getFirst();
        if (processed.contains(position)) {
          continue;
        }
        int state = rootChain.standardExitState(position);
        if (state == ExitStatus.EXIT_PROCESSED) {
          processed.add(position);
        } else if (state == ExitStatus.EXIT_CHALLENGED) {
          challenged.add(position);
        }
      }
    }
    return Set.copyOf(processed);
  }

  private Set<BigInteger> massExits(Journal journal, int atLeast) {
    Set<BigInteger> out = new HashSet<>();
    for (JournalEntry e : journal.done()) {
      if (e.key().startsWith("mass:")) {
        int state = massStates.getOrDefault(e.batchId(), 0);
        if (state < ExitStatus.MASS_EXIT_PAID) {
          state = rootChain.massExitState(e.batchId());
          massStates.put(e.batchId(), state);
        }
        if (state >= atLeast) {
          out.add(e.batchId());
        }
      }
    }
    return out;
  }

  private void watcherDown(String what, RuntimeException e) {
    watcherAnswered = false;
    LOG.warn(
        "watcher gave no {} ({}); acting on what the guardian last knew", what, e.getMessage());
  }
}
