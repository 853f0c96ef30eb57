package org.plasma4j.watcher.exits;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plasma4j.core.rootchain.ExitGameEvents.DeferredExitRetried;
import org.plasma4j.core.rootchain.ExitGameEvents.ExitDeferred;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitResponded;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitEscrowShort;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitFinalized;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitOutputChallenged;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.PiggybackBlocked;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitFinalizedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;

/**
 * Every exit the root chain knows of, as its events tell it: standard exits by position, in-flight
 * exits by ifeId, mass exits by batchId. Only the events' facts; whether an exit is honest is for
 * {@link ExitAudit} to decide against the watcher's ledger.
 */
public final class ExitBook {

  public enum State {
    ACTIVE,
    CHALLENGED,
    FINALIZED
  }

  /** A standard exit; positions never exit twice, so one record per position. */
  public static final class StandardExit {
    private final ExitStartedEvent started;
    private State state = State.ACTIVE;

    StandardExit(ExitStartedEvent started) {
      this.started = started;
    }

    public ExitStartedEvent started() {
      return started;
    }

    public State state() {
      return state;
    }
  }

  /** An in-flight exit and everything that happened to it. */
  public static final class InFlightExit {
    private final InFlightExitStarted started;
    private final Transaction tx;
    private final Set<Integer> inputsPiggybacked = new HashSet<>();
    private final Set<Integer> outputsPiggybacked = new HashSet<>();
    private final Set<Integer> inputsBlocked = new HashSet<>();
    private final Set<Integer> outputsBlocked = new HashSet<>();
    private final List<InFlightExitChallenged> challenges = new ArrayList<>();
    private final List<InFlightExitResponded> responses = new ArrayList<>();
    private boolean finalized;
    private boolean paidCanonical;

    InFlightExit(InFlightExitStarted started, Transaction tx) {
      this.started = started;
      this.tx = tx;
    }

    public InFlightExitStarted started() {
      return started;
    }

    /** The decoded in-flight transaction (the game only accepts decodable ones). */
    public Transaction tx() {
      return tx;
    }

    public Set<Integer> piggybacked(boolean output) {
      return Set.copyOf(output ? outputsPiggybacked : inputsPiggybacked);
    }

    public Set<Integer> blocked(boolean output) {
      return Set.copyOf(output ? outputsBlocked : inputsBlocked);
    }

    public List<InFlightExitChallenged> challenges() {
      return List.copyOf(challenges);
    }

    public List<InFlightExitResponded> responses() {
      return List.copyOf(responses);
    }

    public boolean finalized() {
      return finalized;
    }

    /** Whether the game settled it as canonical (its outputs' piggybacks were the side paid). */
    public boolean paidCanonical() {
      return paidCanonical;
    }

    /** The contract's current view: challenged and not answered since means not canonical. */
    public boolean challengedNow() {
      long lastChallenge =
          challenges.stream().mapToLong(InFlightExitChallenged::l1Block).max().orElse(-1);
      long lastResponse =
          responses.stream().mapToLong(InFlightExitResponded::l1Block).max().orElse(-1);
      return lastChallenge >= 0 && lastChallenge > lastResponse;
    }

    /**
     * Whether the game holds this exit non-canonical against any response from an inclusion at
     * {@code own} ({@link Long#MAX_VALUE} when not included): challenged now by a competitor it
     * proved included no later than that. The game took the competitor's owner signature as an
     * argument and proved only its txBytes, so the watcher may know no spend of it at all.
     */
    public boolean provenOlderThan(long own) {
      if (!challengedNow()) {
        return false;
      }
      long proven = challenges.get(challenges.size() - 1).competitorPosition();
      // 0: the competitor is not included, and any inclusion beats it
      return proven != 0 && own >= proven;
    }
  }

  /** A mass exit and its challenged leaves. */
  public static final class MassExit {
    private final MassExitStarted started;
    private final Set<Integer> challengedLeaves = new HashSet<>();
    private boolean finalized;
    private BigInteger escrow;

    MassExit(MassExitStarted started) {
      this.started = started;
    }

