package org.plasma4j.explorer;

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
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;

/**
 * Every exit of every kind, per token, as the root chain's events record them: standard exits,
 * in-flight exits and mass exits (the framework's one queue per token, contracts/src/framework/
 * ExitQueue.sol) and Plasma Cash coin exits (settled per coin by the cash game, outside the queue).
 * Pure: the events, the root chain's clock and the {@link Lookups} in, the queues out; the caller
 * takes all of them as of one root-chain block.
 *
 * <p>Each exit's status is what L1 recorded for its own id (started, challenged, processed, and for
 * a coin cancelled), never inferred from another exit's. The one fact no record or event keeps is
 * that processing popped a challenged standard exit; that is read from the token's queue, by the
 * entry's full priority key (see {@link #popped}).
 *
 * <p>Queued exits are ordered as the framework's heap orders its entries: by exitable time, then by
 * position (an in-flight exit's youngest input, a mass exit's youngest output), then by game kind,
 * then by the game's id. An in-flight exit sits in the ETH queue from its start (its bond is
 * settled there) and in each other token's queue from that token's first piggyback.
 */
public final class ExitQueues {

  /** The framework's game kinds, the order the heap breaks ties by (ExitGameRegistry.sol). */
  public enum Kind {
    STANDARD(0),
    IN_FLIGHT(1),
    MASS(2),
    COIN(3);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One exit in one token's queue (or, for a coin, one owner's exit of one coin).
   *
   * @param position the priority position: the output's, an in-flight exit's youngest input's, a
   *     mass exit's youngest output's, a coin's slot
   * @param id the game's id: the position, the in-flight exit's id, the batch id, the slot
   * @param amount what it claims in this token (null for an NFT coin: {@code detail} names it)
   * @param open whether it still waits to be processed (or, for a coin, finalized)
   */
  public record Entry(
      Kind kind,
      Address token,
      long exitableAt,
      long position,
      BigInteger id,
      Address owner,
      BigInteger amount,
      ExitStatus status,
      long secondsToMaturity,
      boolean open,
      String detail,
      long l1Block) {

    /** This exit as it now stands: its status, whether it is open, what it says, and since when. */
    Entry now(
        ExitStatus status, long secondsToMaturity, boolean open, String detail, long l1Block) {
      return new Entry(
          kind,
          token,
          exitableAt,
          position,
          id,
          owner,
          amount,
          status,
          secondsToMaturity,
          open,
          detail,
          l1Block);
    }
  }

  /**
   * One token's exits: the open ones in priority order, the deferred ones (popped, awaiting
   * {@code retryExit}) in priority order, the settled ones latest first.
   */
  public record Queue(
      Address token,
      List<Entry> open,
      List<Entry> deferred,
      List<Entry> settled,
      List<Entry> coins) {}

  /** What the events do not carry. */
  public interface Lookups {
    /** The output at {@code position} (the input an in-flight exit's input piggyback claims). */
    Optional<Output> output(long position);

    /** {@code owner}'s pending exit of coin {@code slot}: when it matures, its open challenges. */
    Optional<PendingCoinExit> coinExit(long slot, Address owner);

    /** {@code token}'s queue as L1 holds it, read at the block the events were followed to. */
    QueueOnL1 queue(Address token);
  }

  /**
   * A token's queue on L1: its length (challenged exits not yet popped included) and its head (the
   * framework's {@code nextExit}), empty when the queue is.
   */
  public record QueueOnL1(long length, Optional<Head> head) {
    public static final QueueOnL1 EMPTY = new QueueOnL1(0, Optional.empty());
  }

  /** The framework's queue head: its exitable time and priority position. */
  public record Head(long exitableAt, long position) {

    /** Where {@code e} sorts against this head by exitable time and position alone. */
    int compareTo(Entry e) {
      int byTime = Long.compare(exitableAt, e.exitableAt());
      return byTime != 0 ? byTime : Long.compare(position, e.position());
    }
  }

  public record PendingCoinExit(long exitableAt, int openChallenges) {}

  private static final Comparator<Entry> PRIORITY = Comparator.comparingLong(Entry::exitableAt)
      .thenComparingLong(Entry::position)
      .thenComparingInt(e -> e.kind().code)
      .thenComparing(Entry::id);

