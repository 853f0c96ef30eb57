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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the guardian's {@link ChainView} from the watcher and the root chain. The watcher may be
 * down or answer garbage: then the view keeps its last good answer (outputs, events, in-flight
 * exits), so the guardian still exits from what it already knows. The root chain is the clock; if it
 * cannot be read there is nothing the guardian could do on it either, and the poll fails.
 */
final class ChainObserver {

  private static final Logger LOG = LoggerFactory.getLogger(ChainObserver.class);

  private final WatcherView watcher;
  private final ExitStatus rootChain;
  private final List<Address> keys;
  private List<ByzantineEvent> lastEvents = List.of();
  private final Map<Address, List<Transaction>> lastPiggybackable = new LinkedHashMap<>();
  private final Set<Long> processed = new HashSet<>();
  private final Map<BigInteger, Integer> massStates = new LinkedHashMap<>();
  private boolean watcherAnswered;

  ChainObserver(WatcherView watcher, ExitStatus rootChain, List<Address> keys) {
    this.watcher = watcher;
    this.rootChain = rootChain;
    this.keys = List.copyOf(keys);
  }

  /** Whether the last observation had the watcher's answer (not only remembered state). */
  boolean watcherAnswered() {
    return watcherAnswered;
  }

  /** The view now; {@code journal.knownOutputs()} stands in for the watcher's outputs if it is down. */
  ChainView observe(Journal journal, long nowMillis) {
    long l1Timestamp = rootChain.headTimestamp();
    watcherAnswered = true;
    List<ByzantineEvent> events = events();
    Optional<List<OwnedOutput>> fresh = outputs();
    List<OwnedOutput> outputs = fresh.orElse(journal.knownOutputs());
    Set<Bytes32> included = fresh.map(o -> included(journal, o)).orElse(Set.of());
    List<ObservedIfe> ifes = inFlightExits(journal);
    return new ChainView(
        l1Timestamp, nowMillis, events, outputs, included, ifes, processedExits(journal), massExits(journal, ExitStatus.MASS_EXIT_PROCESSED),
        massExits(journal, ExitStatus.MASS_EXIT_PAID));
  }

  private List<ByzantineEvent> events() {
    try {
      lastEvents = List.copyOf(watcher.events());
    } catch (RuntimeException e) {
      watcherDown("events", e);
    }
    return lastEvents;
  }

  private Optional<List<OwnedOutput>> outputs() {
    List<OwnedOutput> all = new ArrayList<>();
    try {
      for (Address key : keys) {
        for (OwnedOutput o : watcher.exitableOutputs(key)) {
          if (o.owner().equals(key)) {
            all.add(o);
          }
        }
      }
      return Optional.of(all);
    } catch (RuntimeException e) {
      watcherDown("outputs", e);
      return Optional.empty();
    }
  }

  /**
   * Sent transactions the watcher counts as included: none of their inputs is still an unspent output
   * of a valid block. Only a key's own signature spends its outputs, so a spent input means the
   * transaction (or another one of the key's) made it into a valid block.
   */
  private static Set<Bytes32> included(Journal journal, List<OwnedOutput> unspent) {
    Set<Long> positions = new HashSet<>();
    unspent.forEach(o -> positions.add(o.position()));
    Set<Bytes32> included = new HashSet<>();
    for (InFlightTx tx : journal.sent()) {
      if (tx.tx().inputs().stream().noneMatch(p -> positions.contains(p.encode()))) {
        included.add(tx.txHash());
      }
    }
    return included;
  }

  private List<ObservedIfe> inFlightExits(Journal journal) {
    Map<Bytes32, Transaction> candidates = new LinkedHashMap<>();
    journal.sent().forEach(t -> candidates.put(t.txHash(), t.tx()));
    for (Address key : keys) {
      try {
        lastPiggybackable.put(key, List.copyOf(watcher.piggybackable(key)));
      } catch (RuntimeException e) {
        watcherDown("in-flight exits", e);
      }
      lastPiggybackable.getOrDefault(key, List.of()).forEach(t -> candidates.put(t.hash(), t));
    }
    List<ObservedIfe> ifes = new ArrayList<>();
    for (Transaction tx : candidates.values()) {
      BigInteger ifeId = InFlightExitId.of(tx.encode());
      rootChain.inFlightExit(ifeId).filter(InFlightExitState::exists).ifPresent(s -> ifes.add(observed(ifeId, tx, s)));
    }
    return ifes;
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
    return new ObservedIfe(ifeId, tx, s.startedAt(), s.exitableAt(), inputs, outputs, s.finalized() ? tokens : Set.of());
  }

  private Set<Long> processedExits(Journal journal) {
    for (JournalEntry e : journal.done()) {
      if (e.key().startsWith("exit:")) {
        long position = e.positions().getFirst();
        if (!processed.contains(position) && rootChain.isStandardExitProcessed(position)) {
          processed.add(position);
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
    LOG.warn("watcher gave no {} ({}); acting on what the guardian last knew", what, e.getMessage());
  }
}