    public MassExitStarted started() {
      return started;
    }

    public boolean leafChallenged(int leafIndex) {
      return challengedLeaves.contains(leafIndex);
    }

    public boolean finalized() {
      return finalized;
    }

    /** What the batch's leaves share if less than their amount arrived at processing. */
    public Optional<BigInteger> shortEscrow() {
      return Optional.ofNullable(escrow);
    }
  }

  private final Map<Long, StandardExit> standard = new LinkedHashMap<>();
  private final Map<BigInteger, InFlightExit> inFlight = new LinkedHashMap<>();
  private final Map<BigInteger, MassExit> mass = new LinkedHashMap<>();
  /** Queue entries whose game reverted at processing, by token and entry: open until retried. */
  private final Map<String, ExitDeferred> deferred = new LinkedHashMap<>();

  /** Applies one root-chain event; the node applies a batch's events in log order. */
  public void apply(L1Event event) {
    switch (event) {
      case ExitStartedEvent e -> standard.putIfAbsent(e.position(), new StandardExit(e));
      case ExitChallengedEvent e ->
        standardExit(e.position()).ifPresent(x -> x.state = State.CHALLENGED);
      case ExitFinalizedEvent e ->
        standardExit(e.position()).ifPresent(x -> x.state = State.FINALIZED);
      case InFlightExitStarted s -> {
        TxResult<Transaction> tx =
            TransactionDecoder.decodeTransaction(s.txBytes().toArray());
        if (tx.isOk()) {
          inFlight.putIfAbsent(s.ifeId(), new InFlightExit(s, tx.value()));
        }
      }
      case Piggybacked p ->
        ife(p.ifeId())
            .ifPresent(
                x -> (p.output() ? x.outputsPiggybacked : x.inputsPiggybacked).add(p.index()));
      case PiggybackBlocked p ->
        ife(p.ifeId())
            .ifPresent(x -> (p.output() ? x.outputsBlocked : x.inputsBlocked).add(p.index()));
      case InFlightExitChallenged c -> ife(c.ifeId()).ifPresent(x -> x.challenges.add(c));
      case InFlightExitResponded r -> ife(r.ifeId()).ifPresent(x -> x.responses.add(r));
      case InFlightExitFinalized f ->
        ife(f.ifeId()).ifPresent(x -> {
          x.finalized = true;
          x.paidCanonical |= f.canonical();
        });
      case MassExitStarted m -> mass.putIfAbsent(m.batchId(), new MassExit(m));
      case MassExitOutputChallenged c ->
        massExit(c.batchId()).ifPresent(x -> x.challengedLeaves.add(c.leafIndex()));
      case MassExitFinalized f -> massExit(f.batchId()).ifPresent(x -> x.finalized = true);
      case MassExitEscrowShort s -> massExit(s.batchId()).ifPresent(x -> x.escrow = s.escrow());
      // a deferred entry was not finalised: its game's exit stays open (no finalisation event was
      // emitted)
      case ExitDeferred d -> deferred.put(d.token().toHex() + ":" + d.entry(), d);
      case DeferredExitRetried r -> deferred.remove(r.token().toHex() + ":" + r.entry());
      default -> {
        // deposits, blocks, payouts and the cash game's events open or close no exit here
      }
    }
  }

  /** Entries waiting for {@code retryExit}, oldest first. */
  public Collection<ExitDeferred> deferred() {
    return List.copyOf(deferred.values());
  }

  public Optional<StandardExit> standardExit(long position) {
    return Optional.ofNullable(standard.get(position));
  }

  public Optional<InFlightExit> ife(BigInteger ifeId) {
    return Optional.ofNullable(inFlight.get(ifeId));
  }

  public Optional<MassExit> massExit(BigInteger batchId) {
    return Optional.ofNullable(mass.get(batchId));
  }

  public Collection<StandardExit> standardExits() {
    return List.copyOf(standard.values());
  }

  public Collection<InFlightExit> inFlightExits() {
    return List.copyOf(inFlight.values());
  }

  public Collection<MassExit> massExits() {
    return List.copyOf(mass.values());
  }
}