  private ExitQueues() {}

  /** The queues of every token an event names, ETH first, each token in order of appearance. */
  public static List<Queue> build(List<L1Event> events, long now, Lookups lookups) {
    List<Entry> queued = new ArrayList<>();
    queued.addAll(standard(events, now));
    queued.addAll(inFlight(events, now, lookups));
    queued.addAll(mass(events, now));
    List<Entry> all = new ArrayList<>(deferred(settleChallenged(queued, lookups), events));
    all.addAll(coins(events, now, lookups));
    Set<Address> tokens = new LinkedHashSet<>();
    tokens.add(Address.ETH);
    for (L1Event e : events) {
      if (e instanceof RootChain.DepositEvent d) {
        tokens.add(d.token());
      }
    }
    all.forEach(e -> tokens.add(e.token()));
    List<Queue> out = new ArrayList<>();
    for (Address token : tokens) {
      List<Entry> mine = all.stream().filter(e -> e.token().equals(token)).toList();
      out.add(new Queue(
          token,
          mine.stream()
              .filter(e -> e.open() && e.kind() != Kind.COIN)
              .sorted(PRIORITY)
              .toList(),
          mine.stream()
              .filter(e -> e.status() == ExitStatus.DEFERRED)
              .sorted(PRIORITY)
              .toList(),
          mine.stream()
              .filter(e -> !e.open() && e.kind() != Kind.COIN && e.status() != ExitStatus.DEFERRED)
              .sorted(Comparator.comparingLong(Entry::l1Block).reversed())
              .toList(),
          mine.stream()
              .filter(e -> e.kind() == Kind.COIN)
              .sorted(Comparator.comparing((Entry e) -> !e.open())
                  .thenComparingLong(Entry::exitableAt)
                  .thenComparingLong(Entry::position))
              .toList()));
    }
    return out;
  }

  /** The exits {@code owner} started, of every kind, in priority order. */
  public static List<Entry> of(List<Queue> queues, Address owner) {
    List<Entry> out = new ArrayList<>();
    for (Queue q : queues) {
      for (List<Entry> list : List.of(q.open(), q.deferred(), q.settled(), q.coins())) {
        list.stream().filter(e -> e.owner().equals(owner)).forEach(out::add);
      }
    }
    out.sort(PRIORITY);
    return out;
  }

  // ---- standard exits: ExitStarted, ExitChallenged, ExitOmitted, ExitFinalized ----

  private static List<Entry> standard(List<L1Event> events, long now) {
    Map<Long, RootChain.ExitStartedEvent> started = new LinkedHashMap<>();
    Map<Long, String> ended = new HashMap<>();
    Map<Long, ExitStatus> endStatus = new HashMap<>();
    Map<Long, Long> endBlock = new HashMap<>();
    for (L1Event e : events) {
      switch (e) {
        case RootChain.ExitStartedEvent s -> started.put(s.position(), s);
        case RootChain.ExitChallengedEvent c -> {
          endStatus.put(c.position(), ExitStatus.CHALLENGED);
          ended.put(c.position(), "challenged by " + c.challenger().toHex());
          endBlock.put(c.position(), c.l1Block());
        }
        case ExitGameEvents.ExitOmitted o -> {
          endStatus.put(o.position(), ExitStatus.PROCESSED);
          ended.put(
              o.position(),
              "omitted: a canonical in-flight transaction spent the output; bond refunded");
          endBlock.put(o.position(), o.l1Block());
        }
        case RootChain.ExitFinalizedEvent f -> {
          endStatus.put(f.position(), ExitStatus.PROCESSED);
          ended.put(f.position(), "paid");
          endBlock.put(f.position(), f.l1Block());
        }
        default -> {}
      }
    }
    List<Entry> out = new ArrayList<>();
    for (RootChain.ExitStartedEvent s : started.values()) {
      ExitStatus status = endStatus.getOrDefault(s.position(), timed(s.exitableAt(), now));
      out.add(new Entry(
          Kind.STANDARD,
          s.token(),
          s.exitableAt(),
          s.position(),
          BigInteger.valueOf(s.position()),
          s.owner(),
          s.amount(),
          status,
          ExitStatus.secondsToMaturity(status, s.exitableAt(), now),
          // a challenged exit stays in the heap until processing pops it: settleChallenged decides
          !endStatus.containsKey(s.position()) || status == ExitStatus.CHALLENGED,
          ended.getOrDefault(s.position(), ""),
          endBlock.getOrDefault(s.position(), s.l1Block())));
    }
    return out;
  }

  /**
   * A challenged standard exit stays in the framework's heap until processing pops it, unpaid,
   * without an event and without a change to its exit record (its state stays challenged): only the
   * heap tells whether it is still there. Everything else a queued exit can become is an event of
   * its own id, so this is the one fact read from the queue, at the same block as the events.
   */
  private static List<Entry> settleChallenged(List<Entry> queued, Lookups lookups) {
    Map<Address, Set<Entry>> popped = new HashMap<>();
    List<Entry> out = new ArrayList<>();
    for (Entry e : queued) {
      if (e.kind() != Kind.STANDARD || e.status() != ExitStatus.CHALLENGED) {
        out.add(e);
        continue;
      }
      boolean gone = popped
          .computeIfAbsent(e.token(), t -> popped(inQueue(queued, t), lookups.queue(t)))
          .contains(e);
      out.add(e.now(
          e.status(),
          e.secondsToMaturity(),
          !gone,
          e.detail()
              + (gone
                  ? "; left the queue unpaid"
                  : "; leaves the queue unpaid when processing reaches it"),
          e.l1Block()));
    }
    return out;
  }

  /**
   * The queue entries processing popped but whose game reverted (ExitDeferred) and that no
   * {@code retryExit} has finalised yet (DeferredExitRetried): out of the heap, unpaid, their funds
   * still in the vault. Only an in-flight or a mass exit can be deferred (the framework settles
   * standard exits itself), and an entry is one exit in one token's queue, so the entry's kind, id
   * and token name the row. An entry retried is settled by its game's own finalisation event.
   */
  private static List<Entry> deferred(List<Entry> queued, List<L1Event> events) {
    Map<DeferredKey, ExitGameEvents.ExitDeferred> waiting = new HashMap<>();
    Set<DeferredKey> retried = new HashSet<>();
    for (L1Event e : events) {
      switch (e) {
        case ExitGameEvents.ExitDeferred d -> waiting.put(DeferredKey.of(d.token(), d.entry()), d);
        case ExitGameEvents.DeferredExitRetried r -> {
          DeferredKey k = DeferredKey.of(r.token(), r.entry());
          waiting.remove(k);
          retried.add(k);
        }
        default -> {}
      }
    }
    List<Entry> out = new ArrayList<>();
    for (Entry e : queued) {
      DeferredKey k = new DeferredKey(e.token(), e.kind().code, e.id());
      ExitGameEvents.ExitDeferred d = waiting.get(k);
      if (d != null && e.open()) {
        out.add(e.now(
            ExitStatus.DEFERRED,
            0,
            false,
            e.detail() + "; deferred, awaiting retry: its game reverted ("
                + d.reason().toHex() + ") when processing popped it, so it is unpaid and"
                + " anyone may call retryExit",
            d.l1Block()));
      } else if (retried.contains(k) && !e.open()) {
        out.add(e.now(
            e.status(),
            e.secondsToMaturity(),
            e.open(),
            e.detail() + "; finalised by retryExit after a deferral",
            e.l1Block()));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  /** A queue entry as the framework packs it (ExitQueue.sol): its token, game kind and exit id. */
  private record DeferredKey(Address token, int kind, BigInteger id) {
    private static final BigInteger ID_MASK =
        BigInteger.ONE.shiftLeft(120).subtract(BigInteger.ONE);

    static DeferredKey of(Address token, BigInteger entry) {
      return new DeferredKey(token, entry.shiftRight(120).intValue() & 0xff, entry.and(ID_MASK));
    }
  }

  /** Every entry {@code token}'s heap was given, in the heap's priority order. */
  private static List<Entry> inQueue(List<Entry> queued, Address token) {
    return queued.stream().filter(e -> e.token().equals(token)).sorted(PRIORITY).toList();
  }

  /**
   * The entries of one token's heap ({@code enqueued}, in priority order) that processing has
   * popped. The heap pops in priority order, and whatever is queued after a pop sorts after it (it
   * matures at least one exit period after its start, and only matured entries are popped), so the
   * popped entries are always the first ones: those that sort before L1's head are popped, those
   * after it are queued. The head names its exitable time and position but not its kind or id, so
   * of the entries sharing those with the head (a standard, an in-flight and a mass exit can), the
   * last ones are queued: as many as the queue's length leaves once the entries after the head are
   * counted. Were an entry after the head missing from {@code enqueued}, fewer tied entries would
   * count as popped, never more.
   */
  static Set<Entry> popped(List<Entry> enqueued, QueueOnL1 l1) {
    if (l1.head().isEmpty()) {
      return Set.copyOf(enqueued);
    }
    Head head = l1.head().get();
    Set<Entry> popped = new HashSet<>();
    List<Entry> tied = new ArrayList<>();
    long after = 0;
    for (Entry e : enqueued) {
      int vsHead = -head.compareTo(e);
      if (vsHead < 0) {
        popped.add(e);
      } else if (vsHead == 0) {
        tied.add(e);
      } else {
        after++;
      }
    }
    long tiedQueued = Math.clamp(l1.length() - after, 0, tied.size());
    popped.addAll(tied.subList(0, tied.size() - (int) tiedQueued));
    return popped;
  }

  // ---- in-flight exits: one entry per token queue the exit is in ----

  private static List<Entry> inFlight(List<L1Event> events, long now, Lookups lookups) {
    Map<BigInteger, ExitGameEvents.InFlightExitStarted> started = new LinkedHashMap<>();
    Map<BigInteger, Transaction> txs = new HashMap<>();
    Map<BigInteger, Set<Address>> queuedIn = new HashMap<>();
    Map<BigInteger, List<String>> piggybacks = new HashMap<>();
    Map<BigInteger, Address> challengedBy = new HashMap<>();
    Map<BigInteger, Map<Address, Long>> finalizedIn = new HashMap<>();
    Map<BigInteger, Map<Address, Boolean>> canonicalIn = new HashMap<>();
    for (L1Event e : events) {
      switch (e) {
        case ExitGameEvents.InFlightExitStarted s -> {
          started.put(s.ifeId(), s);
          TxResult<Transaction> tx =
              TransactionDecoder.decodeTransaction(s.txBytes().toArray());
          if (tx.isOk()) {
            txs.put(s.ifeId(), tx.value());
          }
          queuedIn.computeIfAbsent(s.ifeId(), k -> new LinkedHashSet<>()).add(Address.ETH);
        }
        case ExitGameEvents.Piggybacked p -> {
          if (!started.containsKey(p.ifeId())) {
            continue;
          }
          piggybacks
              .computeIfAbsent(p.ifeId(), k -> new ArrayList<>())
              .add((p.output() ? "out:" : "in:") + p.index());
          piggybackedToken(txs.get(p.ifeId()), p, lookups)
              .ifPresent(t -> queuedIn.get(p.ifeId()).add(t));
        }
        case ExitGameEvents.InFlightExitChallenged c -> challengedBy.put(c.ifeId(), c.challenger());
        case ExitGameEvents.InFlightExitResponded r -> challengedBy.remove(r.ifeId());
        case ExitGameEvents.InFlightExitFinalized f -> {
          finalizedIn.computeIfAbsent(f.ifeId(), k -> new HashMap<>()).put(f.token(), f.l1Block());
          canonicalIn
              .computeIfAbsent(f.ifeId(), k -> new HashMap<>())
              .put(f.token(), f.canonical());
        }
        default -> {}
      }
    }
    List<Entry> out = new ArrayList<>();
    for (ExitGameEvents.InFlightExitStarted s : started.values()) {
      Transaction tx = txs.get(s.ifeId());
      Map<Address, Long> finalized = finalizedIn.getOrDefault(s.ifeId(), Map.of());
      Set<Address> tokens = new LinkedHashSet<>(queuedIn.get(s.ifeId()));
      tokens.addAll(finalized.keySet());
      for (Address token : tokens) {
        Long doneAt = finalized.get(token);
        ExitStatus status = doneAt != null
            ? ExitStatus.PROCESSED
            : challengedBy.containsKey(s.ifeId())
                ? ExitStatus.CHALLENGED
                : timed(s.exitableAt(), now);
        StringBuilder detail =
            new StringBuilder("transaction ").append(s.txHash().toHex());
        List<String> pb = piggybacks.getOrDefault(s.ifeId(), List.of());
        detail.append(pb.isEmpty() ? "; no piggyback" : "; piggybacks " + String.join(",", pb));
        if (doneAt != null) {
          boolean canonical = canonicalIn.get(s.ifeId()).get(token);
          detail.append(canonical ? "; settled canonical" : "; settled non-canonical");
        } else if (challengedBy.containsKey(s.ifeId())) {
          detail
              .append("; shown non-canonical by ")
              .append(challengedBy.get(s.ifeId()).toHex());
        }
        out.add(new Entry(
            Kind.IN_FLIGHT,
            token,
            s.exitableAt(),
            s.youngestInputPosition(),
            s.ifeId(),
            s.initiator(),
            tx == null ? BigInteger.ZERO : outputsIn(tx, token),
            status,
            ExitStatus.secondsToMaturity(status, s.exitableAt(), now),
            doneAt == null,
            detail.toString(),
            doneAt == null ? s.l1Block() : doneAt));
      }
    }
    return out;
  }

  private static Optional<Address> piggybackedToken(
      Transaction tx, ExitGameEvents.Piggybacked p, Lookups lookups) {
    if (tx == null) {
      return Optional.empty();
    }
    if (p.output()) {
      return p.index() < tx.outputs().size()
          ? Optional.of(tx.outputs().get(p.index()).token())
          : Optional.empty();
    }
    return p.index() < tx.inputs().size()
        ? lookups.output(tx.inputs().get(p.index()).encode()).map(Output::token)
        : Optional.empty();
  }

  private static BigInteger outputsIn(Transaction tx, Address token) {
    return tx.outputs().stream()
        .filter(o -> o.token().equals(token))
        .map(Output::amount)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  // ---- mass exits: one queue entry per batch ----

  private static List<Entry> mass(List<L1Event> events, long now) {
    Map<BigInteger, ExitGameEvents.MassExitStarted> started = new LinkedHashMap<>();
    Map<BigInteger, Set<Integer>> challenged = new HashMap<>();
    Map<BigInteger, Long> finalized = new HashMap<>();
    for (L1Event e : events) {
      switch (e) {
        case ExitGameEvents.MassExitStarted s -> started.put(s.batchId(), s);
        case ExitGameEvents.MassExitOutputChallenged c ->
          challenged.computeIfAbsent(c.batchId(), k -> new LinkedHashSet<>()).add(c.leafIndex());
        case ExitGameEvents.MassExitFinalized f -> finalized.put(f.batchId(), f.l1Block());
        default -> {}
      }
    }
    List<Entry> out = new ArrayList<>();
    for (ExitGameEvents.MassExitStarted s : started.values()) {
      Set<Integer> gone = challenged.getOrDefault(s.batchId(), Set.of());
      BigInteger remaining = BigInteger.ZERO;
      for (int i = 0; i < s.leaves().size(); i++) {
        if (!gone.contains(i)) {
          remaining = remaining.add(s.leaves().get(i).amount());
        }
      }
      Long doneAt = finalized.get(s.batchId());
      ExitStatus status = doneAt != null
          ? ExitStatus.PROCESSED
          : !s.leaves().isEmpty() && gone.size() == s.leaves().size()
              ? ExitStatus.CHALLENGED
              : timed(s.exitableAt(), now);
      out.add(new Entry(
          Kind.MASS,
          s.token(),
          s.exitableAt(),
          s.youngestPosition(),
          s.batchId(),
          s.initiator(),
          remaining,
          status,
          ExitStatus.secondsToMaturity(status, s.exitableAt(), now),
          doneAt == null,
          "batch " + s.batchId() + ": " + s.leaves().size() + " outputs, " + gone.size()
              + " challenged",
          doneAt == null ? s.l1Block() : doneAt));
    }
    return out;
  }

  // ---- coin exits: the cash game's claims, settled per coin ----

  private record CoinKey(long slot, Address owner) {}

  private static List<Entry> coins(List<L1Event> events, long now, Lookups lookups) {
    Map<Long, CashGameEvents.CoinDeposited> deposited = new HashMap<>();
    List<Entry> out = new ArrayList<>();
    Map<CoinKey, CashGameEvents.CoinExitStarted> pending = new LinkedHashMap<>();
    for (L1Event e : events) {
      switch (e) {
        case CashGameEvents.CoinDeposited d -> deposited.put(d.slot(), d);
        case CashGameEvents.CoinExitStarted s -> pending.put(new CoinKey(s.slot(), s.owner()), s);
        case CashGameEvents.CoinExitCancelled c -> {
          CashGameEvents.CoinExitStarted s = pending.remove(new CoinKey(c.slot(), c.owner()));
          if (s != null) {
            boolean lost = c.reason() != 4;
            out.add(coinEntry(
                s,
                deposited.get(s.slot()),
                0,
                now,
                lost ? ExitStatus.CHALLENGED : ExitStatus.CANCELLED,
                false,
                cancelReason(c),
                c.l1Block()));
          }
        }
        case CashGameEvents.CoinExitFinalized f -> {
          CashGameEvents.CoinExitStarted s = pending.remove(new CoinKey(f.slot(), f.owner()));
          if (s != null) {
            out.add(coinEntry(
                s,
                deposited.get(s.slot()),
                0,
                now,
                ExitStatus.PROCESSED,
                false,
                "won the coin",
                f.l1Block()));
          }
        }
        default -> {}
      }
    }
    for (CashGameEvents.CoinExitStarted s : pending.values()) {
      Optional<PendingCoinExit> claim = lookups.coinExit(s.slot(), s.owner());
      long exitableAt = claim.map(PendingCoinExit::exitableAt).orElse(0L);
      int challenges = claim.map(PendingCoinExit::openChallenges).orElse(0);
      ExitStatus status = challenges > 0
          ? ExitStatus.CHALLENGED
          : claim.isEmpty() ? ExitStatus.STARTED : timed(exitableAt, now);
      out.add(coinEntry(
          s,
          deposited.get(s.slot()),
          exitableAt,
          now,
          status,
          true,
          claim.isEmpty()
              ? "its maturity is unknown: the cash game did not answer"
              : challenges > 0 ? challenges + " open challenge(s) to answer" : "",
          s.l1Block()));
    }
    return out;
  }

  private static Entry coinEntry(
      CashGameEvents.CoinExitStarted s,
      CashGameEvents.CoinDeposited coin,
      long exitableAt,
      long now,
      ExitStatus status,
      boolean open,
      String detail,
      long l1Block) {
    boolean nft = coin != null && coin.kind() == 2;
    String what = "coin " + Long.toUnsignedString(s.slot()) + " from block " + s.exitBlock()
        + (nft ? ", token id " + coin.value() : "");
    return new Entry(
        Kind.COIN,
        coin == null ? Address.ETH : coin.token(),
        exitableAt,
        s.slot(),
        new BigInteger(Long.toUnsignedString(s.slot())),
        s.owner(),
        coin == null || nft ? null : coin.value(),
        status,
        ExitStatus.secondsToMaturity(status, exitableAt, now),
        open,
        detail.isEmpty() ? what : what + "; " + detail,
        l1Block);
  }

  private static String cancelReason(CashGameEvents.CoinExitCancelled c) {
    return switch (c.reason()) {
      case 1 ->
        "challenged: the exiting transfer was spent (bond to " + c.challenger().toHex() + ")";
      case 2 ->
        "challenged: a double spend before it (bond to " + c.challenger().toHex() + ")";
      case 3 -> "closed with an open challenge: bond forfeited to the coin";
      case 4 -> "another exit won the coin; bond refunded";
      default -> "cancelled (reason " + c.reason() + ")";
    };
  }

  private static ExitStatus timed(long exitableAt, long now) {
    return exitableAt <= now ? ExitStatus.PROCESSABLE : ExitStatus.STARTED;
  }
}
